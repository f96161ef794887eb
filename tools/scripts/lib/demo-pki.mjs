// A demonstration PKI for `npm start` (and the signing e2e journey): a CA with its CRL and software-token
// keys (.p12, OpenSSL 3 defaults) for the demo consultants, made with the `openssl` CLI. The api trusts the
// CA through SIGNING_TRUST_DIR, so a consultant can sign a conclusion in the demo at once: «Подписать» →
// «Программный ключ» → the consultant's .p12 with the password below. Never for production: the keys lie in
// the working tree.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEMO_TOKEN_PASSWORD = 'demo-token';

/** Demo consultants (libs/identity/infrastructure/src/seed/demo-seed.ts): login, surname, given names, СНИЛС. */
export const DEMO_SIGNERS = [
  {
    login: 'consultant',
    surname: 'Петров',
    givenName: 'Алексей Николаевич',
    snils: '34567890123',
    organization: 'ГБУЗ НСО «ГНОКБ»',
  },
  {
    login: 'consultant2',
    surname: 'Кузьмина',
    givenName: 'Ольга Викторовна',
    snils: '33445566784',
    organization: 'ГБУЗ НСО «ГНОКБ»',
  },
  {
    login: 'fed-consultant',
    surname: 'Андреев',
    givenName: 'Павел Михайлович',
    snils: '44556677828',
    organization: 'ФГБУ «НМИЦ им. В. А. Алмазова»',
  },
];

const DAY = 24 * 60 * 60 * 1000;
/** `YYMMDDHHMMSSZ`, as `openssl ca -startdate/-enddate` take it. */
const utcTime = (date) => `${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;

const CONFIG = (dir) => `[ca]
default_ca = demo_ca
[demo_ca]
dir = ${join(dir, 'ca')}
database = $dir/index.txt
new_certs_dir = $dir/new
certificate = ${join(dir, 'trust', 'demo-ca.pem')}
private_key = ${join(dir, 'ca', 'ca.key')}
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
policy = policy_any
unique_subject = no
default_crl_days = 365
[policy_any]
commonName = supplied
[req]
distinguished_name = dn
string_mask = utf8only
default_md = sha256
[dn]
[v3_ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_signer]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

function openssl(args, env) {
  const r = spawnSync('openssl', args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * Makes (or keeps) the PKI in `dir`: `trust/` holds the CA certificate and its CRL (point SIGNING_TRUST_DIR
 * there), `<login>.p12` the consultants' keys. Re-made when missing or when the CRL is older than half a
 * year. Returns the trust folder and the tokens.
 */
export function ensureDemoPki(
  dir = '.tmk/demo-pki',
  { signers = DEMO_SIGNERS, caName = 'ТМК Демо УЦ', force = false } = {},
) {
  dir = resolve(dir);
  const trust = join(dir, 'trust');
  const stamp = join(dir, 'made-at');
  const fresh =
    !force &&
    existsSync(stamp) &&
    Date.now() - Number(readFileSync(stamp, 'utf8')) < 180 * DAY &&
    signers.every((s) => existsSync(join(dir, `${s.login}.p12`)));
  const tokens = signers.map((s) => ({
    ...s,
    p12: join(dir, `${s.login}.p12`),
    password: DEMO_TOKEN_PASSWORD,
  }));
  if (fresh) return { dir, trustDir: trust, tokens };

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'ca', 'new'), { recursive: true });
  mkdirSync(trust, { recursive: true });
  writeFileSync(join(dir, 'ca', 'index.txt'), '');
  writeFileSync(join(dir, 'ca', 'serial'), '1000\n');
  writeFileSync(join(dir, 'ca', 'crlnumber'), '01\n');
  const conf = join(dir, 'openssl.cnf');
  writeFileSync(conf, CONFIG(dir));
  const env = { ...process.env, OPENSSL_CONF: conf };
  const from = utcTime(new Date(Date.now() - DAY));
  const caUntil = utcTime(new Date(Date.now() + 5 * 365 * DAY));
  const until = utcTime(new Date(Date.now() + 365 * DAY));
  const genkey = (path) =>
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path], env);

  const caKey = join(dir, 'ca', 'ca.key');
  genkey(caKey);
  const caCsr = join(dir, 'ca', 'ca.csr');
  openssl(
    [
      'req',
      '-new',
      '-utf8',
      '-key',
      caKey,
      '-subj',
      `/C=RU/O=ТМК (демонстрация)/CN=${caName}`,
      '-out',
      caCsr,
    ],
    env,
  );
  openssl(
    [
      'ca',
      '-batch',
      '-notext',
      '-selfsign',
      '-keyfile',
      caKey,
      '-in',
      caCsr,
      '-out',
      join(trust, 'demo-ca.pem'),
      '-startdate',
      from,
      '-enddate',
      caUntil,
      '-extensions',
      'v3_ca',
    ],
    env,
  );

  for (const s of signers) {
    const key = join(dir, `${s.login}.key`);
    const csr = join(dir, `${s.login}.csr`);
    const cert = join(dir, `${s.login}.pem`);
    genkey(key);
    const subject = `/C=RU/O=${s.organization}/SN=${s.surname}/GN=${s.givenName}/CN=${s.surname} ${s.givenName}/SNILS=${s.snils}`;
    openssl(['req', '-new', '-utf8', '-key', key, '-subj', subject, '-out', csr], env);
    openssl(
      [
        'ca',
        '-batch',
        '-notext',
        '-preserveDN',
        '-in',
        csr,
        '-out',
        cert,
        '-startdate',
        from,
        '-enddate',
        until,
        '-extensions',
        'v3_signer',
      ],
      env,
    );
    openssl(
      [
        'pkcs12',
        '-export',
        '-inkey',
        key,
        '-in',
        cert,
        '-certfile',
        join(trust, 'demo-ca.pem'),
        '-name',
        `${s.surname} ${s.givenName}`,
        '-passout',
        `pass:${DEMO_TOKEN_PASSWORD}`,
        '-out',
        join(dir, `${s.login}.p12`),
      ],
      env,
    );
  }
  openssl(['ca', '-batch', '-gencrl', '-out', join(dir, 'demo-ca.crl.pem')], env);
  openssl(
    ['crl', '-in', join(dir, 'demo-ca.crl.pem'), '-outform', 'DER', '-out', join(trust, 'demo-ca.crl')],
    env,
  );
  writeFileSync(stamp, String(Date.now()));
  return { dir, trustDir: trust, tokens };
}
