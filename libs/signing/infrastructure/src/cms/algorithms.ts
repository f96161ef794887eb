import * as asn1js from 'asn1js';
import GostSign from 'gost-crypto/lib/gostSign';
import * as pkijs from 'pkijs';
import { OID, ecdsaDerToRaw, exactBuffer, type DigestName } from '@tmk/shared-cades';
import { GOST_CURVES } from './gost-curves';
import { streebog } from './streebog';

/**
 * The algorithms we verify, by OID, and the two primitives the verifier needs: digest and signature check.
 * RSA and ECDSA go through WebCrypto (`globalThis.crypto.subtle`), the Streebog digest of the document
 * through our table-driven implementation (streebog.ts, ≈ 3× gost-crypto's speed), GOST R 34.10-2012 through
 * gost-crypto's signature class with the curve passed explicitly (gost-curves.ts; it hashes the small signed
 * attributes itself). pkijs is used for parsing and encoding only: its own verify path throws for some
 * failures and returns false for others, and knows no GOST.
 */

const DIGESTS: Readonly<Record<string, DigestName>> = {
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
  [OID.streebog256]: 'STREEBOG-256',
  [OID.streebog512]: 'STREEBOG-512',
};

const NAMES: Readonly<Record<string, string>> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
  [OID.streebog256]: 'GOST R 34.11-2012 (Streebog) 256',
  [OID.streebog512]: 'GOST R 34.11-2012 (Streebog) 512',
  [OID.rsaEncryption]: 'RSA (PKCS #1 v1.5)',
  [OID.rsaPss]: 'RSASSA-PSS',
  [OID.sha256WithRsa]: 'SHA-256 with RSA',
  [OID.sha384WithRsa]: 'SHA-384 with RSA',
  [OID.sha512WithRsa]: 'SHA-512 with RSA',
  [OID.ecPublicKey]: 'ECDSA',
  [OID.ecdsaWithSha256]: 'ECDSA with SHA-256',
  [OID.ecdsaWithSha384]: 'ECDSA with SHA-384',
  [OID.ecdsaWithSha512]: 'ECDSA with SHA-512',
  [OID.gost2012_256]: 'GOST R 34.10-2012 256',
  [OID.gost2012_512]: 'GOST R 34.10-2012 512',
  [OID.gost2012_256WithStreebog]: 'GOST R 34.10-2012 256 with GOST R 34.11-2012 256',
  [OID.gost2012_512WithStreebog]: 'GOST R 34.10-2012 512 with GOST R 34.11-2012 512',
  '1.2.840.113549.1.1.5': 'SHA-1 with RSA',
  '1.2.643.2.2.3': 'GOST R 34.10-2001 with GOST R 34.11-94',
  '1.2.643.2.2.19': 'GOST R 34.10-2001',
};

export const algorithmName = (oid: string): string => NAMES[oid] ?? 'unknown';

export const digestByOid = (oid: string): DigestName | null => DIGESTS[oid] ?? null;

export async function digest(name: DigestName, data: Uint8Array): Promise<Uint8Array> {
  switch (name) {
    case 'STREEBOG-256':
      return streebog(data, 256);
    case 'STREEBOG-512':
      return streebog(data, 512);
    case 'SHA-256':
    case 'SHA-384':
    case 'SHA-512':
      return new Uint8Array(await globalThis.crypto.subtle.digest(name, exactBuffer(data)));
  }
}

export type SignatureCheck = 'valid' | 'invalid' | 'unsupported';

export interface SignatureInput {
  /** The signer's (or issuer's) public key. */
  readonly publicKey: pkijs.PublicKeyInfo;
  /** The signature algorithm as the signed object names it. */
  readonly algorithm: pkijs.AlgorithmIdentifier;
  /** A CMS SignerInfo's digestAlgorithm, for signature OIDs that name only the key type. */
  readonly digestOid?: string;
  readonly data: Uint8Array;
  readonly signature: Uint8Array;
}

