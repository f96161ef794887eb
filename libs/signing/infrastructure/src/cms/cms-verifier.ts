import {
  DEFAULT_SIGNING_TIME_WINDOW,
  certificateValidityRule,
  malformedResult,
  mayIssueCertificates,
  maySignCrls,
  orderedReasons,
  revocationRule,
  signerIdentityRule,
  signerKeyUsageRule,
  signingTimeRule,
  validityInstant,
  verificationVerdict,
  type DetachedSignatureInput,
  type ReasonCode,
  type RevocationFacts,
  type SignatureVerifier,
  type SignerReport,
  type SigningTimeWindow,
  type VerificationResult,
} from '@tmk/signing-domain';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, bytesEqual, derFrom, dersFrom, exactBuffer, serialHex, toHex } from '@tmk/shared-cades';
import { algorithmName, digest, digestByOid, verifySignature, type SignatureCheck } from './algorithms';
import { ParsedCertificate, ParsedCrl } from './x509';

export interface CmsVerifierOptions {
  /** Trusted CA certificates (roots and intermediates), DER, base64 or PEM. A chain must reach one of them. */
  readonly trustedCertificates: readonly (Uint8Array | string)[];
  /** CRLs of the CAs (DER, base64 or PEM); each is used only when its issuer's key verifies it. */
  readonly crls?: readonly (Uint8Array | string)[];
  readonly signingTimeWindow?: SigningTimeWindow;
  /** Reject with REVOCATION_UNKNOWN when a certificate's issuer has no current CRL here. Default true. */
  readonly requireRevocationInfo?: boolean;
}

/** Longest chain we follow (signer, intermediates, anchor). */
const MAX_CHAIN = 8;

/** Cached certificate signature checks (oldest evicted first). */
const MAX_CACHED_CHECKS = 1000;

class Malformed extends Error {}

/**
 * Verifies detached CMS SignedData / CAdES-BES signatures over a document (domain notes §5): messageDigest
 * against the document, the signature over the signed attributes, the CAdES-BES attributes
 * (contentType, messageDigest, signingTime, signingCertificateV2 naming the signer certificate), a chain to
 * the trust store with every certificate valid at signing time, the signer's key usage, CRL revocation, the
 * signer's SNILS and the signingTime window. Every reason found is reported, not only the first; input that
 * cannot be read is MALFORMED and never throws.
 */
export class CmsVerifier implements SignatureVerifier {
  private readonly trusted: Map<string, ParsedCertificate>;
  private readonly trustedBySubject = new Map<string, ParsedCertificate[]>();
  private readonly crlsByIssuer = new Map<string, ParsedCrl[]>();
  private readonly crlChecks = new Map<string, Promise<boolean>>();
  /** Certificate signature checks (pure JS GOST costs ~0.1–0.5 s each); the same CAs sign many documents. */
  private readonly issuanceChecks = new Map<string, Promise<SignatureCheck>>();
  private readonly window: SigningTimeWindow;
  private readonly requireRevocationInfo: boolean;

  /** Throws when a trusted certificate or a CRL cannot be read: that is configuration, not input. */
  constructor(options: CmsVerifierOptions) {
    const trusted = dersFrom(options.trustedCertificates).map((der) => ParsedCertificate.parse(der));
    this.trusted = new Map(trusted.map((c) => [c.id, c]));
    for (const c of this.trusted.values()) {
      this.trustedBySubject.set(c.subjectKey, [...(this.trustedBySubject.get(c.subjectKey) ?? []), c]);
    }
    for (const der of dersFrom(options.crls ?? [])) {
      const crl = ParsedCrl.parse(der);
      this.crlsByIssuer.set(crl.issuerKey, [...(this.crlsByIssuer.get(crl.issuerKey) ?? []), crl]);
    }
    this.window = options.signingTimeWindow ?? DEFAULT_SIGNING_TIME_WINDOW;
    this.requireRevocationInfo = options.requireRevocationInfo ?? true;
  }

  async verify(input: DetachedSignatureInput): Promise<VerificationResult> {
    try {
      return await this.verifyOrThrow(input);
    } catch {
      return malformedResult();
    }
  }

