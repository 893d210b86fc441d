import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@qinglian/config';
import { IdentityModule } from '@qinglian/identity';
import { MediaAssetEntity } from './media-asset.entity';
import { MediaUploadService } from './media-upload.service';
import { MediaService } from './media.service';
import { MediaStorage } from './storage/media-storage';
import { createMediaStorage } from './storage/storage.factory';
import { VideoProbe } from './video-probe';

@Module({
  imports: [TypeOrmModule.forFeature([MediaAssetEntity]), IdentityModule],
  providers: [
    { provide: MediaStorage, inject: [AppConfig], useFactory: createMediaStorage },
    MediaService,
    MediaUploadService,
    VideoProbe,
  ],
  exports: [MediaService, MediaUploadService, MediaStorage],
})
export class MediaModule {}
