import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CadreRank, CadreTier, Role } from '../identity.enums';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'varchar', length: 20, nullable: true })
  tier: CadreTier | null;

  @Column({ name: 'is_leading', type: 'boolean', default: false })
  isLeading: boolean;

  @Column({ type: 'varchar', length: 30, nullable: true })
  rank: CadreRank | null;

  @Column({ name: 'appointment_date', type: 'date', nullable: true })
  appointmentDate: string | null;

  @Column({ name: 'spouse_name', type: 'varchar', length: 50, nullable: true })
  spouseName: string | null;

  @Column({ name: 'spouse_phone', type: 'varchar', length: 20, nullable: true })
  spousePhone: string | null;

  @Column({ name: 'spouse_email', type: 'varchar', length: 254, nullable: true })
  spouseEmail: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
