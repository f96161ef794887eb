import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, exactBuffer, pemObjects } from './bytes';
import type { SigningKey } from './cades-builder';
import { OID } from './oids';
import { NAME_OIDS, nameAttribute, serialHex } from './x509-names';

/**
 * The user's software key — for development and tests — as the browser imports it: a PKCS #12 file
 * (.p12/.pfx) with its password, or PEM text with the certificate (and optionally CA certificates) and the
 * private key. WebCrypto (`globalThis.crypto.subtle`) and pkijs only, nothing Node-specific. The key becomes
 * a non-extractable `CryptoKey`; nothing here stores it.
 *
 * Supported: RSA (signs RSASSA-PKCS1-v1_5 with SHA-256 — the hash is fixed at import, WebCrypto's rule) and
 * ECDSA P-256/P-384/P-521; PKCS #12 as OpenSSL 3 writes it by default (PBES2 with PBKDF2-HMAC-SHA-x and
 * AES-CBC, MAC with SHA-1/SHA-2); PEM `PRIVATE KEY` (PKCS #8), `ENCRYPTED PRIVATE KEY` (PBES2, with the
 * password), `RSA PRIVATE KEY` and `EC PRIVATE KEY` (unencrypted). Not supported (`UNSUPPORTED`): GOST keys
 * (production GOST signatures come from CryptoPro), legacy PKCS #12 encryption (RC2, 3DES, RC4), legacy
 * encrypted PEM (`Proc-Type: 4,ENCRYPTED`), PKCS #12 with public-key privacy or integrity.
 */

export type SoftwareTokenErrorCode =
  'WRONG_PASSWORD' | 'NO_PRIVATE_KEY' | 'NO_CERTIFICATE' | 'KEY_MISMATCH' | 'UNSUPPORTED' | 'MALFORMED';

/** Why a software token could not be imported; `code` is stable (the UI maps it to a message). */
export class SoftwareTokenError extends Error {
  override readonly name = 'SoftwareTokenError';

