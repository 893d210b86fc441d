import { numericTransformer } from '@qinglian/database';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MediaKind, MediaStatus } from './media.enums';

/** One uploaded file (film, PDF or cover image) and, for films, what the worker read from it. */
@Entity({ name: 'media_assets' })
export class MediaAssetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 12 })
  kind: MediaKind;

  @Column({ type: 'varchar', length: 12 })
  status: MediaStatus;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @Column({ name: 'storage_key', type: 'varchar', length: 300 })
  storageKey: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: numericTransformer })
  sizeBytes: number;

  @Column({ name: 'duration_seconds', type: 'numeric', precision: 10, scale: 3, nullable: true, transformer: numericTransformer })
  durationSeconds: number | null;

  /** Where the duration came from: ffprobe, or the trainer when ffprobe could not read it. */
  @Column({ name: 'duration_source', type: 'varchar', length: 10, nullable: true })
  durationSource: 'PROBE' | 'TRAINER' | null;

  @Column({ name: 'poster_key', type: 'varchar', length: 300, nullable: true })
  posterKey: string | null;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
