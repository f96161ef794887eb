import 'reflect-metadata';
import { type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { isValidSnils, omsChecksumMatches } from '@tmk/shared-kernel';
import { DEMO } from '@tmk/identity-infrastructure';
import { closeClient, freePort, login, request, startApi, stopApi } from './bench-api';

/**
 * Patient search benchmark: GET /api/v1/identity/patients/search by SNILS and by phone through the real api
 * (a child process, signed in as the demo doctor, sequential requests over one keep-alive connection), next
 * to the same SQL sent through `pg` directly (the ceiling), on 1,000,000 seeded patients, in the same run.
 * Needs DATABASE_URL (migrated, demo data seeded) and REDIS_URL; the seed is skipped when the patients are
 * already there.
 */
const PATIENTS = Number(process.env['BENCH_PATIENTS'] ?? 1_000_000);
const LOOKUPS = Number(process.env['BENCH_LOOKUPS'] ?? 2_000);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 300);
const TARGET_P99_MS = 10;
const SEARCH_LIMIT = 50; // PatientService.search asks the store for 50
const databaseUrl = process.env['DATABASE_URL']!;

// ---------------------------------------------------------------------------------------------------------
// Seed: one INSERT … SELECT FROM generate_series for the cards, one for the representative links.
//
// Card i (1…N, N ≤ 1,000,002):
//   id      00000000-0000-7000-9000-<i in hex> (the demo ids use …-8000-…, so they never collide)
//   SNILS   9-digit body 200000000 + (i·611953 mod 1000003) — a permutation (1000003 is prime), so unique
//           and scattered — followed by its control number;
//   ОМС     54 0…0 i (15 digits) followed by the ЕНП check digit;
//   phone   +7913 + 7 digits of (key·3141593 mod 10^7), injective for key < 10^7; key = i, except
//           i ≡ 1 (mod 20) → i−1 (pairs) and i ≡ 2 (mod 60) → i−2 (triples): ~12 % of cards share a phone;
//   i ≡ 7 (mod 20) (5 %) is a child without a phone, represented (PARENT) by card i−1.
// Both check numbers are computed in SQL from per-3-digit-chunk lookup tables (one array subscript per
// chunk instead of one division per digit) and checked against the kernel's validators afterwards.
// ---------------------------------------------------------------------------------------------------------
const BENCH_ID_PREFIX = '00000000-0000-7000-9000-';
const benchId = (i: number): string => `${BENCH_ID_PREFIX}${i.toString(16).padStart(12, '0')}`;
const isChild = (i: number): boolean => i % 20 === 7;

const chunkDigits = (x: number): [number, number, number] => [
  Math.floor(x / 100),
  Math.floor(x / 10) % 10,
  x % 10,
];

/**
 * SNILS: Σ weight·digit with weights 9…1 from the left. Entry 1000·c + x (c = 0, 1, 2 for the high, middle
 * and low 3-digit chunk of the body) is chunk x's share; control = sum mod 101 mod 100 (sum < 100 → sum,
 * 100 and 101 → 00, otherwise sum mod 101 with 100 → 00).
 */
const SNILS_WEIGHTS = [
  [9, 8, 7],
  [6, 5, 4],
  [3, 2, 1],
].flatMap((w) =>
  Array.from({ length: 1000 }, (_, x) => chunkDigits(x).reduce((sum, d, k) => sum + d * w[k]!, 0)),
);

/**
 * ЕНП check digit (omsCheckDigit): over the first 15 digits, those at even positions from the right
 * (0, 2, …) form a number that is doubled — its digit sum is Σ(2d − 9·[d ≥ 5]), as a doubled digit ≥ 5
 * carries — and the others count as they are; check = (10 − sum mod 10) mod 10. Chunk j (from the right)
 * starts at position 3j: entries 1…1000 serve even j (doubled, plain, doubled from its right end),
 * entries 1001…2000 odd j (plain, doubled, plain).
 */
const doubled = (d: number): number => 2 * d - (d >= 5 ? 9 : 0);
const OMS_WEIGHTS = [true, false].flatMap((evenChunk) =>
  Array.from({ length: 1000 }, (_, x) => {
    const [a, b, c] = chunkDigits(x);
    return evenChunk ? doubled(c) + b + doubled(a) : c + doubled(b) + a;
  }),
);