  constructor(
    readonly code: SoftwareTokenErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type SoftwareTokenInput =
  /** A PKCS #12 file's bytes and its password. */
  | { readonly pkcs12: Uint8Array | ArrayBuffer; readonly password: string }
  /** PEM text; the password only for an `ENCRYPTED PRIVATE KEY`. */
  | { readonly pem: string; readonly password?: string }
  /** A file as the user picked it: PEM text when it holds `-----BEGIN`, PKCS #12 otherwise. */
  | { readonly file: Uint8Array | ArrayBuffer; readonly password?: string };

export interface CertificateSubject {
  readonly commonName: string | null;
  /** СНИЛС (1.2.643.100.3), as written in the certificate. */
  readonly snils: string | null;
  readonly organization: string | null;
}

export interface SoftwareToken {
  /** The signer's certificate, DER. */
  readonly certificate: Uint8Array;
  /** The other certificates of the file (CAs), DER, in file order. */
  readonly chain: Uint8Array[];
  /** Non-extractable, usage `sign`; RSA keys are bound to SHA-256. */
  readonly privateKey: SigningKey;
  readonly algorithm: 'RSA' | 'ECDSA';
  readonly subject: CertificateSubject;
  readonly issuer: CertificateSubject;
  /** Upper-case hex without the sign-padding zero. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const HMAC_SHA1 = '1.2.840.113549.2.7';
const HMAC_PRFS = new Set([HMAC_SHA1, '1.2.840.113549.2.9', '1.2.840.113549.2.10', '1.2.840.113549.2.11']);
const AES_CBC = new Set(['2.16.840.1.101.3.4.1.2', '2.16.840.1.101.3.4.1.22', '2.16.840.1.101.3.4.1.42']);
const PKCS12_PBE = '1.2.840.113549.1.12.1.';
const MAC_DIGESTS = new Set<string>([OID.sha1, OID.sha256, OID.sha384, OID.sha512]);
const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
} as const;
const X509_CERT_BAG = '1.2.840.113549.1.9.22.1';
const CONTENT = { data: OID.data, encryptedData: '1.2.840.113549.1.7.6' } as const;
const GOST_KEYS = new Set<string>([OID.gost2012_256, OID.gost2012_512, '1.2.643.2.2.19', '1.2.643.2.2.98']);
const EC_CURVES: Readonly<Record<string, string>> = {
  [OID.p256]: 'P-256',
  [OID.p384]: 'P-384',
  [OID.p521]: 'P-521',
};

const REEXPORT_HINT =
  'export it again with OpenSSL 3 defaults: ' +
  '`openssl pkcs12 -export -inkey key.pem -in cert.pem -out token.p12`';
const PKCS8_HINT = 'convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem`';

function fail(code: SoftwareTokenErrorCode, message: string, cause?: unknown): never {
  throw new SoftwareTokenError(code, message, cause === undefined ? undefined : { cause });
}

/** What a file holds: PKCS #8 private keys and certificates, DER. */
interface Material {
  readonly keys: Uint8Array[];
  readonly certificates: Uint8Array[];
}

function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

const passwordBytes = (password: string): ArrayBuffer => exactBuffer(new TextEncoder().encode(password));

function engine(): pkijs.CryptoEngine {
  const crypto = globalThis.crypto as unknown as pkijs.CryptoEngineParameters['crypto'];
  return new pkijs.CryptoEngine({ name: 'webcrypto', crypto });
}

/** PBES2 with PBKDF2-HMAC-SHA-1/2 and AES-CBC, or `UNSUPPORTED`. */
function assertSupportedEncryption(algorithm: pkijs.AlgorithmIdentifier, what: string): void {
  const oid = algorithm.algorithmId;
  if (oid.startsWith(PKCS12_PBE)) {
    fail('UNSUPPORTED', `The ${what} uses a legacy PKCS #12 cipher (RC2, 3DES or RC4); ${REEXPORT_HINT}`);
  }
  if (oid !== PBES2) fail('UNSUPPORTED', `The ${what} is encrypted with ${oid}, not PBES2; ${REEXPORT_HINT}`);
  let scheme: pkijs.PBES2Params;
  let kdf: pkijs.PBKDF2Params | null = null;
  try {
    scheme = new pkijs.PBES2Params({ schema: algorithm.algorithmParams });
    if (scheme.keyDerivationFunc.algorithmId === PBKDF2) {
      kdf = new pkijs.PBKDF2Params({ schema: scheme.keyDerivationFunc.algorithmParams });
    }
  } catch (e) {
    return fail('MALFORMED', `The ${what}'s encryption parameters cannot be read`, e);
  }
  const prf = kdf?.prf?.algorithmId ?? HMAC_SHA1;
  if (!kdf || !HMAC_PRFS.has(prf) || !AES_CBC.has(scheme.encryptionScheme.algorithmId)) {
    fail(
      'UNSUPPORTED',
      `The ${what} is encrypted with a cipher we cannot use (only AES-CBC with PBKDF2); ${REEXPORT_HINT}`,
    );
  }
}

/** An EncryptedPrivateKeyInfo (a PKCS #12 shrouded key bag) decrypted: the PKCS #8 DER. */
async function decryptKey(
  shrouded: pkijs.PKCS8ShroudedKeyBag,
  password: ArrayBuffer,
  crypto: pkijs.CryptoEngine,
): Promise<Uint8Array> {
  assertSupportedEncryption(shrouded.encryptionAlgorithm, 'private key');
  const encrypted = new pkijs.EncryptedData({
    encryptedContentInfo: new pkijs.EncryptedContentInfo({
      contentType: OID.data,
      contentEncryptionAlgorithm: shrouded.encryptionAlgorithm,
      encryptedContent: shrouded.encryptedData,
    }),
  });
  return new Uint8Array(await encrypted.decrypt({ password }, crypto));
}

/** The bags of a SafeContents; `code` when it cannot be read (decrypted with a wrong password, damaged). */
function safeBags(der: ArrayBuffer, code: SoftwareTokenErrorCode): pkijs.SafeBag[] {
  try {
    return pkijs.SafeContents.fromBER(der).safeBags;
  } catch (e) {
    return fail(
      code,
      code === 'WRONG_PASSWORD' ? 'Wrong password' : 'The PKCS #12 content cannot be read',
      e,
    );
  }
}

async function fromPkcs12(bytes: Uint8Array, password: string): Promise<Material> {
  const crypto = engine();
  const pwd = passwordBytes(password);
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(exactBuffer(bytes));
  } catch (e) {
    return fail('MALFORMED', 'Not a PKCS #12 file', e);
  }
  if (pfx.authSafe.contentType !== CONTENT.data) {
    fail('UNSUPPORTED', `PKCS #12 with public-key integrity is not supported; ${REEXPORT_HINT}`);
  }
  const mac = pfx.macData;
  if (mac && !MAC_DIGESTS.has(mac.mac.digestAlgorithm.algorithmId)) {
    fail('UNSUPPORTED', `The PKCS #12 MAC uses ${mac.mac.digestAlgorithm.algorithmId}; ${REEXPORT_HINT}`);
  }
  try {
    await pfx.parseInternalValues({ password: pwd, checkIntegrity: mac !== undefined }, crypto);
  } catch (e) {
    const integrity = e instanceof Error && /integrity/i.test(e.message);
    return fail(
      integrity ? 'WRONG_PASSWORD' : 'MALFORMED',
      integrity ? 'Wrong password' : 'Not a PKCS #12 file',
      e,
    );
  }
  // With a MAC the password is proven right, so a later failure means a damaged file, not a wrong password.
  const failure = (message: string, e: unknown) => fail(mac ? 'MALFORMED' : 'WRONG_PASSWORD', message, e);

  const authSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authSafe) return fail('MALFORMED', 'The PKCS #12 file has no content');
  const bags: pkijs.SafeBag[] = [];
  for (const content of authSafe.safeContents) {
    if (content.contentType === CONTENT.data) {
      bags.push(...safeBags((content.content as asn1js.OctetString).getValue(), 'MALFORMED'));
    } else if (content.contentType === CONTENT.encryptedData) {
      const encrypted = new pkijs.EncryptedData({ schema: content.content });
      assertSupportedEncryption(encrypted.encryptedContentInfo.contentEncryptionAlgorithm, 'PKCS #12 file');
      let plain: ArrayBuffer;
      try {
        plain = await encrypted.decrypt({ password: pwd }, crypto);
      } catch (e) {
        return failure('The PKCS #12 content cannot be decrypted', e);
      }
      bags.push(...safeBags(plain, mac ? 'MALFORMED' : 'WRONG_PASSWORD'));
    } else {
      fail(
        'UNSUPPORTED',
        `PKCS #12 content of type ${content.contentType} (public-key privacy) is not supported`,
      );
    }
  }

  const material: Material = { keys: [], certificates: [] };
  for (const bag of bags) {
    if (bag.bagId === BAG.key) {
      material.keys.push(new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER()));
    } else if (bag.bagId === BAG.shroudedKey) {
      try {
        material.keys.push(await decryptKey(bag.bagValue as pkijs.PKCS8ShroudedKeyBag, pwd, crypto));
      } catch (e) {
        if (e instanceof SoftwareTokenError) throw e;
        return failure('The private key cannot be decrypted', e);
      }
    } else if (bag.bagId === BAG.cert) {
      const cert = bag.bagValue as pkijs.CertBag;
      if (cert.certId === X509_CERT_BAG && cert.certValue instanceof asn1js.OctetString) {
        material.certificates.push(new Uint8Array(cert.certValue.getValue()));
      }
    }
  }
  return material;
}

