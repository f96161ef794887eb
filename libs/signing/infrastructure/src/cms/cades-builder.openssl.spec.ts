import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDetachedCadesBes, pemBlocks, type CadesHash } from '@tmk/shared-cades';
import { opensslCmsVerify } from '@tmk/shared-cades/testing';
import { CmsVerifier } from './cms-verifier';
import { OpenSslPki, type FixtureAlgorithm } from './testing/openssl-pki';

/**
 * The reverse direction: what our builder (WebCrypto only, as the browser's software token runs it)
 * produces is standard detached CAdES-BES — OpenSSL's `cms -verify -cades` accepts it, including the
 * signingCertificateV2 check — and our verifier accepts it too.
 */

const DOC = new TextEncoder().encode('%PDF-1.7\n% заключение консультанта\n%%EOF\n');
const HOUR = 3_600_000;

describe.each<[FixtureAlgorithm, CadesHash]>([
  ['rsa', 'SHA-256'],
  ['ecdsa-p256', 'SHA-256'],
  ['ecdsa-p256', 'SHA-384'],
])('buildDetachedCadesBes %s %s', (algorithm, hash) => {
  let dir: string;
  let pki: OpenSslPki;
  let docPath: string;
  let trustPath: string;
  let build: (options?: { signingTime?: Date; document?: Uint8Array }) => Promise<Uint8Array>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `tmk-cades-${algorithm}-`));
    pki = new OpenSslPki(dir, algorithm);
    docPath = join(dir, 'doc.pdf');
    writeFileSync(docPath, DOC);
    trustPath = join(dir, 'trust.pem');
    writeFileSync(trustPath, pki.trustPem);
    const pkcs8 = pemBlocks(readFileSync(pki.signer.key, 'utf8'))[0]!;
    const privateKey = await globalThis.crypto.subtle.importKey(
      'pkcs8',
      pkcs8,
      algorithm === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash } : { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    build = (options = {}) =>
      buildDetachedCadesBes({
        document: options.document ?? DOC,
        certificate: pki.certificateDer(pki.signer.cert),
        privateKey,
        hash,
        signingTime: options.signingTime,
        extraCertificates: [pki.certificateDer(pki.issuing.cert)],
      });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const opensslVerify = (cms: Uint8Array, content: string) => {
    const sig = join(dir, 'built.sig');
    writeFileSync(sig, cms);
    return opensslCmsVerify({ signaturePath: sig, contentPath: content, caFile: trustPath, env: pki.env });
  };

  it('build_isAcceptedByOpenSslCmsVerifyCades', async () => {
    const r = opensslVerify(await build(), docPath);
    expect(r.stderr).toContain('Verification successful');
    expect(r.status).toBe(0);
  });

  it('build_whenDocumentDiffers_isRejectedByOpenSsl', async () => {
    const other = join(dir, 'other.pdf');
    writeFileSync(other, new TextEncoder().encode('%PDF-1.7\n% другой документ\n%%EOF\n'));
    expect(opensslVerify(await build(), other).status).not.toBe(0);
  });

  it('build_isAcceptedByOurVerifier', async () => {
    const verifier = new CmsVerifier({ trustedCertificates: [pki.trustPem], crls: pki.crlPems });
    const result = await verifier.verify({
      document: DOC,
      signature: await build(),
      receivedAt: new Date(),
      expectedSignerSnils: pki.snils,
    });
    expect(result.reasons).toEqual([]);
    expect(result.signers[0]!.digestAlgorithm.name).toBe(hash);
  });

  it('build_withBackDatedSigningTime_isOutOfWindowForOurVerifierOnly', async () => {
    const cms = await build({ signingTime: new Date(Date.now() - 48 * HOUR) });
    expect(opensslVerify(cms, docPath).status).toBe(0); // OpenSSL does not bound signingTime
    const verifier = new CmsVerifier({ trustedCertificates: [pki.trustPem], crls: pki.crlPems });
    const result = await verifier.verify({ document: DOC, signature: cms, receivedAt: new Date() });
    expect(result.reasons).toEqual(['SIGNING_TIME_OUT_OF_WINDOW']);
  });
});
