import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ArgsType, Context, Field, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { CampaignsService, CampaignStatus, TriggerKind } from '@qinglian/reminders';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { CurrentActor, Roles } from '../../auth/access.decorators';
import { toConnection } from '../../graphql/connection.model';
import type { GraphQLContext } from '../../graphql/loaders';
import { PageArgs } from '../../graphql/page.args';
import { CampaignConnection, CampaignInput, CampaignModel, CampaignPreviewModel, CancelOutcomeModel, OccurrenceModel, OccurrenceStatsModel } from './reminder.models';

@ArgsType()
class CampaignsArgs extends PageArgs {
  @Field(() => CampaignStatus, { nullable: true }) @IsOptional() @IsEnum(CampaignStatus) status?: CampaignStatus;
  @Field(() => TriggerKind, { nullable: true }) @IsOptional() @IsEnum(TriggerKind) triggerKind?: TriggerKind;
}

@ArgsType()
class PreviewArgs {
  @Field(() => ID, { nullable: true, description: 'Render for this cadre; by default the first cadre of the audience.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  recipientId?: string | null;
}

/** Reminder campaigns: administrators write, preview, schedule and cancel them, and read what went out. */
@Resolver(() => CampaignModel)
export class CampaignsResolver {
  constructor(private readonly campaigns: CampaignsService) {}

  @Query(() => CampaignConnection, { description: 'Campaigns of your part of the organisation, newest first.' })
  @Roles(Role.ADMIN)
  async reminderCampaigns(@CurrentActor() actor: Actor, @Args() args: CampaignsArgs) {
    return toConnection(await this.campaigns.list(actor, { status: args.status, triggerKind: args.triggerKind }, args), CampaignModel.from);
  }

  @Query(() => CampaignModel)
  @Roles(Role.ADMIN)
  async reminderCampaign(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return CampaignModel.from(await this.campaigns.get(actor, id));
  }

  @Query(() => CampaignPreviewModel, { description: 'A saved campaign rendered for one recipient, with its audience per channel.' })
  @Roles(Role.ADMIN)
  async previewReminderCampaign(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string, @Args() args: PreviewArgs) {
    return this.campaigns.preview(actor, id, args.recipientId);
  }

  @Query(() => CampaignPreviewModel, { description: 'Live preview of campaign fields not yet saved (the same checks as saving).' })
  @Roles(Role.ADMIN)
  async previewReminderDraft(@CurrentActor() actor: Actor, @Args('input') input: CampaignInput, @Args() args: PreviewArgs) {
    return this.campaigns.previewDraft(actor, input, args.recipientId);
  }

  @Mutation(() => CampaignModel, { description: 'Creates a draft; unknown template variables and impossible triggers are refused.' })
  @Roles(Role.ADMIN)
  async createReminderCampaign(@CurrentActor() actor: Actor, @Args('input') input: CampaignInput) {
    return CampaignModel.from(await this.campaigns.create(actor, input));
  }

  @Mutation(() => CampaignModel, { description: 'Edits a draft or a scheduled campaign (which is then rescheduled).' })
  @Roles(Role.ADMIN)
  async updateReminderCampaign(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string, @Args('input') input: CampaignInput) {
    return CampaignModel.from(await this.campaigns.update(actor, id, input));
  }

  @Mutation(() => CampaignModel)
  @Roles(Role.ADMIN)
  async scheduleReminderCampaign(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return CampaignModel.from(await this.campaigns.schedule(actor, id));
  }

  @Mutation(() => CancelOutcomeModel, { description: 'Cancels a campaign; when sending has started, it stops and says how many went out.' })
  @Roles(Role.ADMIN)
  async cancelReminderCampaign(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    const outcome = await this.campaigns.cancel(actor, id);
    return { ...outcome, campaign: CampaignModel.from(outcome.campaign) };
  }

  @ResolveField(() => [OccurrenceModel])
  async occurrences(@Parent() campaign: CampaignModel, @Context() ctx: GraphQLContext) {
    return (await ctx.loaders.campaignOccurrences.load(campaign.id)).map(OccurrenceModel.from);
  }
}

@Resolver(() => OccurrenceModel)
export class OccurrenceResolver {
  @ResolveField(() => OccurrenceStatsModel, { description: 'Targeted, sent, failed (by reason), pending, skipped, acknowledged.' })
  async stats(@Parent() occurrence: OccurrenceModel, @Context() ctx: GraphQLContext) {
    return ctx.loaders.occurrenceStats.load(occurrence.id);
  }
}