/** A PKCS #8 PrivateKeyInfo around a PKCS #1 or SEC 1 key. */
function pkcs8(algorithm: string, parameters: asn1js.AsnType, key: Uint8Array): Uint8Array {
  const info = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: algorithm }), parameters] }),
      new asn1js.OctetString({ valueHex: exactBuffer(key) }),
    ],
  });
  return new Uint8Array(info.toBER());
}

/** SEC 1 ECPrivateKey → PKCS #8, with the curve from its `[0] parameters`. */
function pkcs8FromSec1(der: Uint8Array): Uint8Array {
  const parsed = asn1js.fromBER(exactBuffer(der));
  const fields = parsed.result instanceof asn1js.Sequence ? parsed.result.valueBlock.value : [];
  const tagged = fields.find((f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 0);
  const curve = tagged instanceof asn1js.Constructed ? tagged.valueBlock.value[0] : undefined;
  if (parsed.offset === -1 || !(curve instanceof asn1js.ObjectIdentifier)) {
    return fail('UNSUPPORTED', `The EC PRIVATE KEY names no curve; ${PKCS8_HINT}`);
  }
  return pkcs8(OID.ecPublicKey, new asn1js.ObjectIdentifier({ value: curve.valueBlock.toString() }), der);
}

async function fromPem(text: string, password: string | undefined): Promise<Material> {
  const objects = pemObjects(text);
  if (objects.length === 0) fail('MALFORMED', 'No PEM blocks (-----BEGIN …-----) in the text');
  const material: Material = { keys: [], certificates: [] };
  for (const o of objects) {
    if (/ENCRYPTED/i.test(o.headers['Proc-Type'] ?? '')) {
      fail('UNSUPPORTED', `Legacy encrypted PEM keys are not supported; ${PKCS8_HINT}`);
    }
    switch (o.label) {
      case 'CERTIFICATE':
        material.certificates.push(o.der);
        break;
      case 'PRIVATE KEY':
        material.keys.push(o.der);
        break;
      case 'RSA PRIVATE KEY':
        material.keys.push(pkcs8(OID.rsaEncryption, new asn1js.Null(), o.der));
        break;
      case 'EC PRIVATE KEY':
        material.keys.push(pkcs8FromSec1(o.der));
        break;
      case 'ENCRYPTED PRIVATE KEY': {
        if (password === undefined)
          fail('WRONG_PASSWORD', 'The private key is encrypted: a password is needed');
        let shrouded: pkijs.PKCS8ShroudedKeyBag;
        try {
          shrouded = pkijs.PKCS8ShroudedKeyBag.fromBER(exactBuffer(o.der));
        } catch (e) {
          return fail('MALFORMED', 'The ENCRYPTED PRIVATE KEY cannot be read', e);
        }
        try {
          material.keys.push(await decryptKey(shrouded, passwordBytes(password ?? ''), engine()));
        } catch (e) {
          if (e instanceof SoftwareTokenError) throw e;
          return fail('WRONG_PASSWORD', 'Wrong password', e);
        }
        break;
      }
      default:
        break; // CSRs, CRLs, EC PARAMETERS: not ours
    }
  }
  return material;
}

interface ImportedKey {
  readonly family: 'RSA' | 'ECDSA';
  readonly key: SigningKey;
  readonly namedCurve: string | null;
  /** A probe signature, to find the certificate whose public key verifies it. */
  readonly probe: ArrayBuffer;
}

const PROBE = exactBuffer(new TextEncoder().encode('ТМК: software token key check'));

async function importPrivateKey(der: Uint8Array): Promise<ImportedKey> {
  let info: pkijs.PrivateKeyInfo;
  try {
    info = pkijs.PrivateKeyInfo.fromBER(exactBuffer(der));
  } catch (e) {
    return fail('MALFORMED', 'The private key is not PKCS #8', e);
  }
  const oid = info.privateKeyAlgorithm.algorithmId;
  if (GOST_KEYS.has(oid)) {
    fail('UNSUPPORTED', 'GOST keys sign through CryptoPro, not through the software token');
  }
  const params = info.privateKeyAlgorithm.algorithmParams as unknown;
  const namedCurve =
    oid === OID.ecPublicKey && params instanceof asn1js.ObjectIdentifier
      ? (EC_CURVES[params.valueBlock.toString()] ?? null)
      : null;
  if (oid !== OID.rsaEncryption && !namedCurve) {
    fail('UNSUPPORTED', `Keys of type ${oid} are not supported (RSA and ECDSA P-256/384/521 are)`);
  }
  const subtle = globalThis.crypto.subtle;
  try {
    if (namedCurve) {
      const key = await subtle.importKey('pkcs8', exactBuffer(der), { name: 'ECDSA', namedCurve }, false, [
        'sign',
      ]);
      const probe = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, PROBE);
      return { family: 'ECDSA', key, namedCurve, probe };
    }
    const key = await subtle.importKey(
      'pkcs8',
      exactBuffer(der),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const probe = await subtle.sign('RSASSA-PKCS1-v1_5', key, PROBE);
    return { family: 'RSA', key, namedCurve: null, probe };
  } catch (e) {
    return fail('MALFORMED', 'The private key cannot be imported', e);
  }
}

/** Whether the certificate's public key verifies the key's probe signature. */
async function keyMatches(key: ImportedKey, cert: pkijs.Certificate): Promise<boolean> {
  const subtle = globalThis.crypto.subtle;
  const spkiOid = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  const spki = exactBuffer(new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER()));
  try {
    if (key.family === 'RSA') {
      if (spkiOid !== OID.rsaEncryption) return false;
      const pub = await subtle.importKey(
        'spki',
        spki,
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      return await subtle.verify('RSASSA-PKCS1-v1_5', pub, key.probe, PROBE);
    }
    if (spkiOid !== OID.ecPublicKey || !key.namedCurve) return false;
    const pub = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: key.namedCurve }, false, [
      'verify',
    ]);
    return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, key.probe, PROBE);
  } catch {
    return false; // a key WebCrypto refuses (another curve, GOST) is no match
  }
}