const words = (list: string): string[] => list.split(' ');
const MALE_SURNAMES = words(
  'Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров ' +
    'Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев',
);
const MALE_NAMES = words(
  'Александр Дмитрий Максим Сергей Андрей Алексей Артём Илья Кирилл Михаил Иван Николай',
);
const FEMALE_NAMES = words(
  'Анна Мария Елена Ольга Наталья Татьяна Ирина Екатерина Светлана Юлия Дарья Полина',
);
const PATRONYMIC_STEMS = words(
  'Александров Дмитриев Сергеев Андреев Алексеев Михайлов Николаев Иванов Петров Владимиров Викторов Павлов',
);

const SNILS_SUM = `($9::int[])[1 + s.body / 1000000] + ($9::int[])[1001 + s.body / 1000 % 1000]
                   + ($9::int[])[2001 + s.body % 1000]`;
const OMS_SUM = [0, 1, 2, 3, 4]
  .map((j) => `($10::int[])[${j % 2 === 0 ? 1 : 1001} + s.oms15 / ${1000n ** BigInt(j)} % 1000]`)
  .join(' + ');

const SEED_PATIENTS = `
  INSERT INTO identity.patient (id, surname, name, patronymic, birth_date, sex, snils, oms_policy,
    oms_checksum_warning, phone, email, attached_organisation_id, region_id, created_by)
  SELECT ('${BENCH_ID_PREFIX}' || lpad(to_hex(g.i), 12, '0'))::uuid,
         ($2::text[])[1 + (g.i / 7) % cardinality($2::text[])] || CASE WHEN s.male THEN '' ELSE 'а' END,
         CASE WHEN s.male THEN ($3::text[])[1 + (g.i / 3) % cardinality($3::text[])]
              ELSE ($4::text[])[1 + (g.i / 3) % cardinality($4::text[])] END,
         ($5::text[])[1 + (g.i / 11) % cardinality($5::text[])] || CASE WHEN s.male THEN 'ич' ELSE 'на' END,
         CASE WHEN s.child THEN date '2008-01-01' + (g.i::bigint * 7919 % 5800)::int
              ELSE date '1940-01-01' + (g.i::bigint * 7919 % 22000)::int END,
         CASE WHEN s.male THEN 'MALE' ELSE 'FEMALE' END,
         s.body::text || lpad(((${SNILS_SUM}) % 101 % 100)::text, 2, '0'),
         s.oms15::text || ((10 - (${OMS_SUM}) % 10) % 10)::text,
         false,
         CASE WHEN s.child THEN NULL
              ELSE '+7913' || lpad((s.phone_key * 3141593 % 10000000)::text, 7, '0') END,
         NULL,
         CASE WHEN g.i % 3 = 0 THEN $6::uuid ELSE $7::uuid END,
         $8::uuid,
         'bench'
    FROM generate_series(1, $1::int) AS g(i)
   CROSS JOIN LATERAL (
     SELECT 200000000 + g.i::bigint * 611953 % 1000003 AS body,
            540000000000000 + g.i::bigint AS oms15,
            g.i % 2 = 0 AS male,
            g.i % 20 = 7 AS child,
            CASE WHEN g.i % 60 = 2 THEN g.i - 2 WHEN g.i % 20 = 1 THEN g.i - 1 ELSE g.i END::bigint AS phone_key
   ) s
  ON CONFLICT DO NOTHING`;

const SEED_REPRESENTATIVES = `
  INSERT INTO identity.representative (patient_id, representative_id, relation)
  SELECT ('${BENCH_ID_PREFIX}' || lpad(to_hex(g.i), 12, '0'))::uuid,
         ('${BENCH_ID_PREFIX}' || lpad(to_hex(g.i - 1), 12, '0'))::uuid,
         'PARENT'
    FROM generate_series(7, $1::int, 20) AS g(i)
  ON CONFLICT DO NOTHING`;

/**
 * Seeds in one transaction. Bulk-load practice, as the table is ours alone: the secondary indexes are
 * dropped and re-created from their own definitions (a sorted build beats a million random inserts), and
 * as a superuser the foreign-key triggers are skipped (session_replication_role = replica) after checking
 * that the referenced region and organisations exist.
 */
