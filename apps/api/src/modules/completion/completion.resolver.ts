import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '@qinglian/common';
import { CompletionRecordsService, CompletionStatus } from '@qinglian/completion';
import { CadreTier, Role } from '@qinglian/identity';
import { CurrentActor, Roles, SignedIn } from '../../auth/access.decorators';
import { toConnection } from '../../graphql/connection.model';
import type { GraphQLContext } from '../../graphql/loaders';
import { PageArgs } from '../../graphql/page.args';
import { ArgsType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  ClassHourCreditModel,
  CompletionRecordConnection,
  CompletionRecordModel,
  CompletionReportModel,
  CompletionRuleInput,
  CompletionRuleModel,
  CompletionRunModel,
} from './completion.models';

@ArgsType()
class CompletionRecordsArgs extends PageArgs {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'must be a unit id' }) unitId?: string | null;
  @Field(() => CadreTier, { nullable: true }) @IsOptional() @IsEnum(CadreTier) tier?: CadreTier | null;
  @Field(() => CompletionStatus, { nullable: true }) @IsOptional() @IsEnum(CompletionStatus) status?: CompletionStatus | null;
}

@ObjectType('CompletionPerson')
class CompletionPersonModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() isLeading: boolean;
}

@Resolver(() => CompletionRecordModel)
export class CompletionResolver {
  constructor(private readonly records: CompletionRecordsService) {}

  @Query(() => CompletionRecordModel, { description: 'Your record of a year (Asia/Shanghai), with the hours behind it.' })
  @SignedIn()
  async myCompletionRecord(@CurrentActor() actor: Actor, @Args('year', { type: () => Int }) year: number) {
    return CompletionRecordModel.from(await this.records.mine(actor, year));
  }

  @Query(() => [Int], { description: 'Years you have a record for, newest first; always includes this year (Asia/Shanghai).' })
  @SignedIn()
  myCompletionYears(@CurrentActor() actor: Actor) {
    return this.records.myYears(actor);
  }

  @Query(() => CompletionRecordModel, { description: 'A cadre of your part of the organisation.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async completionRecord(@CurrentActor() actor: Actor, @Args('userId', { type: () => ID }, ParseUUIDPipe) userId: string, @Args('year', { type: () => Int }) year: number) {
    return CompletionRecordModel.from(await this.records.forUser(actor, userId, year));
  }

  @Query(() => CompletionRecordConnection, { description: 'Records of your part of the organisation (or one unit of it).' })
  @Roles(Role.ADMIN, Role.TRAINER)
  async completionRecords(@CurrentActor() actor: Actor, @Args() args: CompletionRecordsArgs) {
    return toConnection(await this.records.list(actor, args, args), CompletionRecordModel.from);
  }

  @Query(() => CompletionReportModel, { description: 'Per unit (subunits rolled up) and tier: completed, in progress, overdue, completion rate, average hours.' })
  @Roles(Role.ADMIN, Role.TRAINER)
  completionReport(
    @CurrentActor() actor: Actor,
    @Args('year', { type: () => Int }) year: number,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('tier', { type: () => CadreTier, nullable: true }) tier?: CadreTier,
  ) {
    return this.records.report(actor, year, unitId, tier);
  }

  @Query(() => [CompletionRuleModel], { description: "Each tier's rule for a year (defaults are written the first time a year is used)." })
  @Roles(Role.ADMIN, Role.TRAINER)
  async completionRules(@Args('year', { type: () => Int }) year: number) {
    return (await this.records.rules(year)).map(CompletionRuleModel.from);
  }

  @Mutation(() => CompletionRunModel, { description: "Changes a tier's rule and recomputes that tier's records; returns the recompute run." })
  @Roles(Role.ADMIN)
  async setCompletionRule(
    @CurrentActor() actor: Actor,
    @Args('year', { type: () => Int }) year: number,
    @Args('tier', { type: () => CadreTier }) tier: CadreTier,
    @Args('input') input: CompletionRuleInput,
  ) {
    const { runId } = await this.records.setRule(actor, year, tier, input);
    return CompletionRunModel.from(await this.records.run(actor, runId));
  }

  @Mutation(() => CompletionRunModel, { description: 'Recomputes a year (optionally one tier or one unit subtree) in the worker; follow it with completionRun.' })
  @Roles(Role.ADMIN)
  async recomputeCompletion(
    @CurrentActor() actor: Actor,
    @Args('year', { type: () => Int }) year: number,
    @Args('tier', { type: () => CadreTier, nullable: true }) tier?: CadreTier,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
  ) {
    return CompletionRunModel.from(await this.records.startRun(actor, { year, tier, unitId }));
  }

  @Query(() => CompletionRunModel, { description: 'Progress of a recompute: done / total.' })
  @Roles(Role.ADMIN)
  async completionRun(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return CompletionRunModel.from(await this.records.run(actor, id));
  }

  @ResolveField(() => [ClassHourCreditModel], { description: 'Which course, quiz or tour gave which hours this year.' })
  async credits(@Parent() record: CompletionRecordModel, @Context() ctx: GraphQLContext) {
    return (await ctx.loaders.credits.load(`${record.userId}:${record.year}`)).map(ClassHourCreditModel.from);
  }

  @ResolveField(() => CompletionPersonModel)
  async person(@Parent() record: CompletionRecordModel, @Context() ctx: GraphQLContext) {
    const user = await ctx.loaders.user.load(record.userId);
    return { id: record.userId, name: user?.name ?? '', isLeading: user?.isLeading ?? false };
  }
}
