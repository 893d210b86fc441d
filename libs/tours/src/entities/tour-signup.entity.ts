import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SignUpStatus } from '../tour.enums';

@Entity({ name: 'tour_signups' })
export class TourSignUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tour_id', type: 'uuid' })
  tourId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 12 })
  status: SignUpStatus;

  /** Arrival order, from one database sequence: the waitlist is served in this order. */
  @Column({ type: 'bigint', insert: false, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  arrival: number;

  @Column({ type: 'varchar', length: 10, nullable: true })
  attendance: 'ATTENDED' | 'NO_SHOW' | null;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'checked_in_by', type: 'uuid', nullable: true })
  checkedInBy: string | null;

  @Column({ name: 'attendance_marked_at', type: 'timestamptz', nullable: true })
  attendanceMarkedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
