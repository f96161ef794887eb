import { PassThrough, type Readable } from 'node:stream';
import { Client } from 'minio';
import { DomainError } from '@tmk/shared-kernel';
import type { FileStorage } from '@tmk/consultations-application';

export interface S3Settings {
  /** e.g. `http://minio:9000` or `https://s3.eu-central-1.amazonaws.com`. */
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  /** The largest object expected; sizes the multipart parts (and so the memory an upload holds). */
  readonly maxObjectBytes: number;
}

/** The part of the MinIO client this adapter uses (a fake one in unit tests). */
export type S3Client = Pick<
  Client,
  'putObject' | 'getObject' | 'removeObject' | 'statObject' | 'removeIncompleteUpload'
>;

/** Smallest part S3 allows: an upload holds about one part in memory while it is sent. */
const PART_BYTES = 5 * 1024 * 1024;

const notFound = (e: unknown): boolean =>
  typeof e === 'object' &&
  e !== null &&
  'code' in e &&
  ['NoSuchKey', 'NotFound'].includes(String((e as { code: unknown }).code));

export function s3ClientOf(settings: S3Settings): Client {
  const url = new URL(settings.endpoint);
  const useSSL = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    region: settings.region,
    accessKey: settings.accessKeyId,
    secretKey: settings.secretAccessKey,
    pathStyle: true,
    partSize: PART_BYTES,
  });
}

/**
 * Attachments in an S3 bucket (MinIO in the reference deployment). Objects are sent as multipart uploads of
 * 5 MiB parts, so no whole file is ever in memory; S3 makes an object visible only when its upload
 * completes. A failed upload is aborted and anything it created removed.
 */
export class S3FileStorage implements FileStorage {
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    client?: S3Client,
  ) {
    this.client = client ?? s3ClientOf(settings);
  }

  async put(key: string, content: Readable): Promise<void> {
    const { bucket } = this.settings;
    // The client pipes the body without listening for its errors: it gets a stream that always ends, and
    // a failure of `content` is remembered here (the object, complete but truncated, is then removed).
    const body = new PassThrough();
    const finish = () => {
      if (!body.writableEnded) body.end();
    };
    let failure: unknown = null;
    let bytes = 0;
    content.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    content.once('error', (e) => {
      failure = e;
      finish();
    });
    content.once('close', () => {
      if (content.readableEnded) return;
      failure ??= new Error('The upload was aborted');
      finish();
    });
    content.pipe(body);
    try {
      // The size is an upper bound: it makes the client stream parts instead of buffering the body.
      await this.client.putObject(bucket, key, body, Math.max(this.settings.maxObjectBytes, PART_BYTES + 1));
    } catch (e) {
      // An empty body completes a multipart upload with no parts, which S3 refuses: store it in one go.
      if (failure === null && bytes === 0 && content.readableEnded) {
        await this.client.putObject(bucket, key, Buffer.alloc(0), 0);
        return;
      }
      failure ??= e;
    }
    if (failure !== null) {
      content.unpipe(body);
      content.destroy();
      await this.remove(key);
      throw failure;
    }
  }

  private async remove(key: string): Promise<void> {
    const { bucket } = this.settings;
    await Promise.allSettled([
      this.client.removeIncompleteUpload(bucket, key),
      this.client.removeObject(bucket, key),
    ]);
  }

  async get(key: string): Promise<Readable> {
    try {
      return await this.client.getObject(this.settings.bucket, key);
    } catch (e) {
      if (notFound(e)) throw DomainError.notFound('CONSULTATIONS.FILE_MISSING', 'The file is missing');
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.removeObject(this.settings.bucket, key);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.statObject(this.settings.bucket, key);
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw e;
    }
  }
}