  private async verifyOrThrow(input: DetachedSignatureInput): Promise<VerificationResult> {
    if (!(input.document instanceof Uint8Array) || Number.isNaN(input.receivedAt.getTime())) {
      return malformedResult();
    }
    const der = derFrom(input.signature);
    if (!der) return malformedResult();
    const asn = asn1js.fromBER(exactBuffer(der));
    if (asn.offset === -1 || asn.offset !== der.byteLength) return malformedResult();
    const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
    if (contentInfo.contentType !== OID.signedData) return malformedResult();
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    if (signedData.signerInfos.length === 0) return malformedResult();

    const pool = (signedData.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => ParsedCertificate.fromPkijs(c));
    const signers: SignerReport[] = [];
    for (const signerInfo of signedData.signerInfos) {
      signers.push(await this.verifySigner(signerInfo, signedData, pool, input));
    }
    const expected = input.expectedSignerSnils;
    const identity =
      expected === null || expected === undefined
        ? null
        : signers.some((s) => signerIdentityRule(expected, s.subject.snils) === null)
          ? null
          : 'WRONG_SIGNER';
    return verificationVerdict(signers, [identity]);
  }

  private async verifySigner(
    signerInfo: pkijs.SignerInfo,
    signedData: pkijs.SignedData,
    pool: ParsedCertificate[],
    input: DetachedSignatureInput,
  ): Promise<SignerReport> {
    const cert = findSignerCertificate(signerInfo.sid, pool);
    if (!cert) throw new Malformed('The signer certificate is not in the signature');
    const reasons: (ReasonCode | null)[] = [];
    const digestOid = signerInfo.digestAlgorithm.algorithmId;
    const digestName = digestByOid(digestOid);
    if (!digestName) reasons.push('UNSUPPORTED_ALGORITHM');

    const attrs = signerInfo.signedAttrs;
    const attribute = (oid: string): asn1js.AsnType | null => {
      const found = attrs?.attributes.filter((a) => a.type === oid) ?? [];
      if (found.length > 1 || (found[0] && found[0].values.length !== 1)) {
        throw new Malformed(`Attribute ${oid} must occur once with one value`);
      }
      return (found[0]?.values[0] as asn1js.AsnType | undefined) ?? null;
    };

    // contentType must name the content's type.
    const contentType = attribute(OID.contentType);
    if (
      !(contentType instanceof asn1js.ObjectIdentifier) ||
      contentType.valueBlock.toString() !== signedData.encapContentInfo.eContentType
    ) {
      reasons.push('MISSING_ATTRIBUTES');
    }

    // messageDigest against the stored document.
    const messageDigest = attribute(OID.messageDigest);
    if (!(messageDigest instanceof asn1js.OctetString)) {
      reasons.push('MISSING_ATTRIBUTES');
    } else if (digestName) {
      const actual = await digest(digestName, input.document);
      if (!bytesEqual(actual, messageDigest.valueBlock.valueHexView)) reasons.push('DIGEST_MISMATCH');
    }

    // signingTime, bounded by receipt.
    const signingTimeValue = attribute(OID.signingTime);
    const signingTime =
      signingTimeValue instanceof asn1js.UTCTime || signingTimeValue instanceof asn1js.GeneralizedTime
        ? signingTimeValue.toDate()
        : null;
    if (!signingTime) reasons.push('MISSING_ATTRIBUTES');
    reasons.push(signingTimeRule(signingTime, input.receivedAt, this.window));

    // signingCertificateV2 must name the signer certificate.
    const signingCertificate = attribute(OID.signingCertificateV2);
    if (!signingCertificate) {
      reasons.push('MISSING_ATTRIBUTES');
    } else {
      const check = await essCertIdV2Check(signingCertificate, cert);
      if (check === 'unsupported') reasons.push('UNSUPPORTED_ALGORITHM');
      else if (check !== 'match') reasons.push('MISSING_ATTRIBUTES');
    }

    // The signature over the DER of the signed attributes (as received, re-tagged as SET).
    if (!attrs) {
      reasons.push('MISSING_ATTRIBUTES');
    } else {
      const check = await verifySignature({
        publicKey: cert.cert.subjectPublicKeyInfo,
        algorithm: signerInfo.signatureAlgorithm,
        digestOid,
        data: new Uint8Array(attrs.encodedValue),
        signature: signerInfo.signature.valueBlock.valueHexView,
      });
      if (check === 'invalid') reasons.push('BAD_SIGNATURE');
      if (check === 'unsupported') reasons.push('UNSUPPORTED_ALGORITHM');
    }

    // The chain, validity at signing time, key usage, revocation.
    const { chain, unsupported } = await this.buildChain(cert, pool);
    if (!chain) reasons.push('UNTRUSTED_CHAIN');
    if (!chain && unsupported) reasons.push('UNSUPPORTED_ALGORITHM');
    const at = validityInstant(signingTime, input.receivedAt, this.window);
    for (const c of chain ?? [cert]) reasons.push(certificateValidityRule(c, at));
    reasons.push(signerKeyUsageRule(cert.keyUsage));
    if (chain) {
      for (const [i, issuer] of chain.slice(1).entries()) {
        const facts = await this.revocationFacts(chain[i] ?? cert, issuer);
        reasons.push(revocationRule(facts, input.receivedAt, this.requireRevocationInfo));
      }
    }

    return {
      subject: cert.subject,
      issuer: cert.issuer,
      serialNumber: cert.serialNumber,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      signingTime,
      digestAlgorithm: { oid: digestOid, name: algorithmName(digestOid) },
      signatureAlgorithm: {
        oid: signerInfo.signatureAlgorithm.algorithmId,
        name: algorithmName(signerInfo.signatureAlgorithm.algorithmId),
      },
      chain: (chain ?? [cert]).map((c) => c.subject.text),
      reasons: orderedReasons(reasons),
    };
  }

