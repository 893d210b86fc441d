import type { AppConfig } from '@qinglian/config';
import { LocalDiskStorage } from './local-disk.storage';
import { MediaStorage } from './media-storage';
import { S3Storage } from './s3.storage';

/** The storage driver chosen by STORAGE_DRIVER. */
export function createMediaStorage(config: AppConfig): MediaStorage {
  if (config.get('STORAGE_DRIVER') === 's3') {
    return new S3Storage({
      endpoint: config.get('S3_ENDPOINT'),
      region: config.get('S3_REGION'),
      bucket: config.get('S3_BUCKET')!,
      accessKeyId: config.get('S3_ACCESS_KEY_ID')!,
      secretAccessKey: config.get('S3_SECRET_ACCESS_KEY')!,
      forcePathStyle: config.get('S3_FORCE_PATH_STYLE'),
    });
  }
  return new LocalDiskStorage(config.get('STORAGE_PATH'));
}
