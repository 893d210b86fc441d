import { numericTransformer } from '@qinglian/database';
import { CadreTier } from '@qinglian/identity';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum CompletionStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  OVERDUE = 'OVERDUE',
}

/** What one tier must do in one year. */
@Entity({ name: 'completion_rules' })
export class CompletionRuleEntity {
  @PrimaryColumn({ type: 'integer' }) year: number;
  @PrimaryColumn({ type: 'varchar', length: 16 }) tier: CadreTier;
  @Column({ name: 'required_hours', type: 'numeric', precision: 6, scale: 2, transformer: numericTransformer }) requiredHours: number;
  /** Of the required hours, at least this many from required courses. */
  @Column({ name: 'min_required_course_hours', type: 'numeric', precision: 6, scale: 2, transformer: numericTransformer }) minRequiredCourseHours: number;
  /** Warning-education film time really watched in the year. */
  @Column({ name: 'min_film_hours', type: 'numeric', precision: 6, scale: 2, transformer: numericTransformer }) minFilmHours: number;
  /** New appointees: the programme is due this many days after the appointment date. */
  @Column({ name: 'programme_days', type: 'integer', nullable: true }) programmeDays: number | null;
  @Column({ name: 'required_course_ids', type: 'uuid', array: true }) requiredCourseIds: string[];
  @Column({ name: 'require_integrity_exam', type: 'boolean' }) requireIntegrityExam: boolean;
  @Column({ name: 'require_commitment_letter', type: 'boolean' }) requireCommitmentLetter: boolean;
  /** Surplus hours of last year counted this year, at most this many. */
  @Column({ name: 'carry_over_cap', type: 'numeric', precision: 6, scale: 2, transformer: numericTransformer }) carryOverCap: number;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export interface MissingItem {
  type: 'COURSE' | 'INTEGRITY_EXAM' | 'COMMITMENT_LETTER';
  id?: string;
  title: string;
  dueAt?: string | null;
}

/** A cadre's record of one year, written by the completion SQL only. */
@Entity({ name: 'completion_records' })
export class CompletionRecordEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'integer' }) year: number;
  @Column({ type: 'varchar', length: 16 }) tier: CadreTier;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @Column({ name: 'required_hours', type: 'numeric', transformer: numericTransformer }) requiredHours: number;
  @Column({ name: 'earned_course', type: 'numeric', transformer: numericTransformer }) earnedCourse: number;
  @Column({ name: 'earned_quiz', type: 'numeric', transformer: numericTransformer }) earnedQuiz: number;
  @Column({ name: 'earned_tour', type: 'numeric', transformer: numericTransformer }) earnedTour: number;
  @Column({ name: 'earned_carry', type: 'numeric', transformer: numericTransformer }) earnedCarry: number;
  @Column({ name: 'earned_total', type: 'numeric', transformer: numericTransformer }) earnedTotal: number;
  @Column({ name: 'required_course_hours', type: 'numeric', transformer: numericTransformer }) requiredCourseHours: number;
  @Column({ name: 'film_hours', type: 'numeric', transformer: numericTransformer }) filmHours: number;
  @Column({ name: 'items_total', type: 'integer' }) itemsTotal: number;
  @Column({ name: 'items_done', type: 'integer' }) itemsDone: number;
  @Column({ type: 'jsonb' }) missing: MissingItem[];
  @Column({ type: 'varchar', length: 12 }) status: CompletionStatus;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'computed_at', type: 'timestamptz' }) computedAt: Date;
  @Column({ name: 'tier_history', type: 'jsonb' }) tierHistory: { from: CadreTier; to: CadreTier; at: string }[];
  @Column({ name: 'overdue_notified_at', type: 'timestamptz', nullable: true }) overdueNotifiedAt: Date | null;
  @Column({ name: 'certificate_code', type: 'varchar', length: 24, nullable: true }) certificateCode: string | null;
}

/** A full recompute (nightly or started by an administrator) and its progress. */
@Entity({ name: 'completion_runs' })
export class CompletionRunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'integer' }) year: number;
  @Column({ type: 'varchar', length: 16, nullable: true }) tier: CadreTier | null;
  @Column({ name: 'unit_id', type: 'uuid', nullable: true }) unitId: string | null;
  @Column({ type: 'varchar', length: 10 }) status: 'RUNNING' | 'DONE' | 'FAILED';
  @Column({ type: 'integer' }) total: number;
  @Column({ type: 'integer' }) done: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'started_by', type: 'uuid', nullable: true }) startedBy: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
