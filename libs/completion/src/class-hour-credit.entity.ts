import { numericTransformer } from '@qinglian/database';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum CreditSource {
  TOUR = 'TOUR',
  COURSE = 'COURSE',
  QUIZ = 'QUIZ',
}

/** Class hours (学时) a cadre earned from one source; the completion records add these up. */
@Entity({ name: 'class_hour_credits' })
export class ClassHourCreditEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  source: CreditSource;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'numeric', precision: 6, scale: 2, transformer: numericTransformer })
  hours: number;

  @Column({ name: 'earned_at', type: 'timestamptz' })
  earnedAt: Date;

  @Column({ type: 'integer' })
  year: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
