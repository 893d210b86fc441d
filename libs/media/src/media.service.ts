import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, BadUserInputException, ConflictException, ForbiddenException, hasRole, NotFoundException } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import { UnitsService } from '@qinglian/identity';
import { PermanentJobError } from '@qinglian/queue';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource, In } from 'typeorm';
import { MediaAssetEntity } from './media-asset.entity';
import { MediaKind, MediaStatus } from './media.enums';
import { MediaGrant, MediaUrlSigner, MediaVariant } from './signed-url';
import { MediaStorage } from './storage/media-storage';
import { ProbeUnavailableError, UnreadableVideoError, VideoProbe } from './video-probe';

export interface StreamTarget {
  key: string;
  contentType: string;
  sizeBytes: number;
}

/** Uploaded files: who may use them, signed links to their bytes, and what the worker reads from films. */
@Injectable()
export class MediaService {
  private readonly signer: MediaUrlSigner;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: MediaStorage,
    private readonly config: AppConfig,
    private readonly units: UnitsService,
    private readonly probe: VideoProbe,
  ) {
    this.signer = new MediaUrlSigner(config.get('JWT_SECRET'));
  }

  findByIds(ids: readonly string[]): Promise<MediaAssetEntity[]> {
    return ids.length ? this.dataSource.manager.find(MediaAssetEntity, { where: { id: In([...ids]) } }) : Promise.resolve([]);
  }

  /** An asset a trainer or administrator may use: uploaded in their unit subtree. */
  async getManaged(actor: Actor, id: string, kind?: MediaKind, field = 'id'): Promise<MediaAssetEntity> {
    const asset = await this.dataSource.manager.findOne(MediaAssetEntity, { where: { id } });
    if (!asset) throw new NotFoundException('Media', id);
    if (!hasRole(actor, 'ADMIN', 'TRAINER')) throw new ForbiddenException();
    await this.units.requireInScope(actor, asset.unitId, this.dataSource.manager, field);
    if (kind && asset.kind !== kind) throw BadUserInputException.field(field, `must be ${withArticle(kind)}, not ${withArticle(asset.kind)}`);
    return asset;
  }

  /** The duration a trainer enters when ffprobe could not read the film. */
  async setDuration(actor: Actor, id: string, seconds: number): Promise<MediaAssetEntity> {
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 24 * 3600) {
      throw BadUserInputException.field('seconds', 'must be between 1 second and 24 hours');
    }
    const asset = await this.getManaged(actor, id, MediaKind.VIDEO);
    if (asset.durationSource === 'PROBE') throw new ConflictException('The duration was read from the film itself and cannot be changed');
    await this.dataSource.manager.update(
      MediaAssetEntity,
      { id },
      { durationSeconds: Math.round(seconds * 1000) / 1000, durationSource: 'TRAINER', status: MediaStatus.READY, failureReason: null },
    );
    return (await this.dataSource.manager.findOneByOrFail(MediaAssetEntity, { id }));
  }

  // --- signed links -----------------------------------------------------------

  /** A link to the bytes for `userId`, valid MEDIA_URL_TTL_SECONDS. The caller has checked that the user may see them. */
  url(asset: Pick<MediaAssetEntity, 'id' | 'posterKey'>, userId: string, variant: MediaVariant = 'content', nowMs = Date.now()): string | null {
    if (variant === 'poster' && !asset.posterKey) return null;
    const ttl = this.config.get('MEDIA_URL_TTL_SECONDS');
    // round the expiry up to a minute, so the links of one page are equal and cacheable
    const expires = Math.ceil((nowMs / 1000 + ttl) / 60) * 60;
    const grant: MediaGrant = { mediaId: asset.id, variant, userId, expires };
    const base = (this.config.get('PUBLIC_URL') ?? '').replace(/\/$/, '');
    return `${base}/media/${asset.id}/${variant}?${this.signer.query(grant)}`;
  }

  /** Checks a signed link and returns what to stream; refuses with FORBIDDEN when expired or not ours. */
  async openSigned(mediaId: string, variant: MediaVariant, query: { u?: string; e?: string; s?: string }, nowMs = Date.now()): Promise<StreamTarget> {
    const grant: MediaGrant = { mediaId, variant, userId: query.u ?? '', expires: Number(query.e) };
    const refusal = this.signer.refusal(grant, query.s, Math.floor(nowMs / 1000));
    if (refusal) throw new ForbiddenException(refusal);
    const asset = await this.dataSource.manager.findOne(MediaAssetEntity, { where: { id: mediaId } });
    if (!asset) throw new NotFoundException('Media', mediaId);
    if (variant === 'poster') {
      if (!asset.posterKey) throw new NotFoundException('Poster', mediaId);
      const size = await this.storage.size(asset.posterKey);
      if (size === null) throw new NotFoundException('Poster', mediaId);
      return { key: asset.posterKey, contentType: 'image/jpeg', sizeBytes: size };
    }
    return { key: asset.storageKey, contentType: asset.contentType, sizeBytes: asset.sizeBytes };
  }

  read(target: StreamTarget, range?: { start: number; end: number }) {
    return this.storage.read(target.key, range);
  }

  // --- worker -----------------------------------------------------------------

  /**
   * Reads duration and poster frame of an uploaded film. Idempotent: a film
   * that is no longer PROCESSING is left alone. Failures that retrying cannot
   * fix (no ffprobe, unreadable film) are permanent.
   */
  async processVideo(mediaId: string): Promise<{ status: MediaStatus; durationSeconds?: number; skipped?: boolean }> {
    const asset = await this.dataSource.manager.findOne(MediaAssetEntity, { where: { id: mediaId } });
    if (!asset || asset.kind !== MediaKind.VIDEO || asset.status !== MediaStatus.PROCESSING) {
      return { status: asset?.status ?? MediaStatus.FAILED, skipped: true };
    }
    const posterKey = `posters/${asset.id}.jpg`;
    let duration: number;
    try {
      duration = await this.storage.withLocalFile(asset.storageKey, async (file) => {
        const seconds = await this.probe.duration(file);
        const dir = await mkdtemp(path.join(tmpdir(), 'qinglian-poster-'));
        try {
          const out = path.join(dir, 'poster.jpg');
          await this.probe.poster(file, seconds, out);
          await this.storage.write(posterKey, createReadStream(out), 'image/jpeg');
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
        return seconds;
      });
    } catch (error) {
      if (error instanceof ProbeUnavailableError) {
        throw new PermanentJobError(`${error.message}: enter the film's duration by hand`);
      }
      if (error instanceof UnreadableVideoError) throw new PermanentJobError(error.message);
      throw error;
    }
    await this.dataSource.manager.update(
      MediaAssetEntity,
      { id: asset.id, status: MediaStatus.PROCESSING },
      { status: MediaStatus.READY, durationSeconds: duration, durationSource: 'PROBE', posterKey, failureReason: null },
    );
    return { status: MediaStatus.READY, durationSeconds: duration };
  }

  /** After the last attempt: the lesson shows FAILED with the reason. */
  async markFailed(mediaId: string, reason: string): Promise<void> {
    await this.dataSource.manager.update(MediaAssetEntity, { id: mediaId, status: MediaStatus.PROCESSING }, { status: MediaStatus.FAILED, failureReason: reason.slice(0, 1000) });
  }
}

const withArticle = (kind: MediaKind) => `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind.toLowerCase()}`;
