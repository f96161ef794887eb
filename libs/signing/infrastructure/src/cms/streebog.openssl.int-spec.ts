import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streebog, type StreebogLength } from './streebog';
import { ENGINE_CONF, ensureGostEngine } from './testing/openssl-pki';

// Our Streebog against `openssl dgst -md_gost12_256|512` (Debian's GOST engine): the verifier must agree with
// OpenSSL-made signatures, byte order included. An integration spec like the GOST matrix, because it needs the
// engine (ensureGostEngine installs it as root or fails — never skips). No database.

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('streebog (OpenSSL as the reference)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    ensureGostEngine();
    dir = mkdtempSync(join(tmpdir(), 'tmk-streebog-'));
    const conf = join(dir, 'openssl.cnf');
    writeFileSync(conf, ENGINE_CONF);
    env = { ...process.env, OPENSSL_CONF: conf };
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const openssl = (data: Uint8Array, length: StreebogLength): string => {
    const file = join(dir, `input-${data.length}.bin`);
    writeFileSync(file, data);
    const r = spawnSync('openssl', ['dgst', `-md_gost12_${length}`, '-binary', file], { env });
    if (r.status !== 0) throw new Error(`openssl dgst failed (${r.status}): ${r.stderr.toString()}`);
    return hex(r.stdout);
  };

  it('rfc6986_messages_opensslPrintsTheRfcDigestsReversed', () => {
    const m1 = Buffer.from('012345678901234567890123456789012345678901234567890123456789012', 'latin1');
    expect(openssl(m1, 256)).toBe('9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500');
    expect(openssl(m1, 256)).toBe(hex(streebog(m1, 256)));
    expect(openssl(m1, 512)).toBe(hex(streebog(m1, 512)));
  });

  it.each([0, 1, 31, 63, 64, 65, 127, 128, 129, 1000, 4096, 4099, 1024 * 1024 + 17])(
    'random_%i_bytes_bothLengthsEqualOpenSsl',
    (size) => {
      const data = new Uint8Array(randomBytes(size));
      for (const length of [256, 512] as const) {
        expect(hex(streebog(data, length))).toBe(openssl(data, length));
      }
    },
  );
});
