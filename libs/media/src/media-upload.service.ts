import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, BadUserInputException, PayloadTooLargeException } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import { JobName, JobQueue } from '@qinglian/queue';
import busboy from 'busboy';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { DataSource } from 'typeorm';
import { MediaAssetEntity } from './media-asset.entity';
import { acceptedType, describeAccepted, SNIFF_BYTES } from './media-types';
import { MediaKind, MediaStatus } from './media.enums';
import { MediaStorage } from './storage/media-storage';

const MB = 1024 * 1024;

/** Passes bytes through once the first few agree with the declared type. */
class TypeCheck extends Transform {
  private head: Buffer[] = [];
  private headLength = 0;
  private checked = false;

  constructor(private readonly matches: (head: Buffer) => boolean, private readonly refusal: () => Error) {
    super();
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.checked) return done(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return done();
    this.verify(done);
  }

  _flush(done: TransformCallback): void {
    if (this.checked) return done();
    this.verify(done);
  }

  private verify(done: TransformCallback): void {
    this.checked = true;
    const head = Buffer.concat(this.head);
    this.head = [];
    if (head.length === 0) return done(BadUserInputException.field('file', 'is empty'));
    if (!this.matches(head)) return done(this.refusal());
    done(null, head);
  }
}

/**
 * Receives one file over multipart/form-data and streams it to storage while
 * it arrives: never held in memory, size-limited, type-checked by its first
 * bytes. A refused or interrupted upload leaves no file and no row.
 */
@Injectable()
export class MediaUploadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: MediaStorage,
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  limitBytes(kind: MediaKind): number {
    const mb = { [MediaKind.VIDEO]: 'MEDIA_MAX_VIDEO_MB', [MediaKind.DOCUMENT]: 'MEDIA_MAX_DOCUMENT_MB', [MediaKind.IMAGE]: 'MEDIA_MAX_IMAGE_MB' } as const;
    return this.config.get(mb[kind]) * MB;
  }

  async upload(actor: Actor, kind: MediaKind, headers: IncomingHttpHeaders, body: Readable): Promise<MediaAssetEntity> {
    const stored = await this.receive(kind, headers, body);
    try {
      const asset = await this.dataSource.manager.save(
        this.dataSource.manager.create(MediaAssetEntity, {
          kind,
          status: kind === MediaKind.VIDEO ? MediaStatus.PROCESSING : MediaStatus.READY,
          failureReason: null,
          storageKey: stored.key,
          contentType: stored.contentType,
          originalName: stored.originalName,
          sizeBytes: stored.sizeBytes,
          durationSeconds: null,
          durationSource: null,
          posterKey: null,
          unitId: actor.unitId,
          uploadedBy: actor.id,
        }),
      );
      if (kind === MediaKind.VIDEO) {
        try {
          await this.jobs.add(JobName.PROCESS_VIDEO, { mediaId: asset.id }, { jobId: `process-video-${asset.id}` });
        } catch (error) {
          await this.dataSource.manager.delete(MediaAssetEntity, { id: asset.id });
          throw error;
        }
      }
      return asset;
    } catch (error) {
      await this.storage.remove(stored.key).catch(() => undefined);
      throw error;
    }
  }

  private receive(kind: MediaKind, headers: IncomingHttpHeaders, body: Readable) {
    const limit = this.limitBytes(kind);
    const contentType = String(headers['content-type'] ?? '');
    if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
      body.resume();
      throw BadUserInputException.field('file', 'send the file as multipart/form-data in a field named "file"');
    }
    // browsers send the file name as raw UTF-8 in the part's header (busboy reads it as latin1 by default)
    const parser = busboy({ headers, defParamCharset: 'utf8', limits: { files: 1, fileSize: limit, fields: 10, fieldSize: 1024, parts: 12 } });

    return new Promise<{ key: string; contentType: string; originalName: string; sizeBytes: number }>((resolve, reject) => {
      let writing: Promise<{ sizeBytes: number }> | undefined;
      let check: TypeCheck | undefined;
      let meta: { key: string; contentType: string; originalName: string } | undefined;
      let failure: Error | undefined;
      let current: Readable | undefined;
      const fail = (error: Error) => {
        failure ??= error;
        check?.destroy(failure);
        // keep reading (and discarding) the rest, so the parser reaches the end of the request
        current?.unpipe().resume();
      };

      parser.on('file', (field, file, info) => {
        if (field !== 'file' || check) {
          file.resume();
          return;
        }
        const type = acceptedType(kind, info.mimeType);
        if (!type) {
          file.resume();
          fail(BadUserInputException.field('file', `must be ${describeAccepted(kind)}; got ${info.mimeType || 'no type'}`));
          return;
        }
        current = file;
        const now = new Date();
        const key = `${kind.toLowerCase()}s/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}.${type.extension}`;
        meta = { key, contentType: type.contentType, originalName: (info.filename || `upload.${type.extension}`).slice(0, 255) };
        check = new TypeCheck(type.matches, () =>
          BadUserInputException.field('file', `is not a ${type.extension} file: its content does not match ${type.contentType}`),
        );
        // errors reach storage.write through its pipeline, which may attach a moment later
        check.on('error', () => undefined);
        file.on('limit', () => fail(new PayloadTooLargeException(`file: is larger than the ${limit / MB} MB allowed for a ${kind.toLowerCase()}`, limit)));
        file.on('error', (error: Error) => fail(error));
        writing = this.storage.write(key, file.pipe(check), type.contentType);
        writing.catch(() => undefined);
      });
      parser.on('error', (error: Error) => {
        fail(BadUserInputException.field('file', `the upload was interrupted or malformed (${error.message})`));
        // answer only once the partial file is gone
        void Promise.resolve(writing?.catch(() => undefined)).then(() => reject(failure));
      });
      parser.on('close', () => {
        void (async () => {
          if (!writing || !meta) {
            throw failure ?? BadUserInputException.field('file', 'no file was sent: put it in a multipart field named "file"');
          }
          const result = await writing.catch((error: Error) => {
            throw failure ?? error;
          });
          if (failure) {
            await this.storage.remove(meta.key).catch(() => undefined);
            throw failure;
          }
          return { ...meta, sizeBytes: result.sizeBytes };
        })().then(resolve, reject);
      });
      body.on('aborted', () => fail(BadUserInputException.field('file', 'the upload was interrupted')));
      body.pipe(parser);
    });
  }
}
