import {
  buildDetachedCadesBes,
  importSoftwareToken,
  toHex,
  type SoftwareToken,
  type SoftwareTokenInput,
} from '@tmk/shared-cades';
import {
  DocumentSignerError,
  snilsDigits,
  type DocumentSigner,
  type SignerCertificate,
} from './document-signer';

/**
 * Signs with software tokens (RSA or ECDSA keys from a .p12/.pfx or PEM file, `importSoftwareToken`) through
 * WebCrypto: for development, demos and tests, not for legally significant signatures (those are GOST,
 * through CryptoPro). The tokens live **in memory only**, in this object: the private keys are
 * non-extractable `CryptoKey`s, nothing is written to localStorage, IndexedDB or anywhere else, and a page
 * reload forgets them. Signatures: CAdES-BES with SHA-256, carrying the signer's certificate and the file's
 * other certificates.
 */
export class SoftwareTokenSigner implements DocumentSigner {
  readonly kind = 'software' as const;
  private readonly tokens = new Map<
    string,
    { readonly token: SoftwareToken; readonly info: SignerCertificate }
  >();

  async available(): Promise<boolean> {
    return typeof globalThis.crypto?.subtle?.sign === 'function';
  }

  async certificates(): Promise<SignerCertificate[]> {
    return [...this.tokens.values()].map((t) => t.info);
  }

  /** Imports a token file and keeps it (throws `SoftwareTokenError` with its code when it cannot). */
  async import(input: SoftwareTokenInput): Promise<SignerCertificate> {
    return this.add(await importSoftwareToken(input));
  }

  /** Keeps an imported token; the same certificate again replaces the earlier one. */
  async add(token: SoftwareToken): Promise<SignerCertificate> {
    const thumbprint = await globalThis.crypto.subtle.digest('SHA-1', new Uint8Array(token.certificate));
    const info: SignerCertificate = {
      id: toHex(thumbprint).toUpperCase(),
      commonName: token.subject.commonName ?? token.subject.organization ?? token.serialNumber,
      snils: snilsDigits(token.subject.snils),
      organization: token.subject.organization,
      serialNumber: token.serialNumber,
      notBefore: token.notBefore,
      notAfter: token.notAfter,
      ...(token.issuer.commonName || token.issuer.organization
        ? { issuer: token.issuer.commonName ?? token.issuer.organization ?? '' }
        : {}),
    };
    this.tokens.set(info.id, { token, info });
    return info;
  }

  /** Forgets a token; true when there was one. */
  remove(certificateId: string): boolean {
    return this.tokens.delete(certificateId.toUpperCase());
  }

  clear(): void {
    this.tokens.clear();
  }

  async sign(document: Uint8Array, certificateId: string): Promise<Uint8Array> {
    const entry = this.tokens.get(certificateId.toUpperCase());
    if (!entry) throw new DocumentSignerError('UNKNOWN_CERTIFICATE', `No software token ${certificateId}`);
    try {
      return await buildDetachedCadesBes({
        document,
        certificate: entry.token.certificate,
        privateKey: entry.token.privateKey,
        hash: 'SHA-256',
        extraCertificates: entry.token.chain,
      });
    } catch (e) {
      throw new DocumentSignerError(
        'FAILED',
        `Signing failed: ${e instanceof Error ? e.message : String(e)}`,
        {
          cause: e,
        },
      );
    }
  }
}
