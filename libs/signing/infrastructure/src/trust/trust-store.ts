import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, newId } from '@tmk/shared-kernel';
import type {
  CrlFetcher,
  CrlView,
  TrustAnchorView,
  TrustStore,
  VerifierSource,
} from '@tmk/signing-application';
import { CRL_FETCHER } from '@tmk/signing-application';
import type {
  DetachedSignatureInput,
  SignatureVerifier,
  SigningTimeWindow,
  VerificationResult,
} from '@tmk/signing-domain';
import { derFrom, dersFrom } from '@tmk/shared-cades';
import { CmsVerifier, certificatesInSignature } from '../cms/cms-verifier';
import { ParsedCertificate, ParsedCrl } from '../cms/x509';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const buf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const bytesOf = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

interface AnchorRow {
  id: string;
  subject: string;
  issuer: string;
  serial_number: string;
  not_before: Date;
  not_after: Date;
  self_signed: boolean;
  sha256: string;
  added_at: Date;
  added_by: string | null;
}
interface CrlRow {
  id: string;
  issuer: string;
  source_url: string | null;
  this_update: Date;
  next_update: Date | null;
  revoked_count: number;
  sha256: string;
  fetched_at: Date;
}

const anchorOf = (r: AnchorRow): TrustAnchorView => ({
  id: r.id,
  subject: r.subject,
  issuer: r.issuer,
  serialNumber: r.serial_number,
  notBefore: r.not_before,
  notAfter: r.not_after,
  selfSigned: r.self_signed,
  sha256: r.sha256,
  addedAt: r.added_at,
  addedBy: r.added_by,
});
const crlOf = (r: CrlRow): CrlView => ({
  id: r.id,
  issuer: r.issuer,
  sourceUrl: r.source_url,
  thisUpdate: r.this_update,
  nextUpdate: r.next_update,
  revokedCount: r.revoked_count,
  sha256: r.sha256,
  fetchedAt: r.fetched_at,
});

const invalid = (code: string, message: string, field = 'file') =>
  DomainError.validation(code, message, [{ field, code: 'INVALID', message }]);

const ANCHOR_COLUMNS = `id, subject, issuer, serial_number, not_before, not_after, self_signed, sha256, added_at, added_by`;
const CRL_COLUMNS = `id, issuer, source_url, this_update, next_update, revoked_count, sha256, fetched_at`;

