import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@tmk/shared-infrastructure';
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_STORE,
  FILE_STORAGE,
  type AttachmentLimits,
  type FileStorage,
} from '@tmk/consultations-application';
import { SqlAttachmentStore } from './attachment.store';
import { LocalFileStorage } from './local-file-storage';
import { S3FileStorage } from './s3-file-storage';

export * from './attachment.store';
export * from './local-file-storage';
export * from './s3-file-storage';

/** S3/MinIO when S3_BUCKET is set, otherwise the local folder ATTACHMENTS_DIR (relative to the cwd). */
export function fileStorageFromConfig(config: AppConfig): FileStorage {
  if (config.S3_BUCKET) {
    return new S3FileStorage({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      maxObjectBytes: config.ATTACHMENT_MAX_BYTES,
    });
  }
  return new LocalFileStorage(config.ATTACHMENTS_DIR);
}

export const attachmentLimitsFromConfig = (config: AppConfig): AttachmentLimits => ({
  maxFileBytes: config.ATTACHMENT_MAX_BYTES,
  maxRequestBytes: config.ATTACHMENTS_PER_REQUEST_MAX_BYTES,
});

/** Attachments: the SQL store, the file storage chosen by configuration and the size limits. */
export const consultationsAttachmentAdapters: Provider[] = [
  { provide: ATTACHMENT_STORE, useClass: SqlAttachmentStore },
  { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: fileStorageFromConfig },
  { provide: ATTACHMENT_LIMITS, inject: [APP_CONFIG], useFactory: attachmentLimitsFromConfig },
];
