import { numericTransformer } from '@qinglian/database';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TourKind, TourStatus } from '../tour.enums';

@Entity({ name: 'study_tours' })
export class StudyTourEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 30 })
  kind: TourKind;

  @Column({ type: 'varchar', length: 200 })
  destination: string;

  @Column({ name: 'meeting_point', type: 'varchar', length: 200, nullable: true })
  meetingPoint: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'integer' })
  capacity: number;

  /** Kept equal to the number of CONFIRMED sign-ups (a deferred trigger checks it at commit). */
  @Column({ name: 'confirmed_count', type: 'integer', default: 0 })
  confirmedCount: number;

  @Column({ name: 'signup_opens_at', type: 'timestamptz' })
  signUpOpensAt: Date;

  @Column({ name: 'signup_closes_at', type: 'timestamptz' })
  signUpClosesAt: Date;

  @Column({ name: 'cancel_cutoff_at', type: 'timestamptz' })
  cancelCutoffAt: Date;

  @Column({ name: 'eligible_tiers', type: 'text', array: true, default: () => `'{}'` })
  eligibleTiers: string[];

  @Column({ name: 'eligible_unit_ids', type: 'uuid', array: true, default: () => `'{}'` })
  eligibleUnitIds: string[];

  @Column({ name: 'leading_only', type: 'boolean', default: false })
  leadingOnly: boolean;

  @Column({ name: 'class_hours', type: 'numeric', precision: 5, scale: 2, default: 0, transformer: numericTransformer })
  classHours: number;

  @Column({ name: 'approval_required', type: 'boolean', default: false })
  approvalRequired: boolean;

  @Column({ type: 'varchar', length: 12, default: TourStatus.DRAFT })
  status: TourStatus;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
