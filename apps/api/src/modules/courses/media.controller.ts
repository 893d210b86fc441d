import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { Actor, BadUserInputException, Public } from '@qinglian/common';
import { Role } from '@qinglian/identity';
import { MediaKind, MediaService, MediaUploadService, MediaVariant } from '@qinglian/media';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentActor, Roles } from '../../auth/access.decorators';
import { MediaAssetModel } from './models/course.model';

const KINDS: Record<string, MediaKind> = { videos: MediaKind.VIDEO, documents: MediaKind.DOCUMENT, images: MediaKind.IMAGE };
const VARIANTS: MediaVariant[] = ['content', 'poster'];

/**
 * Files over plain HTTP. Uploads: multipart/form-data with one field "file",
 * streamed to storage (bearer token, trainers and administrators). Playback
 * and downloads: signed links handed out by the GraphQL API, with Range
 * support so players can seek.
 */
@Controller('media')
export class MediaController {
  constructor(
    private readonly uploads: MediaUploadService,
    private readonly media: MediaService,
  ) {}

  @Post(':kind')
  @HttpCode(201)
  @Roles(Role.ADMIN, Role.TRAINER)
  async upload(@CurrentActor() actor: Actor, @Param('kind') kindPath: string, @Req() req: Request): Promise<MediaAssetModel> {
    const kind = KINDS[kindPath];
    if (!kind) {
      req.resume();
      throw BadUserInputException.field('kind', `must be one of ${Object.keys(KINDS).join(', ')}`);
    }
    return MediaAssetModel.from(await this.uploads.upload(actor, kind, req.headers, req));
  }

  @Get(':id/:variant')
  @Public()
  async stream(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('variant') variant: string,
    @Query() query: { u?: string; e?: string; s?: string },
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!VARIANTS.includes(variant as MediaVariant)) throw BadUserInputException.field('variant', 'must be content or poster');
    const target = await this.media.openSigned(id, variant as MediaVariant, query);
    const size = target.sizeBytes;
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Content-Type', target.contentType);
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', 'inline');

    const ranges = req.headers.range ? req.range(size, { combine: true }) : undefined;
    if (ranges === -1) {
      res.status(416).setHeader('Content-Range', `bytes */${size}`);
      res.end();
      return;
    }
    // a malformed header (-2) or several ranges: the whole file, as HTTP allows
    const range = Array.isArray(ranges) && ranges.length === 1 && ranges.type === 'bytes' ? ranges[0] : undefined;
    if (range) {
      res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200).setHeader('Content-Length', String(size));
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const body = await this.media.read(target, range);
    await pipeline(body, res).catch(() => undefined); // the player closed the connection (seeking does this)
  }
}
