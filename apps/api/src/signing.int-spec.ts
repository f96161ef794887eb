import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@tmk/shared-infrastructure';
import { DEMO } from '@tmk/identity-api';
import { dropQueues, testEnv } from '@tmk/shared-testing';
import { extractSignedPackage } from '@tmk/signing-infrastructure';
import { OpenSslPki } from '@tmk/signing-infrastructure/testing';
import { createApiApp } from './bootstrap';
import { ApiClient } from './testing/api-client';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

interface DocumentBody {
  id: string;
  status: string;
  sha256: string;
  sizeBytes: number;
  title: string;
  signAs: string | null;
  signatures: {
    id: string;
    valid: boolean;
    reasons: string[];
    role: string;
    signers: { subject: { snils: string } }[];
  }[];
}

/**
 * Signing through the real api on PostgreSQL and Redis, with OpenSSL as the independent signer: the
 * conclusion rendered once, signatures verified against the trust store administrators build (CA
 * certificates, CRLs uploaded and fetched by URL), accepted and rejected outcomes recorded with their
 * events, the signed package, and the public verification page.
 */
describe('signing (real PostgreSQL and Redis, OpenSSL signatures)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let api: ApiClient;
  let db: DataSource;
  let dir: string;
  let pki: OpenSslPki;
  let crlServer: Server;
  let crlUrl: string;
  let originalSnils: string | null;
  const json = ApiClient.json;

  beforeAll(async () => {
    config = loadConfig(testEnv({ SIGNING_VERIFY_PER_MINUTE: '40', LOG_LEVEL: 'error' }));
    app = await createApiApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    api = new ApiClient(`${(await app.getUrl()).replace('[::1]', 'localhost')}/api/v1`);
    db = await new DataSource({ type: 'postgres', url: config.DATABASE_URL, extra: { max: 2 } }).initialize();
    dir = mkdtempSync(join(tmpdir(), 'tmk-signing-'));
    pki = new OpenSslPki(dir, 'ecdsa-p256');
    // the demo consultant's certificate carries the PKI's SNILS: make it the consultant's on file
    const [row] = (await db.query(`SELECT snils FROM identity.staff_user WHERE id = $1`, [
      DEMO.staff.consultant,
    ])) as { snils: string | null }[];
    originalSnils = row?.snils ?? null;
    await db.query(`UPDATE identity.staff_user SET snils = $2 WHERE id = $1`, [
      DEMO.staff.consultant,
      pki.snils,
    ]);
    await db.query(`TRUNCATE signing.trust_anchor, signing.crl`);
    const issuingCrl = pki.crlPems[1] ?? pki.crlPems[0]!;
    crlServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pkix-crl' });
      res.end(issuingCrl);
    });
    await new Promise<void>((resolve) => crlServer.listen(0, '127.0.0.1', resolve));
    const address = crlServer.address();
    crlUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/issuing.crl`;
  });

  afterAll(async () => {
    await db.query(`UPDATE identity.staff_user SET snils = $2 WHERE id = $1`, [
      DEMO.staff.consultant,
      originalSnils,
    ]);
    await db.destroy();
    await app.close();
    await dropQueues(config.REDIS_URL, config.QUEUE_PREFIX);
    crlServer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const doctor = () => api.login('doctor');
  const dispatcher = () => api.login('dispatcher');
  const consultant = () => api.login('consultant', DEMO.organisations.gnokb);
  const sysadmin = () => api.login('sysadmin');

  /** A request whose conclusion the demo consultant has submitted. */
  async function concluded(): Promise<string> {
    const d = await json<{ id: string }>(
      await api.call(await doctor(), 'POST', '/consultations/requests', {
        patientId: DEMO.patients.smirnov,
        urgency: 'URGENT',
        mode: 'DEFERRED',
        profileCode: '39',
        centreId: null,
        consultantId: null,
        content: {
          question: 'Показана ли коронарография?',
          reason: 'Нет кардиолога в ЦРБ',
          diagnosisCode: 'I20.0',
          anamnesis: 'Боли за грудиной 2 недели',
          complaints: 'Давящие боли при нагрузке',
          examination: 'ЭКГ: депрессия ST',
          consent: 'GIVEN',
          consentReason: null,
        },
      }),
      201,
    );
    await json(await api.call(await doctor(), 'POST', `/consultations/requests/${d.id}/submit`, {}));
    await json(
      await api.call(await dispatcher(), 'POST', `/consultations/requests/${d.id}/assign`, {
        centreId: DEMO.organisations.gnokb,
        consultantId: DEMO.staff.consultant,
      }),
    );
    await json(await api.call(await consultant(), 'POST', `/consultations/requests/${d.id}/take`, {}));
    await json(
      await api.call(await consultant(), 'POST', `/consultations/requests/${d.id}/consilium`, {
        consultantId: DEMO.staff.consultant2,
      }),
    );
    await json(
      await api.call(await consultant(), 'PUT', `/consultations/requests/${d.id}/conclusion`, {
        content: {
          anamnesisSummary: 'Боли за грудиной две недели, депрессия ST',
          mainDiagnosis: { code: 'I20.0', text: 'Нестабильная стенокардия' },
          concomitantDiagnoses: [],
          conclusion: 'Показана коронарография',
          recommendations: 'Перевод в ГНОКБ',
          additionalRecommendations: '',
          inPersonVisit: 'TRANSFER',
          attachmentIds: [],
        },
        version: null,
      }),
    );
    await json(
      await api.call(await consultant(), 'POST', `/consultations/requests/${d.id}/conclusion/submit`, {}),
    );
    return d.id;
  }

  const outbox = async (type: string, aggregateId: string) =>
    (await db.query(
      `SELECT payload FROM messaging.outbox WHERE type = $1 AND aggregate_id = $2 ORDER BY id`,
      [type, aggregateId],
    )) as { payload: Record<string, unknown> }[];

  /** Signs `bytes` with OpenSSL as `signer` (CAdES-BES, detached, DER). */
  function opensslSign(bytes: Uint8Array, signer = pki.signer): Uint8Array {
    const path = join(dir, `doc-${sha256(bytes).slice(0, 12)}.pdf`);
    writeFileSync(path, bytes);
    return pki.sign(path, { signer, cades: true });
  }

  async function verifyPublicly(files: { document: Uint8Array; signatures?: Uint8Array[] }) {
    const form = new FormData();
    form.append('document', new Blob([Buffer.from(files.document)], { type: 'application/pdf' }), 'doc.pdf');
    for (const [i, s] of (files.signatures ?? []).entries()) {
      form.append('signature', new Blob([Buffer.from(s)]), `doc.${i + 1}.sig`);
    }
    return fetch(`${api.base}/signing/verify`, { method: 'POST', body: form });
  }

  it('administrators build the trust store: CA certificates, CRLs uploaded and fetched by URL; bad input is refused', async () => {
    const admin = await sysadmin();
    const rootPem = readFileSync(pki.root.cert, 'utf8');
    const issuingPem = readFileSync(pki.issuing.cert, 'utf8');
    const root = await json<{ id: string; selfSigned: boolean }>(
      await api.call(admin, 'POST', '/signing/trust/anchors', { certificate: rootPem }),
      201,
    );
    expect(root.selfSigned).toBe(true);
    // the same certificate twice: the existing one
    const again = await json<{ id: string }>(
      await api.call(admin, 'POST', '/signing/trust/anchors', { certificate: rootPem }),
      201,
    );
    expect(again.id).toBe(root.id);
    await json(await api.call(admin, 'POST', '/signing/trust/anchors', { certificate: issuingPem }), 201);
    // a signer certificate is not a CA
    const notCa = await json<{ code: string }>(
      await api.call(admin, 'POST', '/signing/trust/anchors', {
        certificate: readFileSync(pki.signer.cert, 'utf8'),
      }),
      400,
    );
    expect(notCa.code).toBe('SIGNING.NOT_A_CA_CERTIFICATE');
    // the rogue CA's CRL: its issuer is not trusted
    const rogueCrlPath = join(dir, 'rogue.crl.pem');
    pki.openssl(['ca', '-batch', '-name', 'rogue_ca', '-gencrl', '-crldays', '30', '-out', rogueCrlPath]);
    const unknown = await json<{ code: string }>(
      await api.call(admin, 'POST', '/signing/trust/crls', { crl: readFileSync(rogueCrlPath, 'utf8') }),
      400,
    );
    expect(unknown.code).toBe('SIGNING.CRL_ISSUER_UNKNOWN');
    // the root's CRL uploaded, the issuing CA's fetched by URL
    await json(await api.call(admin, 'POST', '/signing/trust/crls', { crl: pki.crlPems[0] }), 201);
    const fetched = await json<{ sourceUrl: string; revokedCount: number }>(
      await api.call(admin, 'POST', '/signing/trust/crls/fetch', { url: crlUrl }),
      201,
    );
    expect(fetched).toMatchObject({ sourceUrl: crlUrl, revokedCount: 1 });
    const unreachable = await json<{ code: string }>(
      await api.call(admin, 'POST', '/signing/trust/crls/fetch', { url: 'http://127.0.0.1:9/none.crl' }),
      400,
    );
    expect(unreachable.code).toBe('SIGNING.CRL_UNREACHABLE');
    const crls = await json<unknown[]>(await api.call(admin, 'GET', '/signing/trust/crls'));
    expect(crls).toHaveLength(2);
    // regional administrators see the store and may not change it
    const regional = await api.login('admin');
    expect((await api.call(regional, 'GET', '/signing/trust/anchors')).status).toBe(200);
    expect(
      (await api.call(regional, 'POST', '/signing/trust/anchors', { certificate: rootPem })).status,
    ).toBe(403);
  });

  it('the conclusion is rendered once; a rejected signature is recorded with its reasons and changes nothing; the author’s valid one signs the document', async () => {
    const requestId = await concluded();
    // two first readers at once: one document
    const [a, b] = await Promise.all([
      api
        .call(await consultant(), 'GET', `/signing/conclusions/${requestId}`)
        .then((r) => json<DocumentBody>(r)),
      api.call(await doctor(), 'GET', `/signing/conclusions/${requestId}`).then((r) => json<DocumentBody>(r)),
    ]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ status: 'PREPARED', signAs: 'AUTHOR', signatures: [] });
    expect(b.signAs).toBeNull();
    const rows = (await db.query(`SELECT count(*)::int AS n FROM signing.document WHERE subject_id = $1`, [
      requestId,
    ])) as { n: number }[];
    expect(rows[0]!.n).toBe(1);
    expect(await outbox('signing.DocumentPrepared', a.id)).toHaveLength(1);

    const original = await ApiClient.bytes(
      await api.call(await doctor(), 'GET', `/signing/documents/${a.id}/original`),
    );
    expect(Buffer.from(original.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(sha256(original)).toBe(a.sha256);
    expect(original.byteLength).toBe(a.sizeBytes);
    // the download is an audited read of the patient's data
    const audited = (await db.query(
      `SELECT payload FROM messaging.outbox WHERE type = 'platform.DataAccessed' AND payload->>'resourceId' = $1`,
      [a.id],
    )) as { payload: { patientIds: string[]; action: string } }[];
    expect(audited.map((r) => r.payload.action)).toEqual(expect.arrayContaining(['read', 'download']));
    expect(audited[0]!.payload.patientIds).toEqual([DEMO.patients.smirnov]);

    // the requesting doctor signs nothing; another consultant of the centre sees the document, but is no signer
    const doctorSigns = await json<{ code: string }>(
      await api.call(await doctor(), 'POST', `/signing/documents/${a.id}/signatures`, {
        signature: b64(opensslSign(original)),
      }),
      403,
    );
    expect(doctorSigns.code).toBe('ACCESS.DENIED');
    // the consilium member signs after the author
    const member = await api.login('consultant2', DEMO.organisations.gnokb);
    const seen = await json<DocumentBody>(await api.call(member, 'GET', `/signing/documents/${a.id}`));
    expect(seen.signAs).toBe('CONSILIUM');
    const early = await json<{ code: string }>(
      await api.call(member, 'POST', `/signing/documents/${a.id}/signatures`, {
        signature: b64(opensslSign(original)),
      }),
      409,
    );
    expect(early.code).toBe('SIGNING.AUTHOR_FIRST');
    // a revoked certificate: rejected, recorded, published, the document stays unsigned
    const revoked = await json<{ code: string; reasons: string[] }>(
      await api.call(await consultant(), 'POST', `/signing/documents/${a.id}/signatures`, {
        signature: b64(opensslSign(original, pki.revokedSigner)),
      }),
      422,
    );
    expect(revoked).toMatchObject({ code: 'SIGNING.SIGNATURE_REJECTED', reasons: ['CERT_REVOKED'] });
    // another document's bytes: the digest does not match
    const otherBytes = new Uint8Array([...original, 0x0a]);
    const mismatch = await json<{ reasons: string[] }>(
      await api.call(await consultant(), 'POST', `/signing/documents/${a.id}/signatures`, {
        signature: b64(opensslSign(otherBytes)),
      }),
      422,
    );
    expect(mismatch.reasons).toEqual(['DIGEST_MISMATCH']);
    expect((await outbox('signing.SignatureRejected', a.id)).map((e) => e.payload['reasons'])).toEqual([
      ['CERT_REVOKED'],
      ['DIGEST_MISMATCH'],
    ]);
    const stillPrepared = await json<DocumentBody>(
      await api.call(await consultant(), 'GET', `/signing/documents/${a.id}`),
    );
    expect(stillPrepared.status).toBe('PREPARED');
    expect(stillPrepared.signatures.map((s) => s.valid)).toEqual([false, false]);
    expect((await api.call(await doctor(), 'GET', `/signing/documents/${a.id}/stamped`)).status).toBe(409);

    // the valid signature, sent twice at once: one accepted, one 409
    const cms = opensslSign(original);
    const outcomes = await Promise.all(
      [0, 1].map(
        async () =>
          (
            await api.call(await consultant(), 'POST', `/signing/documents/${a.id}/signatures`, {
              signature: b64(cms),
            })
          ).status,
      ),
    );
    expect(outcomes.sort()).toEqual([201, 409]);
    const signed = await json<DocumentBody>(
      await api.call(await doctor(), 'GET', `/signing/documents/${a.id}`),
    );
    expect(signed.status).toBe('SIGNED');
    const accepted = signed.signatures.filter((s) => s.valid);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.signers[0]!.subject.snils).toBe(pki.snils);
    const published = await outbox('signing.DocumentSigned', a.id);
    expect(published).toHaveLength(1);
    expect(published[0]!.payload).toMatchObject({
      subjectType: 'consultation-conclusion',
      subjectId: requestId,
      signerRole: 'AUTHOR',
      documentSha256: a.sha256,
    });

    // the signed package: the .sig is the bytes sent; the stamped copy carries the original and the .sig
    const sig = await ApiClient.bytes(
      await api.call(await doctor(), 'GET', `/signing/documents/${a.id}/signatures/${accepted[0]!.id}`),
    );
    expect(Buffer.from(sig).equals(Buffer.from(cms))).toBe(true);
    const stampedRes = await api.call(await doctor(), 'GET', `/signing/documents/${a.id}/stamped`);
    expect(stampedRes.headers.get('content-disposition')).toContain('attachment');
    const stamped = await ApiClient.bytes(stampedRes);
    const inside = await extractSignedPackage(stamped);
    expect(inside && Buffer.from(inside.original).equals(Buffer.from(original))).toBe(true);
    expect(inside?.signatures.map((s) => Buffer.from(s).equals(Buffer.from(cms)))).toEqual([true]);
    // the consilium member's own signature is checked against their SNILS: someone else's certificate fails
    const foreign = await json<{ reasons: string[] }>(
      await api.call(member, 'POST', `/signing/documents/${a.id}/signatures`, { signature: b64(cms) }),
      422,
    );
    expect(foreign.reasons).toEqual(['WRONG_SIGNER']);
    // a rendered document is never rendered again
    const reread = await ApiClient.bytes(
      await api.call(await consultant(), 'GET', `/signing/documents/${a.id}/original`),
    );
    expect(sha256(reread)).toBe(a.sha256);

    // the public page (no session): original + .sig, the stamped copy alone, a tampered copy
    const report = await json<{
      valid: boolean;
      held: { title: string } | null;
      signatures: {
        valid: boolean;
        signingTimeUnconfirmed: boolean;
        signers: { subject: { commonName: string } }[];
      }[];
    }>(await verifyPublicly({ document: original, signatures: [sig] }));
    expect(report).toMatchObject({ valid: true, held: { title: a.title } });
    expect(report.signatures[0]).toMatchObject({ valid: true, signingTimeUnconfirmed: false });
    expect(report.signatures[0]!.signers[0]!.subject.commonName).toBe('Иванова Мария Петровна');
    const fromStamp = await json<{ valid: boolean; fromStampedCopy: boolean }>(
      await verifyPublicly({ document: stamped }),
    );
    expect(fromStamp).toMatchObject({ valid: true, fromStampedCopy: true });
    const tampered = Uint8Array.from(original);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    const bad = await json<{ valid: boolean; held: unknown; signatures: { reasons: string[] }[] }>(
      await verifyPublicly({ document: tampered, signatures: [sig] }),
    );
    expect(bad).toMatchObject({ valid: false, held: null, signatures: [{ reasons: ['DIGEST_MISMATCH'] }] });
    const noSig = await json<{ code: string }>(await verifyPublicly({ document: original }), 400);
    expect(noSig.code).toBe('SIGNING.NO_SIGNATURE');
    // nothing the page was given is stored
    const stored = (await db.query(
      `SELECT count(*)::int AS n FROM signing.signature WHERE document_id = $1`,
      [a.id],
    )) as { n: number }[];
    expect(stored[0]!.n).toBe(4); // revoked, digest mismatch, the author's, the member's wrong one

    // the trust store changes in every process's verifier: without the CAs the chain is untrusted
    await db.query(`UPDATE signing.trust_version SET version = version + 1`);
    const admin = await sysadmin();
    const anchors = await json<{ id: string }[]>(await api.call(admin, 'GET', '/signing/trust/anchors'));
    for (const anchor of anchors) {
      expect((await api.call(admin, 'DELETE', `/signing/trust/anchors/${anchor.id}`)).status).toBe(204);
    }
    const untrusted = await json<{ valid: boolean; signatures: { reasons: string[] }[] }>(
      await verifyPublicly({ document: original, signatures: [sig] }),
    );
    expect(untrusted.valid).toBe(false);
    expect(untrusted.signatures[0]!.reasons).toContain('UNTRUSTED_CHAIN');
  });

  it('fetches a missing CRL from the signer certificate’s distribution point, then accepts the signature', async () => {
    const admin = await sysadmin();
    for (const pem of [readFileSync(pki.root.cert, 'utf8'), readFileSync(pki.issuing.cert, 'utf8')]) {
      await json(await api.call(admin, 'POST', '/signing/trust/anchors', { certificate: pem }), 201);
    }
    for (const crl of await json<{ id: string }[]>(await api.call(admin, 'GET', '/signing/trust/crls'))) {
      expect((await api.call(admin, 'DELETE', `/signing/trust/crls/${crl.id}`)).status).toBe(204);
    }
    await json(await api.call(admin, 'POST', '/signing/trust/crls', { crl: pki.crlPems[0] }), 201);
    // the same signer, re-issued with a CRL distribution point (where the issuing CA publishes its CRL)
    const cdpUrl = crlUrl.replace('/issuing.crl', '/cdp/issuing.crl');
    writeFileSync(
      join(dir, 'cdp.cnf'),
      `[v3_cdp]\nbasicConstraints = CA:false\nkeyUsage = critical, digitalSignature, nonRepudiation\ncrlDistributionPoints = URI:${cdpUrl}\n`,
    );
    const csr = join(dir, 'cdp.csr');
    const cert = join(dir, 'cdp.pem');
    pki.openssl(['x509', '-x509toreq', '-in', pki.signer.cert, '-signkey', pki.signer.key, '-out', csr]);
    pki.openssl([
      'ca',
      '-batch',
      '-notext',
      '-preserveDN',
      '-name',
      'issuing_ca',
      '-in',
      csr,
      '-out',
      cert,
      '-days',
      '30',
      '-extfile',
      join(dir, 'cdp.cnf'),
      '-extensions',
      'v3_cdp',
    ]);
    const requestId = await concluded();
    const document = await json<DocumentBody>(
      await api.call(await consultant(), 'GET', `/signing/conclusions/${requestId}`),
    );
    const original = await ApiClient.bytes(
      await api.call(await consultant(), 'GET', `/signing/documents/${document.id}/original`),
    );
    // without a distribution point the issuer's revocation status is unknown
    const unknown = await json<{ reasons: string[] }>(
      await api.call(await consultant(), 'POST', `/signing/documents/${document.id}/signatures`, {
        signature: b64(opensslSign(original)),
      }),
      422,
    );
    expect(unknown.reasons).toEqual(['REVOCATION_UNKNOWN']);
    const accepted = await json<{ valid: boolean }>(
      await api.call(await consultant(), 'POST', `/signing/documents/${document.id}/signatures`, {
        signature: b64(opensslSign(original, { key: pki.signer.key, cert })),
      }),
      201,
    );
    expect(accepted.valid).toBe(true);
    const crls = await json<{ sourceUrl: string | null }[]>(
      await api.call(admin, 'GET', '/signing/trust/crls'),
    );
    expect(crls.map((c) => c.sourceUrl)).toContain(cdpUrl);
  });

  it('limits the public page per client address (429 with Retry-After)', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 45; i++) {
      const res = await fetch(`${api.base}/signing/verify`, { method: 'POST' });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
