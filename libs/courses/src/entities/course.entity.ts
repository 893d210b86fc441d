import { numericTransformer } from '@qinglian/database';
import { CadreTier } from '@qinglian/identity';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CourseStatus, CourseSubject } from '../course.enums';

@Entity({ name: 'courses' })
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'varchar', length: 30 })
  subject: CourseSubject;

  @Column({ name: 'class_hours', type: 'numeric', precision: 5, scale: 2, transformer: numericTransformer })
  classHours: number;

  @Column({ name: 'cover_media_id', type: 'uuid', nullable: true })
  coverMediaId: string | null;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  /** The year whose requirement the course counts towards. */
  @Column({ type: 'integer' })
  year: number;

  /** Required for cadres of these tiers (every tier when empty but units are set); elective for the rest. */
  @Column({ name: 'required_tiers', type: 'text', array: true })
  requiredTiers: CadreTier[];

  /** Narrows the requirement to these units and their subunits. */
  @Column({ name: 'required_unit_ids', type: 'uuid', array: true })
  requiredUnitIds: string[];

  @Column({ type: 'varchar', length: 10 })
  status: CourseStatus;

  /** 0 while never published; 1 on publishing; +1 for each edit of the published course. */
  @Column({ type: 'integer' })
  revision: number;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
