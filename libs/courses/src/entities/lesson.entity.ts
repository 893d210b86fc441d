import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LessonKind } from '../course.enums';

@Entity({ name: 'lessons' })
export class LessonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  /** 1-based order within the course. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 10 })
  kind: LessonKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'boolean' })
  optional: boolean;

  /** Sanitised HTML of an ARTICLE. */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ name: 'min_reading_seconds', type: 'integer', nullable: true })
  minReadingSeconds: number | null;

  /** The film (VIDEO) or PDF (DOCUMENT). */
  @Column({ name: 'media_id', type: 'uuid', nullable: true })
  mediaId: string | null;

  @Column({ name: 'quiz_id', type: 'uuid', nullable: true })
  quizId: string | null;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
