import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CmsVerifier } from '../cms/cms-verifier';
import { readTrustDir } from './trust-store';

/**
 * The demo PKI `npm start` makes (tools/scripts/lib/demo-pki.mjs) is what the api trusts through
 * SIGNING_TRUST_DIR: a consultant's demo key must produce signatures the verifier accepts with the
 * consultant's SNILS, CRL included.
 */
describe('the demo PKI of npm start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tmk-demo-pki-'));
    const script = resolve(__dirname, '../../../../../tools/scripts/lib/demo-pki.mjs');
    execFileSync(process.execPath, [
      '--input-type=module',
      '-e',
      `import { ensureDemoPki } from ${JSON.stringify(script)}; ensureDemoPki(${JSON.stringify(dir)}, { force: true });`,
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trusts the demo CA with its CRL, and the demo consultant’s key signs as the consultant', async () => {
    const trust = readTrustDir(join(dir, 'trust'));
    expect(trust.certificates).toHaveLength(1);
    expect(trust.crls).toHaveLength(1);
    const verifier = new CmsVerifier({ trustedCertificates: trust.certificates, crls: trust.crls });
    const document = join(dir, 'doc.pdf');
    writeFileSync(document, '%PDF-1.7 demo');
    const keyPem = execFileSync('openssl', [
      'pkcs12',
      '-in',
      join(dir, 'consultant.p12'),
      '-passin',
      'pass:demo-token',
      '-nodes',
    ]).toString();
    writeFileSync(join(dir, 'bundle.pem'), keyPem);
    const cms = execFileSync('openssl', [
      'cms',
      '-sign',
      '-binary',
      '-cades',
      '-md',
      'sha256',
      '-in',
      document,
      '-signer',
      join(dir, 'bundle.pem'),
      '-outform',
      'DER',
    ]);
    const result = await verifier.verify({
      document: new Uint8Array(readFileSync(document)),
      signature: new Uint8Array(cms),
      receivedAt: new Date(),
      expectedSignerSnils: '34567890123',
    });
    expect(result.reasons).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.signers[0]?.subject.commonName).toBe('Петров Алексей Николаевич');
  });
});
