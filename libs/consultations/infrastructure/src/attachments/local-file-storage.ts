import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '@tmk/shared-kernel';
import type { FileStorage } from '@tmk/consultations-application';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

const code = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;

/**
 * Attachments in a local folder (the default; one server or a shared volume). An object is written to
 * `<dir>/tmp-<uuid>` and renamed to `<dir>/<key>` once complete, so a reader never sees half a file and a
 * failed write leaves nothing behind (a crash may leave a `tmp-*` file, never a half object under a key).
 */
export class LocalFileStorage implements FileStorage {
  readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  private pathOf(key: string): string {
    if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part.startsWith('tmp-'))) {
      throw new Error(`Invalid storage key: ${key}`);
    }
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, content: Readable): Promise<void> {
    const target = this.pathOf(key);
    const temp = join(this.root, `tmp-${randomUUID()}`);
    try {
      await mkdir(this.root, { recursive: true });
      await pipeline(content, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      await this.moveInto(temp, target);
    } catch (e) {
      content.destroy();
      await rm(temp, { force: true });
      throw e;
    }
  }

  private async moveInto(temp: string, target: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(temp, target);
        return;
      } catch (e) {
        // A concurrent delete removed the (then empty) folder between mkdir and rename: once more.
        if (code(e) !== 'ENOENT' || attempt > 0) throw e;
      }
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (e) {
      if (code(e) === 'ENOENT')
        throw DomainError.notFound('CONSULTATIONS.FILE_MISSING', 'The file is missing');
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    // Folders of a request go away with their last file.
    for (let dir = dirname(path); dir.startsWith(this.root) && dir !== this.root; dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return; // not empty (or gone)
      }
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (e) {
      if (code(e) === 'ENOENT') return false;
      throw e;
    }
  }
}
