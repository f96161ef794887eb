import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, toBase64 } from '@tmk/shared-cades';
import { CmsVerifier } from './cms-verifier';
import { HOUR, PDF, describeOpenSslMatrix } from './testing/openssl-matrix';
import { OpenSslPki } from './testing/openssl-pki';

// The matrix for RSA and ECDSA (GOST, slower in pure JS: cms-verifier.gost.int-spec.ts).
describeOpenSslMatrix(['rsa', 'ecdsa-p256']);

describe('CmsVerifier × OpenSSL, further cases (ECDSA P-256)', () => {
  let dir: string;
  let pki: OpenSslPki;
  let docPath: string;
  let verifier: CmsVerifier;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tmk-cms-more-'));
    pki = new OpenSslPki(dir, 'ecdsa-p256');
    docPath = join(dir, 'doc.pdf');
    writeFileSync(docPath, PDF);
    verifier = new CmsVerifier({ trustedCertificates: [pki.trustPem], crls: pki.crlPems });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const verify = (signature: Uint8Array | string, v = verifier) =>
    v.verify({ document: PDF, signature, receivedAt: new Date(), expectedSignerSnils: pki.snils });

  it('withoutCades_isMissingAttributes', async () => {
    const cms = pki.sign(docPath, { signer: pki.signer, cades: false });
    expect((await verify(cms)).reasons).toEqual(['MISSING_ATTRIBUTES']);
  });

  it('signingCertificateV2NamingAnotherCertificate_isMissingAttributes', async () => {
    const cms = pki.sign(docPath, { signer: pki.signer });
    const other = await globalThis.crypto.subtle.digest(
      'SHA-256',
      pki.certificateDer(pki.revokedSigner.cert),
    );
    const forged = pki.resign(cms, pki.signer.key, (attributes) =>
      attributes.map((a) =>
        a.type === OID.signingCertificateV2
          ? new pkijs.Attribute({
              type: a.type,
              values: [
                new asn1js.Sequence({
                  value: [
                    new asn1js.Sequence({
                      value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: other })] })],
                    }),
                  ],
                }),
              ],
            })
          : a,
      ),
    );
    expect((await verify(forged)).reasons).toEqual(['MISSING_ATTRIBUTES']);
    // Control: re-signing the attributes unchanged is accepted.
    expect((await verify(pki.resign(cms, pki.signer.key, (attributes) => attributes))).reasons).toEqual([]);
  });

  it('withoutSigningTime_isMissingAttributesAndOutOfWindow', async () => {
    const cms = pki.sign(docPath, { signer: pki.signer });
    const timeless = pki.resign(cms, pki.signer.key, (attributes) =>
      attributes.filter((a) => a.type !== OID.signingTime),
    );
    expect((await verify(timeless)).reasons).toEqual(['SIGNING_TIME_OUT_OF_WINDOW', 'MISSING_ATTRIBUTES']);
  });

  it('encipherOnlyCertificate_isKeyUsage', async () => {
    const cms = pki.sign(docPath, { signer: pki.issueEncipherOnly() });
    expect((await verify(cms)).reasons).toEqual(['KEY_USAGE']);
  });

  it('noCrl_isRevocationUnknownUnlessNotRequired', async () => {
    const cms = pki.sign(docPath, { signer: pki.signer });
    const strict = new CmsVerifier({ trustedCertificates: [pki.trustPem] });
    expect((await verify(cms, strict)).reasons).toEqual(['REVOCATION_UNKNOWN']);
    const lenient = new CmsVerifier({ trustedCertificates: [pki.trustPem], requireRevocationInfo: false });
    expect((await verify(cms, lenient)).reasons).toEqual([]);
  });

  it('trustStoreWithRootOnly_buildsTheChainThroughTheSignaturesCertificates', async () => {
    const rootOnly = new CmsVerifier({
      trustedCertificates: [pki.openssl(['x509', '-in', pki.root.cert]).toString()],
      crls: pki.crlPems,
    });
    const cms = pki.sign(docPath, { signer: pki.signer, certfile: pki.issuing.cert });
    const result = await verify(cms, rootOnly);
    expect(result.reasons).toEqual([]);
    expect(result.signers[0]!.chain).toHaveLength(3);
    // Without the issuing CA in the signature there is no path.
    const bare = pki.sign(docPath, { signer: pki.signer });
    expect((await verify(bare, rootOnly)).reasons).toEqual(['UNTRUSTED_CHAIN']);
  });

  it('base64AndPem_areAcceptedLikeDer', async () => {
    const der = pki.sign(docPath, { signer: pki.signer });
    const b64 = toBase64(der);
    expect((await verify(b64)).valid).toBe(true);
    expect((await verify(new TextEncoder().encode(b64))).valid).toBe(true);
    const pem = `-----BEGIN CMS-----\n${b64.replace(/.{64}/g, '$&\n')}\n-----END CMS-----\n`;
    expect((await verify(pem)).valid).toBe(true);
  });

  it('ecdsaP384WithSha384_isAccepted', async () => {
    const p384 = new OpenSslPki(join(dir, 'p384'), 'ecdsa-p384');
    const cms = p384.sign(docPath, { signer: p384.signer });
    const v = new CmsVerifier({ trustedCertificates: [p384.trustPem], crls: p384.crlPems });
    const result = await v.verify({ document: PDF, signature: cms, receivedAt: new Date() });
    expect(result.reasons).toEqual([]);
    expect(result.signers[0]).toMatchObject({ digestAlgorithm: { name: 'SHA-384' } });
  });

  it('signingTimeInTheFuture_isOutOfWindow', async () => {
    const der = pki.sign(docPath, { signer: pki.signer });
    const received = new Date(Date.now() - HOUR);
    const result = await verifier.verify({ document: PDF, signature: der, receivedAt: received });
    expect(result.reasons).toEqual(['SIGNING_TIME_OUT_OF_WINDOW']);
  });
});