/** The trust store in schema `signing`: CA certificates and CRLs; every change bumps `trust_version`. */
@Injectable()
export class SqlTrustStore implements TrustStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async anchors(): Promise<TrustAnchorView[]> {
    const rows: AnchorRow[] = await this.db.query(
      `SELECT ${ANCHOR_COLUMNS} FROM signing.trust_anchor ORDER BY subject, not_before`,
    );
    return rows.map(anchorOf);
  }

  async addAnchor(certificate: Uint8Array, addedBy: string, at: Date): Promise<TrustAnchorView> {
    const [der, ...more] = dersFrom([certificate]);
    if (!der || more.length > 0) {
      throw invalid('SIGNING.NOT_A_CERTIFICATE', 'Send one X.509 certificate (DER or PEM)');
    }
    let cert: ParsedCertificate;
    try {
      cert = ParsedCertificate.parse(der);
    } catch {
      throw invalid('SIGNING.NOT_A_CERTIFICATE', 'Send one X.509 certificate (DER or PEM)');
    }
    if (!cert.isCa) {
      throw invalid('SIGNING.NOT_A_CA_CERTIFICATE', 'Only CA certificates (basicConstraints cA) are trusted');
    }
    const hash = sha256(der);
    return this.db.transaction(async (em) => {
      await em.query(
        `INSERT INTO signing.trust_anchor (${ANCHOR_COLUMNS}, der)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (sha256) DO NOTHING`,
        [
          newId(),
          cert.subject.text,
          cert.issuer.text,
          cert.serialNumber,
          cert.notBefore,
          cert.notAfter,
          cert.selfIssued,
          hash,
          at,
          addedBy || null,
          buf(der),
        ],
      );
      await bump(em);
      const [row]: AnchorRow[] = await em.query(
        `SELECT ${ANCHOR_COLUMNS} FROM signing.trust_anchor WHERE sha256 = $1`,
        [hash],
      );
      if (!row) throw new Error('The trust anchor vanished');
      return anchorOf(row);
    });
  }

  async removeAnchor(id: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const rows: unknown[] = await em.query(`DELETE FROM signing.trust_anchor WHERE id = $1 RETURNING id`, [
        id,
      ]);
      if (rows.length) await bump(em);
      return rows.length > 0;
    });
  }

  async crls(): Promise<CrlView[]> {
    const rows: CrlRow[] = await this.db.query(
      `SELECT ${CRL_COLUMNS} FROM signing.crl ORDER BY issuer, fetched_at`,
    );
    return rows.map(crlOf);
  }

  async putCrl(bytes: Uint8Array, sourceUrl: string | null, at: Date): Promise<CrlView> {
    const der = derFrom(bytes) ?? new Uint8Array();
    let crl: ParsedCrl;
    try {
      crl = ParsedCrl.parse(der);
    } catch {
      throw invalid(
        'SIGNING.NOT_A_CRL',
        'Not a certificate revocation list (DER or PEM)',
        sourceUrl ? 'url' : 'file',
      );
    }
    const issuers = (await this.material()).certificates
      .map((c) => ParsedCertificate.parse(c))
      .filter((c) => c.subjectKey === crl.issuerKey);
    let signedBy: ParsedCertificate | null = null;
    for (const issuer of issuers) if ((await crl.signedBy(issuer)) === 'valid') signedBy = issuer;
    if (!signedBy) {
      throw invalid(
        'SIGNING.CRL_ISSUER_UNKNOWN',
        'The CRL is not signed by a CA of the trust store: add the CA first',
        sourceUrl ? 'url' : 'file',
      );
    }
    const issuerText = signedBy.subject.text;
    return this.db.transaction(async (em) => {
      const [current]: { this_update: Date }[] = await em.query(
        `SELECT this_update FROM signing.crl WHERE issuer = $1 AND coalesce(source_url, '') = $2 FOR UPDATE`,
        [issuerText, sourceUrl ?? ''],
      );
      if (!current || current.this_update <= crl.thisUpdate) {
        await em.query(`DELETE FROM signing.crl WHERE issuer = $1 AND coalesce(source_url, '') = $2`, [
          issuerText,
          sourceUrl ?? '',
        ]);
        await em.query(
          `INSERT INTO signing.crl (${CRL_COLUMNS}, der) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            newId(),
            issuerText,
            sourceUrl,
            crl.thisUpdate,
            crl.nextUpdate,
            crl.crl.revokedCertificates?.length ?? 0,
            sha256(der),
            at,
            buf(der),
          ],
        );
        await bump(em);
      } else {
        await em.query(
          `UPDATE signing.crl SET fetched_at = $3 WHERE issuer = $1 AND coalesce(source_url, '') = $2`,
          [issuerText, sourceUrl ?? '', at],
        );
      }
      const [row]: CrlRow[] = await em.query(
        `SELECT ${CRL_COLUMNS} FROM signing.crl WHERE issuer = $1 AND coalesce(source_url, '') = $2`,
        [issuerText, sourceUrl ?? ''],
      );
      if (!row) throw new Error('The CRL vanished');
      return crlOf(row);
    });
  }

  async removeCrl(id: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const rows: unknown[] = await em.query(`DELETE FROM signing.crl WHERE id = $1 RETURNING id`, [id]);
      if (rows.length) await bump(em);
      return rows.length > 0;
    });
  }

  /** Everything the verifier needs, with the version it was read at. */
  async material(): Promise<{ version: string; certificates: Uint8Array[]; crls: Uint8Array[] }> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      const [v]: { version: string }[] = await em.query(`SELECT version::text FROM signing.trust_version`);
      const certs: { der: Buffer }[] = await em.query(`SELECT der FROM signing.trust_anchor ORDER BY sha256`);
      const crls: { der: Buffer }[] = await em.query(`SELECT der FROM signing.crl ORDER BY sha256`);
      return {
        version: v?.version ?? '0',
        certificates: certs.map((r) => bytesOf(r.der)),
        crls: crls.map((r) => bytesOf(r.der)),
      };
    });
  }

  async version(): Promise<string> {
    const [v]: { version: string }[] = await this.db.query(`SELECT version::text FROM signing.trust_version`);
    return v?.version ?? '0';
  }

  /** URL-sourced CRLs past their nextUpdate (and not tried in the last `retryMs`). */
  async outdatedUrls(now: Date, retryMs: number): Promise<string[]> {
    const rows: { source_url: string }[] = await this.db.query(
      `SELECT source_url FROM signing.crl
        WHERE source_url IS NOT NULL AND next_update IS NOT NULL AND next_update < $1 AND fetched_at < $2`,
      [now, new Date(now.getTime() - retryMs)],
    );
    return rows.map((r) => r.source_url);
  }
}

async function bump(em: EntityManager): Promise<void> {
  await em.query(`UPDATE signing.trust_version SET version = version + 1`);
}

export interface VerifierSettings {
  readonly trustDir: string | undefined;
  readonly requireRevocationInfo: boolean;
  readonly window: SigningTimeWindow;
}
export const VERIFIER_SETTINGS = Symbol('VerifierSettings');

const CERT_FILE = /\.(pem|cer|crt|der)$/i;
const CRL_FILE = /\.crl$/i;

/** Certificates and CRLs from the configured folder (deployment-managed trust, e.g. the Минцифры root). */
export function readTrustDir(dir: string | undefined): { certificates: Uint8Array[]; crls: Uint8Array[] } {
  if (!dir) return { certificates: [], crls: [] };
  const files = readdirSync(dir).sort();
  const read = (re: RegExp) =>
    dersFrom(files.filter((f) => re.test(f)).map((f) => new Uint8Array(readFileSync(join(dir, f)))));
  return { certificates: read(CERT_FILE), crls: read(CRL_FILE) };
}

/** Refetch attempts of an outdated CRL are at most this often. */
const CRL_RETRY_MS = 5 * 60 * 1000;
/** Reasons that mean the chain itself failed: no CRL is fetched for such a signature. */
const CHAIN_FAULTS: ReadonlySet<string> = new Set([
  'MALFORMED',
  'BAD_SIGNATURE',
  'UNTRUSTED_CHAIN',
  'UNSUPPORTED_ALGORITHM',
]);
/** Distribution point URLs tried per verification at most. */
const MAX_DISCOVERED_URLS = 4;

/**
 * The verifier over the current trust store: one `CmsVerifier` per trust-store version (its caches of
 * certificate checks survive between signatures: GOST in pure JS costs ~0.1–0.4 s a check), rebuilt when an
 * administrator changes the store in any process. Outdated CRLs fetched by URL are refetched first (best
 * effort: a failed fetch leaves the old CRL, which then answers REVOCATION_UNKNOWN).
 */
@Injectable()
export class TrustedVerifierSource implements VerifierSource {
  private readonly logger = new Logger(TrustedVerifierSource.name);
  private built: { version: string; verifier: CmsVerifier } | null = null;
  private readonly triedAt = new Map<string, number>();
  private readonly fromDir: { certificates: Uint8Array[]; crls: Uint8Array[] };

  constructor(
    private readonly store: SqlTrustStore,
    @Inject(CRL_FETCHER) private readonly fetcher: CrlFetcher,
    @Inject(VERIFIER_SETTINGS) private readonly settings: VerifierSettings,
  ) {
    this.fromDir = readTrustDir(settings.trustDir);
  }

  async verifier(): Promise<SignatureVerifier> {
    const verifier = await this.current();
    return { verify: (input) => this.verifyDiscoveringCrls(verifier, input) };
  }

  private async current(): Promise<SignatureVerifier> {
    await this.refreshOutdatedCrls();
    const version = await this.store.version();
    if (this.built?.version === version) return this.built.verifier;
    const material = await this.store.material();
    const verifier = new CmsVerifier({
      trustedCertificates: [...this.fromDir.certificates, ...material.certificates],
      crls: [...this.fromDir.crls, ...material.crls],
      requireRevocationInfo: this.settings.requireRevocationInfo,
      signingTimeWindow: this.settings.window,
    });
    this.built = { version: material.version, verifier };
    return verifier;
  }

  /**
   * A chain that verifies but whose issuer has no current CRL here (REVOCATION_UNKNOWN only among the chain
   * reasons): the CRL is fetched from the signer certificate's CRL distribution points — URLs its trusted CA
   * put there — stored like an administrator's URL (signed by a trusted CA, refetched when outdated), and the
   * signature verified once more. Each URL is tried at most every 5 minutes.
   */
  private async verifyDiscoveringCrls(
    verifier: SignatureVerifier,
    input: DetachedSignatureInput,
  ): Promise<VerificationResult> {
    const result = await verifier.verify(input);
    if (!result.reasons.includes('REVOCATION_UNKNOWN') || result.reasons.some((r) => CHAIN_FAULTS.has(r))) {
      return result;
    }
    const signers = new Set(result.signers.map((s) => `${s.serialNumber}|${s.issuer.text}`));
    const urls = certificatesInSignature(input.signature)
      .filter((c) => signers.has(`${c.serialNumber}|${c.issuer.text}`))
      .flatMap((c) => c.crlUrls)
      .slice(0, MAX_DISCOVERED_URLS);
    let added = false;
    const now = Date.now();
    for (const url of new Set(urls)) {
      if ((this.triedAt.get(url) ?? 0) > now - CRL_RETRY_MS) continue;
      this.triedAt.set(url, now);
      try {
        await this.store.putCrl(await this.fetcher.fetch(url), url, new Date());
        added = true;
      } catch (e) {
        this.logger.warn(
          `CRL from the certificate's distribution point ${url} not taken: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    return added ? (await this.current()).verify(input) : result;
  }

  private async refreshOutdatedCrls(): Promise<void> {
    const now = new Date();
    for (const url of await this.store.outdatedUrls(now, CRL_RETRY_MS)) {
      try {
        await this.store.putCrl(await this.fetcher.fetch(url), url, now);
      } catch (e) {
        this.logger.warn(`CRL refresh from ${url} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}

const CRL_MAX_BYTES = 20 * 1024 * 1024;
const CRL_TIMEOUT_MS = 10_000;

/** Fetches CRLs over http(s): 10 s and 20 MB at most, redirects followed by fetch. */
@Injectable()
export class HttpCrlFetcher implements CrlFetcher {
  async fetch(url: string): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(CRL_TIMEOUT_MS) });
    } catch {
      throw invalid('SIGNING.CRL_UNREACHABLE', `The CRL could not be fetched from ${url}`, 'url');
    }
    if (!response.ok || !response.body) {
      throw invalid('SIGNING.CRL_UNREACHABLE', `The CRL address answered ${response.status}`, 'url');
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > CRL_MAX_BYTES) throw invalid('SIGNING.CRL_TOO_LARGE', 'The CRL is larger than 20 MB', 'url');
      chunks.push(chunk);
    }
    return new Uint8Array(Buffer.concat(chunks));
  }
}
