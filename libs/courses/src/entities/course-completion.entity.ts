import { numericTransformer } from '@qinglian/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Written once, when a cadre finishes a course: the revision they finished and the class hours it earned then. */
@Entity({ name: 'course_completions' })
export class CourseCompletionEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ name: 'class_hours', type: 'numeric', precision: 5, scale: 2, transformer: numericTransformer })
  classHours: number;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt: Date;

  @Column({ type: 'integer' })
  year: number;
}
