import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SoftwareTokenError, exactBuffer } from '@tmk/shared-cades';
import { SoftwareTokenFixtures, TOKEN_PASSWORD } from '@tmk/shared-cades/testing';
import { DocumentSignerError } from './document-signer';
import { SoftwareTokenSigner } from './software-token-signer';

/** The software token signer end to end: OpenSSL-made tokens in, signatures `openssl cms -verify` accepts. */

const DOC = new TextEncoder().encode('%PDF-1.7\n% заключение консультанта\n%%EOF\n');

let fx: SoftwareTokenFixtures;

beforeAll(() => {
  fx = new SoftwareTokenFixtures();
});

afterAll(() => {
  fx?.cleanup();
});

function certificatesIn(cms: Uint8Array): number {
  const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(exactBuffer(cms)).result });
  return new pkijs.SignedData({ schema: info.content }).certificates?.length ?? 0;
}

describe('SoftwareTokenSigner', () => {
  it('sign_withImportedP12Tokens_isAcceptedByOpenSslCmsVerify', async () => {
    const signer = new SoftwareTokenSigner();
    expect(await signer.available()).toBe(true);
    const rsa = await signer.import({ pkcs12: fx.rsa.p12, password: TOKEN_PASSWORD });
    const ecdsa = await signer.import({ file: new TextEncoder().encode(fx.ecdsa.bundlePem) });
    expect(await signer.certificates()).toEqual([rsa, ecdsa]);

    for (const [certificate, fixture] of [
      [rsa, fx.rsa],
      [ecdsa, fx.ecdsa],
    ] as const) {
      expect(certificate).toMatchObject({
        commonName: fixture.commonName,
        snils: fixture.snils,
        organization: fixture.organization,
        serialNumber: fixture.serialNumber,
        issuer: 'ТМК тестовый УЦ',
      });
      const fingerprint = fx
        .openssl(['x509', '-in', fixture.certPath, '-noout', '-fingerprint', '-sha1'])
        .toString();
      expect(fingerprint.trim().toUpperCase()).toBe(
        `SHA1 FINGERPRINT=${certificate.id.replace(/(..)(?!$)/g, '$1:')}`,
      );

      const cms = await signer.sign(DOC, certificate.id);
      const r = fx.verify(cms, DOC);
      expect(r.stderr).toContain('Verification successful');
      expect(r.status).toBe(0);
      expect(certificatesIn(cms)).toBe(2); // the signer's and the CA's
    }
  });

  it('sign_unknownOrRemovedCertificate_isUnknownCertificate', async () => {
    const signer = new SoftwareTokenSigner();
    const token = await signer.import({ pem: fx.rsa.bundlePem });
    expect(signer.remove(token.id.toLowerCase())).toBe(true);
    expect(await signer.certificates()).toEqual([]);
    const error = await signer.sign(DOC, token.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentSignerError);
    expect((error as DocumentSignerError).code).toBe('UNKNOWN_CERTIFICATE');
  });

  it('import_wrongPassword_passesTheSoftwareTokenErrorCode', async () => {
    const error = await new SoftwareTokenSigner()
      .import({ pkcs12: fx.ecdsa.p12, password: 'не тот' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SoftwareTokenError);
    expect((error as SoftwareTokenError).code).toBe('WRONG_PASSWORD');
  });
});
