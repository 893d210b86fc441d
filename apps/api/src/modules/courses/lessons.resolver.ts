import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { MediaService } from '@qinglian/media';
import { CurrentActor } from '../../auth/access.decorators';
import type { GraphQLContext } from '../../graphql/loaders';
import { LessonModel, LessonProgressModel, MediaAssetModel } from './models/course.model';

@Resolver(() => LessonModel)
export class LessonsResolver {
  @ResolveField(() => MediaAssetModel, { nullable: true, description: 'VIDEO and DOCUMENT: the file, with its processing status.' })
  async media(@Parent() lesson: LessonModel, @Context() ctx: GraphQLContext) {
    const asset = lesson.mediaId ? await ctx.loaders.media.load(lesson.mediaId) : null;
    return asset ? MediaAssetModel.from(asset) : null;
  }

  @ResolveField(() => LessonProgressModel, { nullable: true, description: 'Your progress; null before you open the lesson.' })
  myProgress(@Parent() lesson: LessonModel, @Context() ctx: GraphQLContext) {
    return ctx.loaders.myLessonProgress.load(lesson.id);
  }
}

@Resolver(() => MediaAssetModel)
export class MediaAssetFieldsResolver {
  constructor(private readonly media: MediaService) {}

  @ResolveField(() => String, { description: 'Signed, short-lived link to the file (Range requests supported).' })
  url(@Parent() asset: MediaAssetModel, @CurrentActor() actor: Actor) {
    return this.media.url(asset, actor.id, 'content');
  }

  @ResolveField(() => String, { nullable: true, description: 'Films: signed link to the poster frame.' })
  posterUrl(@Parent() asset: MediaAssetModel, @CurrentActor() actor: Actor) {
    return this.media.url(asset, actor.id, 'poster');
  }
}

