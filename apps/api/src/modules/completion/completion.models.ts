import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CompletionRecordEntity, CompletionRuleEntity, CompletionRunEntity, CompletionStatus } from '@qinglian/completion';
import { CadreTier } from '@qinglian/identity';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Connection } from '../../graphql/connection.model';
import { ClassHourCreditModel } from '../tours/class-hours.resolver';
import '../../graphql/enums';

registerEnumType(CompletionStatus, { name: 'CompletionStatus' });

@ObjectType('MissingItem', { description: 'A required item not yet done.' })
export class MissingItemModel {
  @Field({ description: 'COURSE, INTEGRITY_EXAM or COMMITMENT_LETTER' }) type: string;
  @Field(() => ID, { nullable: true }) id?: string;
  @Field() title: string;
  @Field(() => Date, { nullable: true, description: 'An individually assigned course: its own deadline.' }) dueAt?: Date | null;
}

@ObjectType('TierChange')
export class TierChangeModel {
  @Field(() => CadreTier) from: CadreTier;
  @Field(() => CadreTier) to: CadreTier;
  @Field(() => Date) at: Date;
}

@ObjectType('CompletionRecord', { description: "A cadre's record of one year: what the tier requires and what was earned." })
export class CompletionRecordModel {
  @Field(() => ID) userId: string;
  @Field(() => Int) year: number;
  @Field(() => CadreTier, { description: 'The tier at the last computation.' }) tier: CadreTier;
  @Field(() => ID) unitId: string;
  @Field(() => Float) requiredHours: number;
  @Field(() => Float) earnedCourse: number;
  @Field(() => Float) earnedQuiz: number;
  @Field(() => Float) earnedTour: number;
  @Field(() => Float, { description: 'Surplus of last year carried over (capped).' }) earnedCarry: number;
  @Field(() => Float) earnedTotal: number;
  @Field(() => Float, { description: 'Hours from required courses.' }) requiredCourseHours: number;
  @Field(() => Float, { description: 'Film time really watched in the year.' }) filmHours: number;
  @Field(() => Int) itemsDone: number;
  @Field(() => Int) itemsTotal: number;
  @Field(() => [MissingItemModel]) missing: MissingItemModel[];
  @Field(() => CompletionStatus) status: CompletionStatus;
  @Field(() => Date) dueAt: Date;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => Date) computedAt: Date;
  @Field(() => [TierChangeModel]) tierHistory: TierChangeModel[];
  @Field(() => String, { nullable: true, description: 'Code on the certificate, checkable at /certificates/verify/<code>.' }) certificateCode: string | null;

  static from(r: CompletionRecordEntity): CompletionRecordModel {
    return Object.assign(new CompletionRecordModel(), {
      ...r,
      missing: r.missing.map((m) => ({ ...m, dueAt: m.dueAt ? new Date(m.dueAt) : null })),
      tierHistory: r.tierHistory.map((t) => ({ ...t, at: new Date(t.at) })),
    });
  }
}

export const CompletionRecordConnection = Connection(CompletionRecordModel, 'CompletionRecordConnection');

@ObjectType('CompletionRule', { description: 'What a tier must do in a year.' })
export class CompletionRuleModel {
  @Field(() => Int) year: number;
  @Field(() => CadreTier) tier: CadreTier;
  @Field(() => Float) requiredHours: number;
  @Field(() => Float) minRequiredCourseHours: number;
  @Field(() => Float) minFilmHours: number;
  @Field(() => Int, { nullable: true }) programmeDays: number | null;
  @Field(() => [ID]) requiredCourseIds: string[];
  @Field() requireIntegrityExam: boolean;
  @Field() requireCommitmentLetter: boolean;
  @Field(() => Float) carryOverCap: number;

  static from(r: CompletionRuleEntity): CompletionRuleModel {
    return Object.assign(new CompletionRuleModel(), r);
  }
}

@InputType()
export class CompletionRuleInput {
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) requiredHours?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) minRequiredCourseHours?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) minFilmHours?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(3650) programmeDays?: number | null;
  @Field(() => [ID], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true, message: 'must be course ids' }) requiredCourseIds?: string[];
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() requireIntegrityExam?: boolean;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() requireCommitmentLetter?: boolean;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) carryOverCap?: number;
}

@ObjectType('CompletionRun', { description: 'A full recompute and its progress.' })
export class CompletionRunModel {
  @Field(() => ID) id: string;
  @Field(() => Int) year: number;
  @Field(() => CadreTier, { nullable: true }) tier: CadreTier | null;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field() status: string;
  @Field(() => Int) done: number;
  @Field(() => Int) total: number;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field(() => Date) startedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;

  static from(r: CompletionRunEntity): CompletionRunModel {
    return Object.assign(new CompletionRunModel(), r);
  }
}

@ObjectType('CompletionReportRow')
export class ReportRowModel {
  @Field(() => ID) unitId: string;
  @Field() unitName: string;
  @Field(() => CadreTier, { nullable: true, description: 'Null: every tier of the unit.' }) tier: CadreTier | null;
  @Field(() => Int) cadres: number;
  @Field(() => Int) completed: number;
  @Field(() => Int) inProgress: number;
  @Field(() => Int) notStarted: number;
  @Field(() => Int) overdue: number;
  @Field(() => Float, { description: 'Percent.' }) completionRate: number;
  @Field(() => Float) averageHours: number;
}

@ObjectType('OverdueLeader', { description: 'A leading cadre whose record is overdue.' })
export class OverdueLeaderModel {
  @Field(() => ID) userId: string;
  @Field() name: string;
  @Field() unitName: string;
  @Field(() => CadreTier) tier: CadreTier;
  @Field(() => Float) earnedTotal: number;
  @Field(() => Float) requiredHours: number;
}

@ObjectType('CompletionReport')
export class CompletionReportModel {
  @Field(() => Int) year: number;
  @Field(() => [ReportRowModel], { description: 'The unit (first) and each unit directly below it, subunits rolled up; per tier and all tiers.' }) rows: ReportRowModel[];
  @Field(() => [OverdueLeaderModel]) overdueLeaders: OverdueLeaderModel[];
}

export { ClassHourCreditModel };
