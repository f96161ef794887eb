import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DetachedSignatureInput } from '@tmk/signing-domain';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { exactBuffer, toHex, type DigestName } from '@tmk/shared-cades';
import { digest } from '../algorithms';
import { CmsVerifier } from '../cms-verifier';
import { OpenSslPki, type FixtureAlgorithm } from './openssl-pki';

/**
 * The matrix, shared by the RSA/ECDSA spec and the GOST integration spec: OpenSSL (with the GOST
 * engine for GOST) makes a PKI and detached CAdES-BES signatures at test time; each tampered variant must be
 * rejected with exactly its reason. GOST rows fail (never skip) when the engine cannot be installed.
 */

/** The value, or a failed expectation (no non-null assertions outside spec files). */
export function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('Expected a value');
  return value;
}

export const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);
export const HOUR = 3_600_000;

const EXPECTED_NAMES: Readonly<Record<FixtureAlgorithm, { digest: string; signature: RegExp }>> = {
  rsa: { digest: 'SHA-256', signature: /RSA/ },
  'ecdsa-p384': { digest: 'SHA-384', signature: /ECDSA/ },
  'ecdsa-p256': { digest: 'SHA-256', signature: /ECDSA/ },
  'gost256-cpa': { digest: 'GOST R 34.11-2012 (Streebog) 256', signature: /GOST R 34.10-2012 256/ },
  'gost256-tca': { digest: 'GOST R 34.11-2012 (Streebog) 256', signature: /GOST R 34.10-2012 256/ },
  gost512: { digest: 'GOST R 34.11-2012 (Streebog) 512', signature: /GOST R 34.10-2012 512/ },
};

function flipSignatureByte(cms: Uint8Array): Uint8Array {
  const signedData = new pkijs.SignedData({
    schema: new pkijs.ContentInfo({ schema: asn1js.fromBER(exactBuffer(cms)).result }).content,
  });
  const signature = Buffer.from(must(signedData.signerInfos[0]).signature.valueBlock.valueHexView);
  const at = Buffer.from(cms).indexOf(signature);
  expect(at).toBeGreaterThan(0);
  const out = Uint8Array.from(cms);
  out[at + signature.length - 1] = must(out[at + signature.length - 1]) ^ 0x01;
  return out;
}

