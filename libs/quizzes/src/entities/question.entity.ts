import { CourseSubject } from '@qinglian/courses';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AnswerKey, QuestionOption } from '../grading/answers';
import { QuestionKind } from '../quiz.enums';

/** One version of a question. Versions of the same question share `familyId`; exactly one is current. */
@Entity({ name: 'questions' })
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'family_id', type: 'uuid' }) familyId: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'boolean' }) current: boolean;
  @Column({ type: 'varchar', length: 16 }) kind: QuestionKind;
  @Column({ type: 'text' }) stem: string;
  @Column({ type: 'jsonb' }) options: QuestionOption[];
  @Column({ type: 'jsonb' }) answer: AnswerKey;
  @Column({ type: 'text' }) explanation: string;
  @Column({ type: 'varchar', length: 300, nullable: true }) source: string | null;
  @Column({ type: 'varchar', length: 30 }) subject: CourseSubject;
  @Column({ type: 'smallint' }) difficulty: number;
  @Column({ type: 'text', array: true }) tags: string[];
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
}