type Scheme =
  | { kind: 'rsa'; hash: DigestName }
  | { kind: 'rsa-pss'; hash: DigestName; saltLength: number }
  | { kind: 'ecdsa'; hash: DigestName }
  | { kind: 'gost'; bits: 256 | 512 };

const SHA2 = new Set<DigestName>(['SHA-256', 'SHA-384', 'SHA-512']);

function shaFrom(oid: string | undefined): DigestName | null {
  const d = oid ? digestByOid(oid) : null;
  return d && SHA2.has(d) ? d : null;
}

/** Which verification a signature algorithm asks for; null when unsupported (or inconsistent). */
export function signatureScheme(algorithm: pkijs.AlgorithmIdentifier, digestOid?: string): Scheme | null {
  const oid = algorithm.algorithmId;
  const fixed: Readonly<Record<string, Scheme>> = {
    [OID.sha256WithRsa]: { kind: 'rsa', hash: 'SHA-256' },
    [OID.sha384WithRsa]: { kind: 'rsa', hash: 'SHA-384' },
    [OID.sha512WithRsa]: { kind: 'rsa', hash: 'SHA-512' },
    [OID.ecdsaWithSha256]: { kind: 'ecdsa', hash: 'SHA-256' },
    [OID.ecdsaWithSha384]: { kind: 'ecdsa', hash: 'SHA-384' },
    [OID.ecdsaWithSha512]: { kind: 'ecdsa', hash: 'SHA-512' },
    [OID.gost2012_256]: { kind: 'gost', bits: 256 },
    [OID.gost2012_256WithStreebog]: { kind: 'gost', bits: 256 },
    [OID.gost2012_512]: { kind: 'gost', bits: 512 },
    [OID.gost2012_512WithStreebog]: { kind: 'gost', bits: 512 },
  };
  const scheme = fixed[oid];
  if (scheme) {
    if (digestOid === undefined) return scheme;
    const d = digestByOid(digestOid);
    const expected = scheme.kind === 'gost' ? (`STREEBOG-${scheme.bits}` as const) : scheme.hash;
    return d === expected ? scheme : null;
  }
  if (oid === OID.rsaEncryption) {
    const hash = shaFrom(digestOid);
    return hash ? { kind: 'rsa', hash } : null;
  }
  if (oid === OID.ecPublicKey) {
    const hash = shaFrom(digestOid);
    return hash ? { kind: 'ecdsa', hash } : null;
  }
  if (oid === OID.rsaPss) {
    if (!algorithm.algorithmParams) return null;
    const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
    const hash = shaFrom(params.hashAlgorithm.algorithmId);
    const mgfHash =
      params.maskGenAlgorithm.algorithmId === OID.mgf1 && params.maskGenAlgorithm.algorithmParams
        ? shaFrom(
            new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams }).algorithmId,
          )
        : null;
    if (!hash || mgfHash !== hash || params.trailerField !== 1) return null;
    if (digestOid !== undefined && digestByOid(digestOid) !== hash) return null;
    return { kind: 'rsa-pss', hash, saltLength: params.saltLength };
  }
  return null;
}

const EC_CURVES: Readonly<Record<string, { name: string; size: number }>> = {
  [OID.p256]: { name: 'P-256', size: 32 },
  [OID.p384]: { name: 'P-384', size: 48 },
  [OID.p521]: { name: 'P-521', size: 66 },
};

/** The curve OID of an EC or GOST public key (first element of the key's parameters). */
export function publicKeyParamsOid(publicKey: pkijs.PublicKeyInfo): string | null {
  const params = publicKey.algorithm.algorithmParams as asn1js.AsnType | undefined;
  if (params instanceof asn1js.ObjectIdentifier) return params.valueBlock.toString();
  if (params instanceof asn1js.Sequence) {
    const first = params.valueBlock.value[0];
    if (first instanceof asn1js.ObjectIdentifier) return first.valueBlock.toString();
  }
  return null;
}