export function describeOpenSslMatrix(algorithms: readonly FixtureAlgorithm[]): void {
  describe.each<FixtureAlgorithm>([...algorithms])('CmsVerifier × OpenSSL %s', (algorithm) => {
    let dir: string;
    let pki: OpenSslPki;
    let verifier: CmsVerifier;
    let docPath: string;
    let valid: Uint8Array;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), `tmk-cms-${algorithm}-`));
      pki = new OpenSslPki(dir, algorithm);
      docPath = join(dir, 'conclusion.pdf');
      writeFileSync(docPath, PDF);
      verifier = new CmsVerifier({ trustedCertificates: [pki.trustPem], crls: pki.crlPems });
      valid = pki.sign(docPath, { signer: pki.signer, certfile: pki.issuing.cert });
    });

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const verify = (signature: Uint8Array | string, overrides: Partial<DetachedSignatureInput> = {}) =>
      verifier.verify({
        document: PDF,
        signature,
        receivedAt: new Date(),
        expectedSignerSnils: pki.snils,
        ...overrides,
      });

    it('valid_isAcceptedWithAFullReport', async () => {
      const result = await verify(valid);
      expect(result.reasons).toEqual([]);
      expect(result.valid).toBe(true);
      const [signer] = result.signers;
      const serial = pki.openssl(['x509', '-in', pki.signer.cert, '-noout', '-serial']).toString().trim();
      expect(signer).toMatchObject({
        serialNumber: serial.replace('serial=', '').toUpperCase(),
        subject: {
          commonName: 'Иванова Мария Петровна',
          surname: 'Иванова',
          givenName: 'Мария Петровна',
          organization: 'ГБУЗ Тестовая больница',
          snils: pki.snils,
          inn: '771234567890',
        },
        issuer: {
          commonName: `ТМК Issuing CA ${algorithm.toUpperCase()}`,
          ogrn: '1027700132195',
          innLe: '7701234567',
        },
        digestAlgorithm: { name: EXPECTED_NAMES[algorithm].digest },
        reasons: [],
      });
      expect(must(signer).signatureAlgorithm.name).toMatch(EXPECTED_NAMES[algorithm].signature);
      expect(must(signer).chain).toHaveLength(2);
      expect(Math.abs(must(must(signer).signingTime).getTime() - Date.now())).toBeLessThan(10 * 60_000);
      // OpenSSL, the reference, agrees.
      pki.openssl([
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        writeTemp('valid.sig', valid),
        '-content',
        docPath,
        '-CAfile',
        writeTemp('trust.pem', pki.trustPem),
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
    });

    it('documentByteFlipped_isDigestMismatch', async () => {
      const tampered = Uint8Array.from(PDF);
      tampered[20] = must(tampered[20]) ^ 0x01;
      expect((await verify(valid, { document: tampered })).reasons).toEqual(['DIGEST_MISMATCH']);
    });

    it('signatureByteFlipped_isBadSignature', async () => {
      expect((await verify(flipSignatureByte(valid))).reasons).toEqual(['BAD_SIGNATURE']);
    });

    it('untrustedCaWithTheSameName_isUntrustedChain', async () => {
      const cms = pki.sign(docPath, { signer: pki.rogueSigner, certfile: pki.rogue.cert });
      const result = await verify(cms);
      expect(result.reasons).toEqual(['UNTRUSTED_CHAIN']);
      expect(must(result.signers[0]).issuer.text).toBe(
        must((await verify(valid)).signers[0]).issuer.text, // the same name as the real issuing CA
      );
    });

    it('expiredCertificate_isCertExpired', async () => {
      const cms = pki.sign(docPath, { signer: pki.expiredSigner, certfile: pki.issuing.cert });
      expect((await verify(cms)).reasons).toEqual(['CERT_EXPIRED']);
    });

    it('revokedCertificate_isCertRevoked', async () => {
      const cms = pki.sign(docPath, { signer: pki.revokedSigner, certfile: pki.issuing.cert });
      expect((await verify(cms)).reasons).toEqual(['CERT_REVOKED']);
    });

    it('otherSignersSnils_isWrongSigner', async () => {
      expect((await verify(valid, { expectedSignerSnils: '987-654-321 09' })).reasons).toEqual([
        'WRONG_SIGNER',
      ]);
    });

    it('backDatedSigningTime_isOutOfWindow', async () => {
      // OpenSSL always writes the current time: re-sign the same attributes with an older signingTime.
      const twoDaysAgo = pki.resignWithSigningTime(valid, pki.signer.key, new Date(Date.now() - 48 * HOUR));
      expect((await verify(twoDaysAgo)).reasons).toEqual(['SIGNING_TIME_OUT_OF_WINDOW']);
      // Control: the same procedure with an hour-old time is accepted, so only the time is at fault.
      const anHourAgo = pki.resignWithSigningTime(valid, pki.signer.key, new Date(Date.now() - HOUR));
      expect((await verify(anHourAgo)).reasons).toEqual([]);
    });

    if (algorithm === 'rsa') {
      it('rsaPss_isAcceptedAndTamperingDetected', async () => {
        const pss = pki.sign(docPath, {
          signer: pki.signer,
          extra: ['-keyopt', 'rsa_padding_mode:pss', '-keyopt', 'rsa_pss_saltlen:32'],
        });
        const result = await verify(pss);
        expect(result.reasons).toEqual([]);
        expect(must(result.signers[0]).signatureAlgorithm.name).toBe('RSASSA-PSS');
        expect((await verify(flipSignatureByte(pss))).reasons).toEqual(['BAD_SIGNATURE']);
      });
    }

    it('digest_matchesOpenSsl', async () => {
      const reference = pki
        .openssl(['dgst', `-${pki.md}`, '-r', docPath])
        .toString()
        .split(' ')[0];
      const names: Readonly<Record<string, DigestName>> = {
        sha256: 'SHA-256',
        sha384: 'SHA-384',
        md_gost12_256: 'STREEBOG-256',
        md_gost12_512: 'STREEBOG-512',
      };
      expect(toHex(await digest(must(names[pki.md]), PDF))).toBe(reference);
    });

    function writeTemp(name: string, content: Uint8Array | string): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    }
  });
}