interface Seeded {
  readonly total: number;
  readonly skipped: boolean;
  readonly seconds: number;
  readonly steps: string; // where the time went
}

async function seed(db: Client): Promise<Seeded> {
  const count = async () =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM identity.patient`)).rows[0]!.n);
  const before = await count();
  if (before >= PATIENTS) return { total: before, skipped: true, seconds: 0, steps: '' };
  if (PATIENTS > 1_000_002) throw new Error('BENCH_PATIENTS above 1,000,002 would repeat SNILS numbers');
  const references = [DEMO.regions.nso, DEMO.organisations.iskitim, DEMO.organisations.kyshtovka];
  const present = await db.query(
    `SELECT id FROM identity.region WHERE id = ANY($1::uuid[])
     UNION ALL SELECT id FROM identity.organisation WHERE id = ANY($1::uuid[])`,
    [references],
  );
  if (present.rowCount !== references.length)
    throw new Error('the demo region and organisations are missing: run the migrations with the demo seed');

  const startedAt = performance.now();
  const steps: string[] = [];
  let stepAt = startedAt;
  const step = (name: string) => {
    const now = performance.now();
    steps.push(`${name} ${((now - stepAt) / 1000).toFixed(1)} s`);
    stepAt = now;
  };
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL synchronous_commit = off`);
    await db.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const { rows: su } = await db.query<{ super: boolean }>(
      `SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user`,
    );
    if (su[0]?.super) await db.query(`SET LOCAL session_replication_role = replica`);
    const { rows: indexes } = await db.query<{ name: string; def: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS def
         FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
        WHERE x.indrelid = 'identity.patient'::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`,
    );
    for (const index of indexes) await db.query(`DROP INDEX identity."${index.name}"`);
    await db.query(SEED_PATIENTS, [
      PATIENTS,
      MALE_SURNAMES,
      MALE_NAMES,
      FEMALE_NAMES,
      PATRONYMIC_STEMS,
      DEMO.organisations.iskitim,
      DEMO.organisations.kyshtovka,
      DEMO.regions.nso,
      SNILS_WEIGHTS,
      OMS_WEIGHTS,
    ]);
    step('cards');
    for (const index of indexes) await db.query(index.def);
    step(`${indexes.length} indexes`);
    await db.query(SEED_REPRESENTATIVES, [PATIENTS]);
    await db.query('COMMIT');
    step('links');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  await db.query('ANALYZE identity.patient, identity.representative');
  step('analyze');
  return {
    total: await count(),
    skipped: false,
    seconds: (performance.now() - startedAt) / 1000,
    steps: steps.join(', '),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Lookup values: random existing cards (a fixed-seed PRNG, so runs compare), read back by id.
// ---------------------------------------------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sample {
  snils: string;
  oms: string;
  phone: string | null;
}

async function sampleCards(
  db: Client,
  count: number,
  withPhone: boolean,
  seedValue: number,
): Promise<Sample[]> {
  const random = mulberry32(seedValue);
  const picks: number[] = [];
  while (picks.length < count) {
    const i = 1 + Math.floor(random() * PATIENTS);
    if (!withPhone || !isChild(i)) picks.push(i);
  }
  const ids = picks.map(benchId);
  const { rows } = await db.query<{ id: string; snils: string; oms_policy: string; phone: string | null }>(
    `SELECT id, snils, oms_policy, phone FROM identity.patient WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    if (!r) throw new Error(`seeded card ${id} is missing: re-seed (TMK_BENCH_FRESH=1 npm run bench)`);
    return { snils: r.snils, oms: r.oms_policy, phone: r.phone };
  });
}

// ---------------------------------------------------------------------------------------------------------
// The api as a child process; a keep-alive HTTP client with one socket.
// ---------------------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------------------------
interface Stats {
  readonly name: string;
  readonly path: 'API' | 'SQL';
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly rows: number; // mean result rows
  readonly cpu: number | null; // api process CPU ms per request
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summarise(
  name: string,
  path: 'API' | 'SQL',
  { times, rows }: Run,
  cpu: number | null = null,
): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name,
    path,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    rows: rows / times.length,
    cpu,
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in USER_HZ (100 on Linux)
  } catch {
    return null;
  }
}

