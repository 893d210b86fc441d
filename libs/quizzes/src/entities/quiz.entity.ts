import { numericTransformer } from '@qinglian/database';
import { CourseSubject } from '@qinglian/courses';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { QuestionKind, QuizMode, QuizStatus, ReviewPolicy, ScoringRule } from '../quiz.enums';

/** One rule of a drawn quiz: `count` questions matching every filter that is set. */
export interface DrawRule {
  count: number;
  kind?: QuestionKind | null;
  subject?: CourseSubject | null;
  minDifficulty?: number | null;
  maxDifficulty?: number | null;
  /** At least one of these tags. */
  tags?: string[] | null;
  /** Points per question (default 1). */
  points?: number | null;
}

@Entity({ name: 'quizzes' })
export class QuizEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 8 }) mode: QuizMode;
  @Column({ name: 'draw_rules', type: 'jsonb' }) drawRules: DrawRule[];
  @Column({ name: 'opens_at', type: 'timestamptz', nullable: true }) opensAt: Date | null;
  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true }) closesAt: Date | null;
  @Column({ name: 'time_limit_seconds', type: 'integer', nullable: true }) timeLimitSeconds: number | null;
  @Column({ name: 'max_attempts', type: 'integer', nullable: true }) maxAttempts: number | null;
  @Column({ name: 'min_delay_seconds', type: 'integer' }) minDelaySeconds: number;
  @Column({ name: 'pass_mark', type: 'numeric', precision: 5, scale: 2, transformer: numericTransformer }) passMark: number;
  @Column({ type: 'varchar', length: 8 }) scoring: ScoringRule;
  @Column({ name: 'review_policy', type: 'varchar', length: 12 }) reviewPolicy: ReviewPolicy;
  @Column({ name: 'integrity_exam', type: 'boolean' }) integrityExam: boolean;
  @Column({ name: 'class_hours', type: 'numeric', precision: 5, scale: 2, transformer: numericTransformer }) classHours: number;
  @Column({ type: 'boolean' }) contest: boolean;
  @Column({ name: 'live_ranking', type: 'boolean' }) liveRanking: boolean;
  @Column({ name: 'audience_unit_ids', type: 'uuid', array: true }) audienceUnitIds: string[];
  @Column({ type: 'varchar', length: 10 }) status: QuizStatus;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
