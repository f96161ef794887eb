import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import { SoftwareTokenFixtures, TOKEN_PASSWORD, type TokenFixture } from './testing';
import { toBase64 } from './bytes';
import { buildDetachedCadesBes } from './cades-builder';
import { OID } from './oids';
import { importSoftwareToken, SoftwareTokenError, type SoftwareTokenErrorCode } from './software-token';

/**
 * importSoftwareToken against OpenSSL-made tokens: what it imports signs (through buildDetachedCadesBes)
 * signatures that `openssl cms -verify` accepts; every refusal has its stable code.
 */

const DOC = new TextEncoder().encode('%PDF-1.7\n% заключение консультанта\n%%EOF\n');

let fx: SoftwareTokenFixtures;

beforeAll(() => {
  fx = new SoftwareTokenFixtures();
});

afterAll(() => {
  fx?.cleanup();
});

async function codeOf(promise: Promise<unknown>): Promise<SoftwareTokenErrorCode | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (e) {
    if (e instanceof SoftwareTokenError) return e.code;
    throw e;
  }
}

describe.each<['rsa' | 'ecdsa', 'RSA' | 'ECDSA']>([
  ['rsa', 'RSA'],
  ['ecdsa', 'ECDSA'],
])('importSoftwareToken %s', (name, algorithm) => {
  const token = (): TokenFixture => fx[name];

  it('importSoftwareToken_p12WithOpenSsl3Defaults_signsWhatOpenSslCmsVerifyAccepts', async () => {
    const t = await importSoftwareToken({ pkcs12: token().p12, password: TOKEN_PASSWORD });
    expect(t.algorithm).toBe(algorithm);
    expect(t.privateKey.extractable).toBe(false);
    expect(t.privateKey.usages).toEqual(['sign']);
    expect(t.chain).toHaveLength(1);
    const cms = await buildDetachedCadesBes({
      document: DOC,
      certificate: t.certificate,
      privateKey: t.privateKey,
      extraCertificates: t.chain,
    });
    const r = fx.verify(cms, DOC);
    expect(r.stderr).toContain('Verification successful');
    expect(r.status).toBe(0);
    expect(fx.verify(cms, new TextEncoder().encode('другой документ')).status).not.toBe(0);
  });

  it('importSoftwareToken_pemBundle_readsSubjectSerialAndValidity', async () => {
    const t = await importSoftwareToken({ pem: token().bundlePem });
    expect(t.subject).toEqual({
      commonName: token().commonName,
      snils: token().snils,
      organization: token().organization,
    });
    expect(t.issuer.commonName).toBe('ТМК тестовый УЦ');
    expect(t.serialNumber).toBe(token().serialNumber);
    const opensslSerial = fx.openssl(['x509', '-in', token().certPath, '-noout', '-serial']).toString();
    expect(opensslSerial.trim()).toBe(`serial=${t.serialNumber}`);
    expect(t.notBefore.getTime()).toBeLessThanOrEqual(Date.now());
    expect(t.notAfter.getTime() - t.notBefore.getTime()).toBe(30 * 24 * 3_600_000);
    expect(Buffer.from(t.chain[0]!).equals(fx.openssl(['x509', '-in', fx.caPath, '-outform', 'DER']))).toBe(
      true,
    );
    const cms = await buildDetachedCadesBes({
      document: DOC,
      certificate: t.certificate,
      privateKey: t.privateKey,
    });
    expect(fx.verify(cms, DOC).status).toBe(0);
  });

  it('importSoftwareToken_keyBeforeCaCertificate_picksTheCertificateOfTheKey', async () => {
    const t = await importSoftwareToken({ pem: token().keyPem + fx.caPem + token().certPem });
    expect(t.subject.snils).toBe(token().snils);
  });

  it('importSoftwareToken_wrongPassword_isWrongPassword', async () => {
    expect(await codeOf(importSoftwareToken({ pkcs12: token().p12, password: 'не тот' }))).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('importSoftwareToken_fileInput_detectsPkcs12AndPem', async () => {
    const p12 = await importSoftwareToken({ file: token().p12, password: TOKEN_PASSWORD });
    const pem = await importSoftwareToken({ file: new TextEncoder().encode(token().bundlePem) });
    expect(Buffer.from(p12.certificate).equals(Buffer.from(pem.certificate))).toBe(true);
  });

  it('importSoftwareToken_traditionalKeyPem_isConvertedToPkcs8', async () => {
    const traditional = fx
      .openssl([
        name === 'rsa' ? 'rsa' : 'ec',
        '-in',
        token().keyPath,
        ...(name === 'rsa' ? ['-traditional'] : []),
      ])
      .toString();
    expect(traditional).toContain(name === 'rsa' ? 'BEGIN RSA PRIVATE KEY' : 'BEGIN EC PRIVATE KEY');
    const t = await importSoftwareToken({ pem: token().certPem + traditional });
    const cms = await buildDetachedCadesBes({
      document: DOC,
      certificate: t.certificate,
      privateKey: t.privateKey,
    });
    expect(fx.verify(cms, DOC).status).toBe(0);
  });

  it('importSoftwareToken_encryptedPkcs8Pem_needsItsPassword', async () => {
    const encrypted = fx
      .openssl(['pkcs8', '-topk8', '-in', token().keyPath, '-passout', `pass:${TOKEN_PASSWORD}`])
      .toString();
    expect(encrypted).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    const pem = token().certPem + encrypted;
    expect((await importSoftwareToken({ pem, password: TOKEN_PASSWORD })).subject.snils).toBe(token().snils);
    expect(await codeOf(importSoftwareToken({ pem, password: 'не тот' }))).toBe('WRONG_PASSWORD');
    expect(await codeOf(importSoftwareToken({ pem }))).toBe('WRONG_PASSWORD');
  });
});

describe('buildDetachedCadesBes with a software token', () => {
  it('buildDetachedCadesBes_rsaKeyBoundToSha256_refusesAnotherHash', async () => {
    const t = await importSoftwareToken({ pem: fx.rsa.bundlePem });
    await expect(
      buildDetachedCadesBes({
        document: DOC,
        certificate: t.certificate,
        privateKey: t.privateKey,
        hash: 'SHA-384',
      }),
    ).rejects.toThrow('imported for SHA-256');
  });

  it('buildDetachedCadesBes_ecdsaTokenWithSha384_isAcceptedByOpenSsl', async () => {
    const t = await importSoftwareToken({ pem: fx.ecdsa.bundlePem });
    const cms = await buildDetachedCadesBes({
      document: DOC,
      certificate: t.certificate,
      privateKey: t.privateKey,
      hash: 'SHA-384',
    });
    expect(fx.verify(cms, DOC).status).toBe(0);
  });
});

describe('importSoftwareToken refusals', () => {
  it('importSoftwareToken_certificateWithAnotherKey_isKeyMismatch', async () => {
    const caKey = readFileSync(fx.caKeyPath, 'utf8');
    expect(await codeOf(importSoftwareToken({ pem: fx.rsa.certPem + caKey }))).toBe('KEY_MISMATCH');
    expect(await codeOf(importSoftwareToken({ pem: fx.rsa.certPem + fx.ecdsa.keyPem }))).toBe('KEY_MISMATCH');
  });

  it('importSoftwareToken_garbage_isMalformed', async () => {
    const random = globalThis.crypto.getRandomValues(new Uint8Array(512));
    expect(await codeOf(importSoftwareToken({ pkcs12: random, password: 'x' }))).toBe('MALFORMED');
    expect(await codeOf(importSoftwareToken({ pkcs12: fx.rsa.p12.subarray(0, 200), password: 'x' }))).toBe(
      'MALFORMED',
    );
    expect(await codeOf(importSoftwareToken({ pem: 'not a PEM at all' }))).toBe('MALFORMED');
    expect(
      await codeOf(
        importSoftwareToken({ pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' }),
      ),
    ).toBe('MALFORMED');
  });

  it('importSoftwareToken_damagedP12_alwaysFailsWithACode', async () => {
    const p12 = fx.ecdsa.p12;
    for (let offset = 0; offset < p12.length; offset += Math.ceil(p12.length / 40)) {
      const damaged = Uint8Array.from(p12);
      damaged[offset] = damaged[offset]! ^ 0x5a;
      const outcome = await codeOf(importSoftwareToken({ pkcs12: damaged, password: TOKEN_PASSWORD }));
      // A flipped byte under the MAC reads as a wrong password: PKCS #12 cannot tell the two apart.
      expect(['MALFORMED', 'WRONG_PASSWORD', 'UNSUPPORTED', 'resolved']).toContain(outcome);
    }
  });

  it('importSoftwareToken_certificateOnly_isNoPrivateKey', async () => {
    expect(await codeOf(importSoftwareToken({ pem: fx.rsa.certPem + fx.caPem }))).toBe('NO_PRIVATE_KEY');
    const certOnlyP12 = fx.openssl([
      'pkcs12',
      '-export',
      '-nokeys',
      '-in',
      fx.rsa.certPath,
      '-passout',
      `pass:${TOKEN_PASSWORD}`,
    ]);
    expect(await codeOf(importSoftwareToken({ pkcs12: certOnlyP12, password: TOKEN_PASSWORD }))).toBe(
      'NO_PRIVATE_KEY',
    );
  });

  it('importSoftwareToken_gostKey_isUnsupported', async () => {
    const gostKey = new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 0 }),
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: OID.gost2012_256 }),
            new asn1js.Sequence({
              value: [
                new asn1js.ObjectIdentifier({ value: '1.2.643.2.2.35.1' }),
                new asn1js.ObjectIdentifier({ value: OID.streebog256 }),
              ],
            }),
          ],
        }),
        new asn1js.OctetString({ valueHex: new Uint8Array(32).fill(7).buffer }),
      ],
    });
    const body = toBase64(new Uint8Array(gostKey.toBER()));
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
    const error = await importSoftwareToken({ pem: fx.rsa.certPem + pem }).catch((e: unknown) => e);
    expect((error as SoftwareTokenError).code).toBe('UNSUPPORTED');
    expect((error as SoftwareTokenError).message).toContain('CryptoPro');
  });

  it('importSoftwareToken_keyOnly_isNoCertificate', async () => {
    expect(await codeOf(importSoftwareToken({ pem: fx.ecdsa.keyPem }))).toBe('NO_CERTIFICATE');
  });

  it('importSoftwareToken_legacy3DesP12_isUnsupportedButWrongPasswordStillSaysSo', async () => {
    const legacy = fx.openssl([
      'pkcs12',
      '-export',
      '-inkey',
      fx.rsa.keyPath,
      '-in',
      fx.rsa.certPath,
      '-certpbe',
      'PBE-SHA1-3DES',
      '-keypbe',
      'PBE-SHA1-3DES',
      '-macalg',
      'sha1',
      '-passout',
      `pass:${TOKEN_PASSWORD}`,
    ]);
    const error = await importSoftwareToken({ pkcs12: legacy, password: TOKEN_PASSWORD }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SoftwareTokenError);
    expect((error as SoftwareTokenError).code).toBe('UNSUPPORTED');
    expect((error as SoftwareTokenError).message).toContain('openssl pkcs12 -export');
    expect(await codeOf(importSoftwareToken({ pkcs12: legacy, password: 'не тот' }))).toBe('WRONG_PASSWORD');
  });

  it('importSoftwareToken_legacyEncryptedPem_isUnsupportedWithTheConversionHint', async () => {
    const legacy = fx
      .openssl(['rsa', '-in', fx.rsa.keyPath, '-traditional', '-aes256', '-passout', 'pass:secret'])
      .toString();
    expect(legacy).toContain('Proc-Type: 4,ENCRYPTED');
    const error = await importSoftwareToken({ pem: fx.rsa.certPem + legacy }).catch((e: unknown) => e);
    expect((error as SoftwareTokenError).code).toBe('UNSUPPORTED');
    expect((error as SoftwareTokenError).message).toContain('openssl pkcs8 -topk8 -nocrypt');
  });

  it('importSoftwareToken_p12WithoutMac_wrongPasswordIsWrongPassword', async () => {
    const noMac = fx.openssl([
      'pkcs12',
      '-export',
      '-nomac',
      '-inkey',
      fx.ecdsa.keyPath,
      '-in',
      fx.ecdsa.certPath,
      '-passout',
      `pass:${TOKEN_PASSWORD}`,
    ]);
    expect((await importSoftwareToken({ pkcs12: noMac, password: TOKEN_PASSWORD })).algorithm).toBe('ECDSA');
    expect(await codeOf(importSoftwareToken({ pkcs12: noMac, password: 'не тот' }))).toBe('WRONG_PASSWORD');
  });
});
