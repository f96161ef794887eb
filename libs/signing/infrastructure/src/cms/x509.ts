import type { CertificateName, KeyUsageFlags } from '@tmk/signing-domain';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { attributeText, exactBuffer, serialHex, toHex } from '@tmk/shared-cades';
import { verifySignature, type SignatureCheck } from './algorithms';

/** Certificates and CRLs as the verifier needs them: parsed once, names as DER, facts as plain values. */

const NAME_ATTRIBUTES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'G',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '1.2.840.113549.1.9.1': 'E',
  '1.2.643.100.3': 'SNILS',
  '1.2.643.100.1': 'OGRN',
  '1.2.643.100.5': 'OGRNIP',
  '1.2.643.3.131.1.1': 'INN',
  '1.2.643.100.4': 'INNLE',
};

export function certificateName(rdn: pkijs.RelativeDistinguishedNames): CertificateName {
  const pairs = rdn.typesAndValues.map((tv) => [tv.type, attributeText(tv.value)] as const);
  const first = (...oids: string[]) => pairs.find(([t]) => oids.includes(t))?.[1] ?? null;
  return {
    text: pairs.map(([t, v]) => `${NAME_ATTRIBUTES[t] ?? t}=${v}`).join(', '),
    commonName: first('2.5.4.3'),
    surname: first('2.5.4.4'),
    givenName: first('2.5.4.42'),
    organization: first('2.5.4.10'),
    snils: first('1.2.643.100.3'),
    ogrn: first('1.2.643.100.1', '1.2.643.100.5'),
    inn: first('1.2.643.3.131.1.1'),
    innLe: first('1.2.643.100.4'),
  };
}

/** A name's DER as it appears in the certificate (compared byte for byte when building chains). */
const nameDer = (rdn: pkijs.RelativeDistinguishedNames): string => toHex(rdn.valueBeforeDecode);

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

export class ParsedCertificate {
  readonly id: string;
  readonly subjectKey: string;
  readonly issuerKey: string;

  private constructor(
    readonly cert: pkijs.Certificate,
    readonly der: Uint8Array,
  ) {
    this.id = toHex(der);
    this.subjectKey = nameDer(cert.subject);
    this.issuerKey = nameDer(cert.issuer);
  }

  /** Throws when the bytes are not one X.509 certificate. */
  static parse(der: Uint8Array): ParsedCertificate {
    const asn = asn1js.fromBER(exactBuffer(der));
    if (asn.offset === -1 || asn.offset !== der.byteLength) throw new Error('Not a DER certificate');
    return new ParsedCertificate(new pkijs.Certificate({ schema: asn.result }), der);
  }

  static fromPkijs(cert: pkijs.Certificate): ParsedCertificate {
    const raw = (cert as unknown as { valueBeforeDecode?: ArrayBuffer }).valueBeforeDecode;
    const der = raw && raw.byteLength > 0 ? new Uint8Array(raw) : new Uint8Array(cert.toSchema().toBER());
    return new ParsedCertificate(cert, der);
  }

  get subject(): CertificateName {
    return certificateName(this.cert.subject);
  }

  get issuer(): CertificateName {
    return certificateName(this.cert.issuer);
  }

  get serialNumber(): string {
    return serialHex(this.cert.serialNumber);
  }

  get notBefore(): Date {
    return this.cert.notBefore.value;
  }

  get notAfter(): Date {
    return this.cert.notAfter.value;
  }

  get selfIssued(): boolean {
    return this.subjectKey === this.issuerKey;
  }

  /** Key usage bits; null when the certificate has no keyUsage extension. */
  get keyUsage(): KeyUsageFlags | null {
    const ext = extension(this.cert, '2.5.29.15');
    if (!ext) return null;
    const bits = ext.parsedValue instanceof asn1js.BitString ? ext.parsedValue.valueBlock.valueHexView : null;
    const b0 = bits?.[0] ?? 0;
    return {
      digitalSignature: (b0 & 0x80) !== 0,
      nonRepudiation: (b0 & 0x40) !== 0,
      keyCertSign: (b0 & 0x04) !== 0,
      cRLSign: (b0 & 0x02) !== 0,
    };
  }

  /** http(s) URLs of the CRL distribution points (2.5.29.31): where the issuer publishes its CRL. */
  get crlUrls(): string[] {
    const ext = extension(this.cert, '2.5.29.31');
    if (!(ext?.parsedValue instanceof pkijs.CRLDistributionPoints)) return [];
    const urls: string[] = [];
    for (const point of ext.parsedValue.distributionPoints) {
      const names = Array.isArray(point.distributionPoint) ? point.distributionPoint : [];
      for (const name of names) {
        // GeneralName uniformResourceIdentifier
        if (name.type === 6 && typeof name.value === 'string' && /^https?:\/\//i.test(name.value)) {
          urls.push(name.value);
        }
      }
    }
    return urls;
  }

  get isCa(): boolean {
    const ext = extension(this.cert, '2.5.29.19');
    return ext?.parsedValue instanceof pkijs.BasicConstraints && ext.parsedValue.cA === true;
  }

  /** Whether `issuer`'s key made this certificate's signature. */
  signedBy(issuer: ParsedCertificate): Promise<SignatureCheck> {
    return verifySignature({
      publicKey: issuer.cert.subjectPublicKeyInfo,
      algorithm: this.cert.signatureAlgorithm,
      data: this.cert.tbsView,
      signature: this.cert.signatureValue.valueBlock.valueHexView,
    });
  }
}

export class ParsedCrl {
  readonly issuerKey: string;

  private constructor(readonly crl: pkijs.CertificateRevocationList) {
    this.issuerKey = nameDer(crl.issuer);
  }

  /** Throws when the bytes are not one CRL. */
  static parse(der: Uint8Array): ParsedCrl {
    const asn = asn1js.fromBER(exactBuffer(der));
    if (asn.offset === -1 || asn.offset !== der.byteLength) throw new Error('Not a DER CRL');
    return new ParsedCrl(new pkijs.CertificateRevocationList({ schema: asn.result }));
  }

  get thisUpdate(): Date {
    return this.crl.thisUpdate.value;
  }

  get nextUpdate(): Date | null {
    return this.crl.nextUpdate?.value ?? null;
  }

  /** The revocation date of the certificate with this serial, or null when it is not listed. */
  revokedAt(serial: string): Date | null {
    const entry = this.crl.revokedCertificates?.find((r) => serialHex(r.userCertificate) === serial);
    return entry ? entry.revocationDate.value : null;
  }

  signedBy(issuer: ParsedCertificate): Promise<SignatureCheck> {
    return verifySignature({
      publicKey: issuer.cert.subjectPublicKeyInfo,
      algorithm: this.crl.signatureAlgorithm,
      data: this.crl.tbsView,
      signature: this.crl.signatureValue.valueBlock.valueHexView,
    });
  }
}
