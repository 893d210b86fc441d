import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Float, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { MediaService } from '@qinglian/media';
import { CurrentActor, Roles } from '../../auth/access.decorators';
import { MediaAssetModel } from './models/course.model';

const Id = (name: string) => Args(name, { type: () => ID }, ParseUUIDPipe);

@Resolver(() => MediaAssetModel)
export class MediaResolver {
  constructor(private readonly media: MediaService) {}

  @Query(() => MediaAssetModel, { description: 'An uploaded file of your part of the organisation, with its processing status.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async mediaAsset(@CurrentActor() actor: Actor, @Id('id') id: string) {
    return MediaAssetModel.from(await this.media.getManaged(actor, id));
  }

  @Mutation(() => MediaAssetModel, { description: "Enters a film's duration by hand when it could not be read from the file." })
  @Roles(Role.ADMIN, Role.TRAINER)
  async setVideoDuration(@CurrentActor() actor: Actor, @Id('id') id: string, @Args('seconds', { type: () => Float }) seconds: number) {
    return MediaAssetModel.from(await this.media.setDuration(actor, id, seconds));
  }
}