function isCa(cert: pkijs.Certificate): boolean {
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.19');
  return ext?.parsedValue instanceof pkijs.BasicConstraints && ext.parsedValue.cA === true;
}

function subjectOf(name: pkijs.RelativeDistinguishedNames): CertificateSubject {
  return {
    commonName: nameAttribute(name, NAME_OIDS.commonName),
    snils: nameAttribute(name, NAME_OIDS.snils),
    organization: nameAttribute(name, NAME_OIDS.organization),
  };
}

function readMaterial(input: SoftwareTokenInput): Promise<Material> {
  if ('pkcs12' in input) return fromPkcs12(toBytes(input.pkcs12), input.password);
  if ('pem' in input) return fromPem(input.pem, input.password);
  const bytes = toBytes(input.file);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return text.includes('-----BEGIN')
    ? fromPem(text, input.password)
    : fromPkcs12(bytes, input.password ?? '');
}

/**
 * Imports a software token. Throws `SoftwareTokenError` with a stable code: `MALFORMED` (not PKCS #12/PEM,
 * damaged), `WRONG_PASSWORD`, `NO_PRIVATE_KEY`, `NO_CERTIFICATE`, `KEY_MISMATCH` (no certificate of the file
 * has the key's public key), `UNSUPPORTED` (GOST, legacy encryption; the message says how to convert).
 */