async function verifyWebCrypto(
  publicKey: pkijs.PublicKeyInfo,
  scheme: Exclude<Scheme, { kind: 'gost' }>,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<SignatureCheck> {
  const subtle = globalThis.crypto.subtle;
  const spki = exactBuffer(new Uint8Array(publicKey.toSchema().toBER()));
  const keyOid = publicKey.algorithm.algorithmId;
  if (scheme.kind === 'ecdsa') {
    if (keyOid !== OID.ecPublicKey) return 'unsupported';
    const curve = EC_CURVES[publicKeyParamsOid(publicKey) ?? ''];
    if (!curve) return 'unsupported';
    const raw = ecdsaDerToRaw(signature, curve.size);
    if (!raw) return 'invalid';
    const key = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: curve.name }, false, [
      'verify',
    ]);
    const ok = await subtle.verify(
      { name: 'ECDSA', hash: scheme.hash },
      key,
      exactBuffer(raw),
      exactBuffer(data),
    );
    return ok ? 'valid' : 'invalid';
  }
  if (keyOid !== OID.rsaEncryption) return 'unsupported';
  if (scheme.kind === 'rsa') {
    const key = await subtle.importKey(
      'spki',
      spki,
      { name: 'RSASSA-PKCS1-v1_5', hash: scheme.hash },
      false,
      ['verify'],
    );
    const ok = await subtle.verify('RSASSA-PKCS1-v1_5', key, exactBuffer(signature), exactBuffer(data));
    return ok ? 'valid' : 'invalid';
  }
  const key = await subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: scheme.hash }, false, ['verify']);
  const ok = await subtle.verify(
    { name: 'RSA-PSS', saltLength: scheme.saltLength },
    key,
    exactBuffer(signature),
    exactBuffer(data),
  );
  return ok ? 'valid' : 'invalid';
}

function verifyGost(
  publicKey: pkijs.PublicKeyInfo,
  bits: 256 | 512,
  data: Uint8Array,
  signature: Uint8Array,
): SignatureCheck {
  const keyOid = publicKey.algorithm.algorithmId;
  if (keyOid !== (bits === 256 ? OID.gost2012_256 : OID.gost2012_512)) return 'unsupported';
  const curve = GOST_CURVES[publicKeyParamsOid(publicKey) ?? ''];
  if (!curve || curve.bits !== bits) return 'unsupported';
  // The BIT STRING holds an OCTET STRING with little-endian x ‖ y.
  const inner = asn1js.fromBER(exactBuffer(publicKey.subjectPublicKey.valueBlock.valueHexView));
  if (!(inner.result instanceof asn1js.OctetString)) return 'invalid';
  const point = inner.result.valueBlock.valueHexView;
  if (point.byteLength !== bits / 4 || signature.byteLength !== bits / 4) return 'invalid';
  const signer = new GostSign({
    name: 'GOST R 34.10',
    version: 2012,
    length: bits,
    curve: { p: curve.p, a: curve.a, b: curve.b, q: curve.q, x: curve.x, y: curve.y },
    procreator: 'CP',
    hash: { name: 'GOST R 34.11', version: 2012, length: bits },
  });
  return signer.verify(exactBuffer(point), exactBuffer(signature), exactBuffer(data)) ? 'valid' : 'invalid';
}

/** Checks a signature; never throws (a key or signature the libraries reject is 'invalid'). */
export async function verifySignature(input: SignatureInput): Promise<SignatureCheck> {
  let scheme: Scheme | null;
  try {
    scheme = signatureScheme(input.algorithm, input.digestOid);
  } catch {
    return 'unsupported';
  }
  if (!scheme) return 'unsupported';
  try {
    return scheme.kind === 'gost'
      ? verifyGost(input.publicKey, scheme.bits, input.data, input.signature)
      : await verifyWebCrypto(input.publicKey, scheme, input.data, input.signature);
  } catch {
    return 'invalid';
  }
}