  /**
   * A path from `cert` to a trusted certificate, through the signature's certificates and the trust store:
   * each link needs the issuer's name (DER-equal), its CA status and a valid signature.
   */
  private async buildChain(
    cert: ParsedCertificate,
    pool: ParsedCertificate[],
  ): Promise<{ chain: ParsedCertificate[] | null; unsupported: boolean }> {
    let unsupported = false;
    const candidates = (issuerKey: string): ParsedCertificate[] => {
      const seen = new Set<string>();
      return [
        ...(this.trustedBySubject.get(issuerKey) ?? []),
        ...pool.filter((c) => c.subjectKey === issuerKey),
      ].filter((c) => !seen.has(c.id) && seen.add(c.id));
    };
    const visit = async (
      current: ParsedCertificate,
      path: ParsedCertificate[],
    ): Promise<ParsedCertificate[] | null> => {
      const here = [...path, current];
      if (this.trusted.has(current.id)) return here;
      if (here.length >= MAX_CHAIN) return null;
      for (const issuer of candidates(current.issuerKey)) {
        if (here.some((c) => c.id === issuer.id)) continue;
        if (!mayIssueCertificates(issuer.isCa, issuer.keyUsage)) continue;
        const check = await this.issuedBy(current, issuer);
        if (check === 'unsupported') unsupported = true;
        if (check !== 'valid') continue;
        const found = await visit(issuer, here);
        if (found) return found;
      }
      return null;
    };
    return { chain: await visit(cert, []), unsupported };
  }

  private issuedBy(cert: ParsedCertificate, issuer: ParsedCertificate): Promise<SignatureCheck> {
    const key = `${cert.id}|${issuer.id}`;
    let check = this.issuanceChecks.get(key);
    if (!check) {
      if (this.issuanceChecks.size >= MAX_CACHED_CHECKS) {
        const oldest = this.issuanceChecks.keys().next().value;
        if (oldest !== undefined) this.issuanceChecks.delete(oldest);
      }
      check = cert.signedBy(issuer);
      this.issuanceChecks.set(key, check);
    }
    return check;
  }

