import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A version of the integrity commitment letter (廉政承诺书) text; never edited, a new version is added. */
@Entity({ name: 'commitment_letters' })
export class CommitmentLetterEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
}

/** A cadre's signature: the text signed, its hash and the time; the database refuses changes. */
@Entity({ name: 'commitment_signatures' })
export class CommitmentSignatureEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'letter_id', type: 'uuid' }) letterId: string;
  @Column({ name: 'attempt_id', type: 'uuid' }) attemptId: string;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'body_sha256', type: 'char', length: 64 }) bodySha256: string;
  @Column({ name: 'signed_at', type: 'timestamptz', precision: 3 }) signedAt: Date;
}