type Lookup = 'snils' | 'phone';

/** The store's search() SQL (libs/identity/infrastructure/src/persistence/patient.store.ts), verbatim. */
const COLUMNS = `p.id, p.surname, p.name, p.patronymic, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.sex, p.snils,
  p.oms_policy, p.oms_checksum_warning, p.phone, p.email, p.attached_organisation_id, p.region_id, p.version`;
const STORE_SQL: Record<Lookup, string> = {
  phone: `WITH owners AS (SELECT id FROM identity.patient WHERE phone = $1)
         SELECT ${COLUMNS}, 'SELF' AS matched_as FROM identity.patient p WHERE p.id IN (SELECT id FROM owners)
         UNION ALL
         SELECT ${COLUMNS}, 'REPRESENTED' AS matched_as FROM identity.representative r
           JOIN identity.patient p ON p.id = r.patient_id
          WHERE r.representative_id IN (SELECT id FROM owners) AND r.patient_id NOT IN (SELECT id FROM owners)
         LIMIT $2`,
  snils: `SELECT ${COLUMNS}, 'SELF' AS matched_as FROM identity.patient p WHERE p.snils = $1 LIMIT $2`,
};

interface Run {
  readonly times: number[];
  readonly rows: number;
}

/** Sequential GETs through the api; `check` validates each answer and returns its row count. */
async function measureHttp(
  base: string,
  headers: Record<string, string>,
  paths: readonly string[],
  check: (path: string, body: string) => number,
): Promise<Run> {
  const times: number[] = [];
  let rows = 0;
  for (const path of paths) {
    const t0 = performance.now();
    const res = await request(base, 'GET', path, headers);
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.body}`);
    rows += check(path, res.body);
  }
  return { times, rows };
}

const searchPath = (what: Lookup, value: string) =>
  `/api/v1/identity/patients/search?${what}=${encodeURIComponent(value)}`;

function searchCheck(what: Lookup, values: readonly string[]): (path: string, body: string) => number {
  const byPath = new Map(values.map((v) => [searchPath(what, v), v]));
  return (path, body) => {
    const found = JSON.parse(body) as Record<Lookup, string | null>[];
    if (!found.some((p) => p[what] === byPath.get(path))) throw new Error(`GET ${path} missed the card`);
    return found.length;
  };
}

async function measureSql(db: Client, what: Lookup, values: readonly string[]): Promise<Run> {
  const times: number[] = [];
  let rows = 0;
  for (const value of values) {
    const t0 = performance.now();
    const res = await db.query(STORE_SQL[what], [value, SEARCH_LIMIT]);
    times.push(performance.now() - t0);
    if (!res.rowCount) throw new Error(`SQL search ${what}=${value} found nothing`);
    rows += res.rowCount;
  }
  return { times, rows };
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let api: ChildProcess | null = null;
  let outboxBefore: string | null = null;
  try {
    const seeded = await seed(db);
    const loadStart = loadavg()[0]!;

    const bySnils = await sampleCards(db, WARMUP + LOOKUPS, false, 0x5eed);
    const byPhone = await sampleCards(db, WARMUP + LOOKUPS, true, 0xf0e);
    const badSnils = bySnils.filter((s) => !isValidSnils(s.snils)).length;
    const badOms = bySnils.filter((s) => !omsChecksumMatches(s.oms)).length;
    if (badSnils || badOms)
      throw new Error(
        `seeded data is wrong: ${badSnils} invalid SNILS, ${badOms} ОМС check digit mismatches`,
      );
    const values: Record<Lookup, string[]> = {
      snils: bySnils.map((s) => s.snils),
      phone: byPhone.map((s) => s.phone!),
    };

    // Audited reads leave events in the outbox, which no worker drains here: they are removed afterwards.
    outboxBefore = (
      await db.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM messaging.outbox`)
    ).rows[0]!.seq;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    api = await startApi(port);
    const session = { cookie: await login(base), accept: 'application/json' };
    const repeat = (path: string, n: number) => Array.from({ length: n }, () => path);
    const none = () => 0;
    const viaApi = async (
      name: string,
      headers: Record<string, string>,
      paths: readonly string[],
      check: (path: string, body: string) => number,
    ): Promise<Stats> => {
      const cpuBefore = cpuSeconds(api?.pid);
      const run = await measureHttp(base, headers, paths, check);
      const cpuAfter = cpuSeconds(api?.pid);
      const cpu =
        cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / paths.length;
      return summarise(name, 'API', run, cpu);
    };

    // Warm-up (JIT, pools, caches) on values that are not measured afterwards.
    const warm = (v: string[]) => v.slice(0, WARMUP);
    await measureHttp(base, {}, repeat('/health/live', WARMUP), none);
    await measureHttp(base, session, repeat('/api/v1/auth/me', WARMUP), none);
    for (const what of ['snils', 'phone'] as const) {
      await measureHttp(
        base,
        session,
        warm(values[what]).map((v) => searchPath(what, v)),
        searchCheck(what, values[what]),
      );
      await measureSql(db, what, warm(values[what]));
    }

    const results: Stats[] = [];
    for (const what of ['snils', 'phone'] as const) {
      const measured = values[what].slice(WARMUP);
      const paths = measured.map((v) => searchPath(what, v));
      results.push(await viaApi(`search by ${what}`, session, paths, searchCheck(what, measured)));
      results.push(summarise(`search by ${what}`, 'SQL', await measureSql(db, what, measured)));
    }
    const floors = [
      await viaApi('GET /health/live (HTTP + Nest floor)', {}, repeat('/health/live', LOOKUPS), none),
      await viaApi('GET /auth/me (session check only)', session, repeat('/api/v1/auth/me', LOOKUPS), none),
    ];
    const audited = Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM messaging.outbox WHERE seq > $1 AND type = 'platform.DataAccessed'`,
          [outboxBefore],
        )
      ).rows[0]!.n,
    );

    const ms = (v: number) => v.toFixed(2).padStart(7);
    const row = (r: Stats) =>
      `${r.name.padEnd(38)} ${r.path} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)} ${ms(r.mean)} ${r.rows
        .toFixed(2)
        .padStart(6)} ${r.cpu === null ? '      -' : ms(r.cpu)}`;
    const seedNote = seeded.skipped
      ? `${seeded.total.toLocaleString('en')} cards present, seed skipped`
      : `seeded in ${seeded.seconds.toFixed(1)} s: ${seeded.steps}`;
    console.log(`\nPatient search, ${PATIENTS.toLocaleString('en')} patients (${seedNote})`);
    console.log(
      `${LOOKUPS} random existing values per lookup after ${WARMUP} warm-up, sequential, one keep-alive connection; ` +
        `signed in as the demo doctor; load average ${loadStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
    );
    console.log(
      `${'request'.padEnd(38)} via     p50     p95     p99     max    mean   rows  api cpu  ` +
        `(ms; rows = mean result rows; api cpu = api process CPU per request)`,
    );
    for (const r of [...results, ...floors]) console.log(row(r));
    const verdicts: string[] = [];
    for (const what of ['snils', 'phone'] as const) {
      const a = results.find((r) => r.name === `search by ${what}` && r.path === 'API')!;
      const s = results.find((r) => r.name === `search by ${what}` && r.path === 'SQL')!;
      console.log(
        `${what.padEnd(6)} API / SQL: p50 ×${(a.p50 / s.p50).toFixed(1)}, p99 ×${(a.p99 / s.p99).toFixed(1)};  ` +
          `API overhead: p50 +${(a.p50 - s.p50).toFixed(2)} ms, p99 +${(a.p99 - s.p99).toFixed(2)} ms`,
      );
      verdicts.push(`${what} ${a.p99 <= TARGET_P99_MS ? 'PASS' : 'FAIL'} (p99 ${a.p99.toFixed(2)} ms)`);
    }
    console.log(`audited reads recorded in the outbox by the measured searches and warm-up: ${audited}`);
    console.log(`verdict (API p99 ≤ ${TARGET_P99_MS} ms): ${verdicts.join('; ')}`);
  } finally {
    closeClient();
    if (api) await stopApi(api);
    if (outboxBefore !== null)
      await db.query(`DELETE FROM messaging.outbox WHERE seq > $1 AND published_at IS NULL`, [outboxBefore]);
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
