import { numericTransformer } from '@qinglian/database';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AttemptStatus } from '../quiz.enums';

@Entity({ name: 'quiz_attempts' })
export class QuizAttemptEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'quiz_id', type: 'uuid' }) quizId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'varchar', length: 16 }) status: AttemptStatus;
  @Column({ name: 'started_at', type: 'timestamptz', precision: 3 }) startedAt: Date;
  @Column({ name: 'deadline_at', type: 'timestamptz', precision: 3, nullable: true }) deadlineAt: Date | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', precision: 3, nullable: true }) submittedAt: Date | null;
  @Column({ name: 'graded_at', type: 'timestamptz', precision: 3, nullable: true }) gradedAt: Date | null;
  @Column({ name: 'auto_submitted', type: 'boolean' }) autoSubmitted: boolean;
  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true, transformer: numericTransformer }) score: number | null;
  @Column({ name: 'max_score', type: 'numeric', precision: 8, scale: 2, transformer: numericTransformer }) maxScore: number;
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numericTransformer }) percent: number | null;
  @Column({ type: 'boolean', nullable: true }) passed: boolean | null;
}