  /** What the issuer's newest CRL (among those its key verifies) says about the certificate. */
  private async revocationFacts(
    cert: ParsedCertificate,
    issuer: ParsedCertificate,
  ): Promise<RevocationFacts> {
    if (!maySignCrls(issuer.keyUsage)) return { crl: null };
    let newest: ParsedCrl | null = null;
    for (const [i, crl] of (this.crlsByIssuer.get(cert.issuerKey) ?? []).entries()) {
      const key = `${cert.issuerKey}#${i}#${issuer.id}`;
      let check = this.crlChecks.get(key);
      if (!check) {
        check = crl.signedBy(issuer).then((r) => r === 'valid');
        this.crlChecks.set(key, check);
      }
      if (!(await check)) continue;
      if (!newest || crl.thisUpdate > newest.thisUpdate) newest = crl;
    }
    return newest
      ? {
          crl: {
            thisUpdate: newest.thisUpdate,
            nextUpdate: newest.nextUpdate,
            revokedAt: newest.revokedAt(cert.serialNumber),
          },
        }
      : { crl: null };
  }
}

/** The certificate a SignerInfo's sid names: issuer and serial number, or subject key identifier. */
function findSignerCertificate(sid: unknown, pool: ParsedCertificate[]): ParsedCertificate | null {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const issuer = toHex(sid.issuer.valueBeforeDecode);
    const serial = serialHex(sid.serialNumber);
    return pool.find((c) => c.issuerKey === issuer && c.serialNumber === serial) ?? null;
  }
  if (sid instanceof asn1js.Constructed || sid instanceof asn1js.Primitive) {
    // [0] SubjectKeyIdentifier (pkijs keeps it as a tagged block).
    const block = sid as asn1js.BaseBlock & { valueBlock: { valueHexView?: Uint8Array; value?: unknown[] } };
    const keyId =
      block.valueBlock.valueHexView ??
      (block.valueBlock.value?.[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView ??
      null;
    if (!keyId) return null;
    return (
      pool.find((c) => {
        const ski = c.cert.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue;
        return ski instanceof asn1js.OctetString && bytesEqual(ski.valueBlock.valueHexView, keyId);
      }) ?? null
    );
  }
  return null;
}

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies … OPTIONAL }
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT sha256, certHash OCTET STRING,
 *                             issuerSerial IssuerSerial OPTIONAL }
 * The first ESSCertIDv2 must be the signer certificate's (RFC 5035 §3).
 */
async function essCertIdV2Check(
  value: asn1js.AsnType,
  cert: ParsedCertificate,
): Promise<'match' | 'mismatch' | 'unsupported'> {
  if (!(value instanceof asn1js.Sequence)) return 'mismatch';
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return 'mismatch';
  const first = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return 'mismatch';
  const items = first.valueBlock.value;
  let i = 0;
  let hashOid: string = OID.sha256;
  if (items[0] instanceof asn1js.Sequence) {
    hashOid = new pkijs.AlgorithmIdentifier({ schema: items[0] }).algorithmId;
    i = 1;
  }
  const certHash = items[i];
  if (!(certHash instanceof asn1js.OctetString)) return 'mismatch';
  const hashName = digestByOid(hashOid);
  if (!hashName) return 'unsupported';
  if (!bytesEqual(await digest(hashName, cert.der), certHash.valueBlock.valueHexView)) return 'mismatch';
  const issuerSerial = items[i + 1];
  if (issuerSerial instanceof asn1js.Sequence) {
    const serial = issuerSerial.valueBlock.value[1];
    if (!(serial instanceof asn1js.Integer) || serialHex(serial) !== cert.serialNumber) return 'mismatch';
  }
  return 'match';
}

/** The certificates a CMS SignedData carries; [] when it cannot be read (never throws). */
export function certificatesInSignature(signature: Uint8Array | string): ParsedCertificate[] {
  try {
    const der = derFrom(signature);
    if (!der) return [];
    const asn = asn1js.fromBER(exactBuffer(der));
    if (asn.offset === -1) return [];
    const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
    if (contentInfo.contentType !== OID.signedData) return [];
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    return (signedData.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => ParsedCertificate.fromPkijs(c));
  } catch {
    return [];
  }
}
