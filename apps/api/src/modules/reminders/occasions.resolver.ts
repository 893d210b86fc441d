import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, Field, ID, InputType, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { OccasionKind, OccasionsService } from '@qinglian/reminders';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CurrentActor, SignedIn } from '../../auth/access.decorators';
import type { GraphQLContext } from '../../graphql/loaders';
import { OccasionModel, OccurrenceModel } from './reminder.models';

@InputType()
class ReportOccasionInput {
  @Field(() => OccasionKind) @IsEnum(OccasionKind) kind: OccasionKind;
  @Field({ description: 'YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }) date: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
  @Field(() => ID, { nullable: true, description: 'Administrators: record the occasion for this cadre.' }) @IsOptional() @IsUUID('all', { message: 'must be a user id' }) userId?: string;
}

/** Personal occasions: a cadre reports their own; an administrator may record one for a cadre of their units. */
@Resolver(() => OccasionModel)
export class OccasionsResolver {
  constructor(private readonly service: OccasionsService) {}

  @Mutation(() => OccasionModel, { description: 'Reports an occasion; the occasion reminders that reach the cadre are planned.' })
  @SignedIn()
  async reportOccasion(@CurrentActor() actor: Actor, @Args('input') input: ReportOccasionInput) {
    return OccasionModel.from(await this.service.report(actor, input));
  }

  @Mutation(() => OccasionModel, { description: 'Withdraws a report; its reminders not yet sent are cancelled.' })
  @SignedIn()
  async cancelOccasion(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return OccasionModel.from(await this.service.cancel(actor, id));
  }

  @Query(() => [OccasionModel], { description: 'Your occasions, or (administrators) those of a cadre; newest first.' })
  @SignedIn()
  async occasions(
    @CurrentActor() actor: Actor,
    @Args('userId', { type: () => ID, nullable: true }, new ParseUUIDPipe({ optional: true })) userId?: string,
  ) {
    return (await this.service.list(actor, userId)).map(OccasionModel.from);
  }

  @ResolveField(() => [OccurrenceModel], { description: 'Reminders planned for this occasion.' })
  async reminders(@Parent() occasion: OccasionModel, @Context() ctx: GraphQLContext) {
    return (await ctx.loaders.occasionReminders.load(occasion.id)).map(OccurrenceModel.from);
  }
}
