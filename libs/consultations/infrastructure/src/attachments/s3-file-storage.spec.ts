import { PassThrough, Readable, Writable } from 'node:stream';
import { DomainError } from '@tmk/shared-kernel';
import { S3FileStorage, type S3Client } from './s3-file-storage';

/**
 * A stand-in for the MinIO client with its stream behaviour: it pipes the body without listening for the
 * body's errors (as minio's multipart upload does) and refuses a multipart upload with no parts.
 */
class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly calls: string[] = [];

  client(): S3Client {
    const fake: Pick<
      S3Client,
      'putObject' | 'getObject' | 'removeObject' | 'statObject' | 'removeIncompleteUpload'
    > = {
      putObject: async (_bucket: string, key: string, body: Readable | Buffer | string) => {
        this.calls.push(`put ${key}`);
        if (typeof body === 'string' || Buffer.isBuffer(body)) {
          this.objects.set(key, Buffer.from(body));
          return { etag: 'e', versionId: null };
        }
        const chunks: Buffer[] = [];
        await new Promise<void>((resolve) => {
          body
            .pipe(
              new Writable({
                write(chunk: Buffer, _e, done) {
                  chunks.push(chunk);
                  done();
                },
              }),
            )
            .on('finish', resolve);
        });
        if (chunks.length === 0) throw Object.assign(new Error('MalformedXML'), { code: 'MalformedXML' });
        this.objects.set(key, Buffer.concat(chunks));
        return { etag: 'e', versionId: null };
      },
      getObject: (_bucket: string, key: string) => {
        const object = this.objects.get(key);
        if (!object) return Promise.reject(Object.assign(new Error('no'), { code: 'NoSuchKey' }));
        return Promise.resolve(Readable.from([object]));
      },
      removeObject: (_bucket: string, key: string) => {
        this.calls.push(`remove ${key}`);
        this.objects.delete(key);
        return Promise.resolve();
      },
      statObject: (_bucket: string, key: string) =>
        this.objects.has(key)
          ? Promise.resolve({ size: 1, etag: 'e', lastModified: new Date(), metaData: {}, versionId: null })
          : Promise.reject(Object.assign(new Error('no'), { code: 'NotFound' })),
      removeIncompleteUpload: (_bucket: string, key: string) => {
        this.calls.push(`abort ${key}`);
        return Promise.resolve();
      },
    };
    return fake as S3Client;
  }
}

const settings = {
  endpoint: 'http://minio:9000',
  region: 'us-east-1',
  bucket: 'tmk',
  maxObjectBytes: 1 << 20,
};

describe('S3 file storage', () => {
  it('put_whenContentEnds_storesTheObject', async () => {
    const s3 = new FakeS3();
    const storage = new S3FileStorage(settings, s3.client());

    await storage.put('r/1', Readable.from([Buffer.from('abc'), Buffer.from('def')]));

    expect(s3.objects.get('r/1')?.toString()).toBe('abcdef');
    expect(await storage.exists('r/1')).toBe(true);
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get('r/1')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('abcdef');
  });

  it('put_whenContentFailsMidway_rejectsWithThatErrorAndRemovesEverything', async () => {
    const s3 = new FakeS3();
    const storage = new S3FileStorage(settings, s3.client());
    const content = new PassThrough();
    content.write('partial');
    setTimeout(() => content.destroy(new Error('too large')), 10);

    await expect(storage.put('r/2', content)).rejects.toThrow('too large');

    expect(s3.objects.has('r/2')).toBe(false);
    expect(s3.calls).toEqual(expect.arrayContaining(['abort r/2', 'remove r/2']));
  });

  it('put_whenContentDestroyedWithoutError_rejectsAndRemoves', async () => {
    const s3 = new FakeS3();
    const storage = new S3FileStorage(settings, s3.client());
    const content = new PassThrough();
    content.write('partial');
    setTimeout(() => content.destroy(), 10);

    await expect(storage.put('r/3', content)).rejects.toThrow(/aborted/);
    expect(s3.objects.has('r/3')).toBe(false);
  });

  it('put_whenContentEmpty_storesAnEmptyObject', async () => {
    const s3 = new FakeS3();
    const storage = new S3FileStorage(settings, s3.client());

    await storage.put('r/4', Readable.from([]));

    expect(s3.objects.get('r/4')?.length).toBe(0);
  });

  it('get_whenMissing_answers404', async () => {
    const storage = new S3FileStorage(settings, new FakeS3().client());

    await expect(storage.get('r/none')).rejects.toBeInstanceOf(DomainError);
    await expect(storage.get('r/none')).rejects.toMatchObject({ kind: 'not_found' });
    expect(await storage.exists('r/none')).toBe(false);
  });
});