export async function importSoftwareToken(input: SoftwareTokenInput): Promise<SoftwareToken> {
  try {
    return await importToken(input);
  } catch (e) {
    if (e instanceof SoftwareTokenError) throw e;
    // pkijs and asn1js throw plain errors on odd input.
    throw new SoftwareTokenError('MALFORMED', 'The file cannot be read', { cause: e });
  }
}

async function importToken(input: SoftwareTokenInput): Promise<SoftwareToken> {
  const material = await readMaterial(input);
  const certificates = material.certificates.map((der) => {
    try {
      return { der, cert: pkijs.Certificate.fromBER(exactBuffer(der)) };
    } catch (e) {
      return fail('MALFORMED', 'A certificate cannot be read', e);
    }
  });
  if (material.keys.length === 0 && certificates.length === 0) {
    fail('MALFORMED', 'The file holds neither a certificate nor a private key');
  }
  if (material.keys.length === 0) fail('NO_PRIVATE_KEY', 'The file holds no private key');
  if (certificates.length === 0) fail('NO_CERTIFICATE', 'The file holds no certificate');

  // End-entity certificates first: a file with the CA's certificate and the signer's key is common.
  const candidates = [...certificates].sort((a, b) => Number(isCa(a.cert)) - Number(isCa(b.cert)));
  for (const der of material.keys) {
    const key = await importPrivateKey(der);
    for (const { der: certificate, cert } of candidates) {
      if (!(await keyMatches(key, cert))) continue;
      return {
        certificate,
        chain: material.certificates.filter((c) => !bytesEqual(c, certificate)),
        privateKey: key.key,
        algorithm: key.family,
        subject: subjectOf(cert.subject),
        issuer: subjectOf(cert.issuer),
        serialNumber: serialHex(cert.serialNumber),
        notBefore: cert.notBefore.value,
        notAfter: cert.notAfter.value,
      };
    }
  }
  return fail('KEY_MISMATCH', 'The private key belongs to none of the certificates in the file');
}
