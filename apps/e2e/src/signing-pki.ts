import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PKI for the signing journey, made with the `openssl` CLI in a temp dir: a CA (ECDSA P-256,
 * basicConstraints CA:true, keyUsage keyCertSign and cRLSign) with its current CRL (`openssl ca -gencrl` over
 * a minimal `openssl ca` configuration), and the demo consultant's certificate (ECDSA P-256, keyUsage
 * digitalSignature and nonRepudiation, subject with ФИО, surname, given name and СНИЛС — OpenSSL encodes
 * `SNILS=` (1.2.643.100.3) as a NumericString) exported as a `.p12` with OpenSSL 3's defaults and a password.
 * Both certificates start a day back, so the server's clock never finds them not yet valid.
 */
export interface SigningPki {
  readonly dir: string;
  /** The CA's subject as its common name (unique per run: the trust store keeps earlier runs' CAs). */
  readonly caName: string;
  readonly caPem: string;
  /** The CA certificate as DER (a `.cer` file an administrator would choose). */
  readonly caCerPath: string;
  /** The CA's CRL as DER (`.crl`). */
  readonly crlPath: string;
  readonly p12Path: string;
  readonly p12Password: string;
  readonly signerName: string;
  readonly signerSnils: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYMMDDHHMMSSZ`, as `openssl ca -startdate/-enddate` take it. */
function utcTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;
}

function config(dir: string): string {
  return `[ca]
default_ca = e2e_ca
[e2e_ca]
dir = ${join(dir, 'ca')}
database = $dir/index.txt
new_certs_dir = $dir/new
certificate = ${join(dir, 'ca.pem')}
private_key = ${join(dir, 'ca.key')}
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
policy = policy_any
unique_subject = no
default_crl_days = 30
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
}

export function createSigningPki(options: {
  readonly tag: string;
  readonly signerSurname: string;
  readonly signerGivenName: string;
  readonly signerSnils: string;
  readonly organization: string;
  readonly password: string;
}): SigningPki {
  const dir = mkdtempSync(join(tmpdir(), 'tmk-e2e-pki-'));
  const conf = join(dir, 'openssl.cnf');
  writeFileSync(conf, config(dir));
  mkdirSync(join(dir, 'ca', 'new'), { recursive: true });
  writeFileSync(join(dir, 'ca', 'index.txt'), '');
  writeFileSync(join(dir, 'ca', 'serial'), '1000\n');
  writeFileSync(join(dir, 'ca', 'crlnumber'), '01\n');
  const openssl = (args: readonly string[]): void => {
    const r = spawnSync('openssl', args, { cwd: dir, env: { ...process.env, OPENSSL_CONF: conf } });
    if (r.status !== 0) {
      throw new Error(
        `openssl ${args.join(' ')} failed (${String(r.status)}): ${r.stderr?.toString() ?? ''}`,
      );
    }
  };
  const now = Date.now();
  const from = utcTime(new Date(now - DAY_MS));
  const until = utcTime(new Date(now + 365 * DAY_MS));
  const key = (name: string): string => {
    const path = join(dir, `${name}.key`);
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
    return path;
  };
  const issue = (
    name: string,
    keyPath: string,
    subject: string,
    extensions: string,
    self: boolean,
  ): string => {
    const csr = join(dir, `${name}.csr`);
    const cert = join(dir, `${name}.pem`);
    openssl(['req', '-new', '-utf8', '-config', conf, '-key', keyPath, '-subj', subject, '-out', csr]);
    openssl([
      'ca',
      '-batch',
      '-notext',
      '-preserveDN',
      '-config',
      conf,
      ...(self ? ['-selfsign', '-keyfile', keyPath] : []),
      '-in',
      csr,
      '-out',
      cert,
      '-startdate',
      from,
      '-enddate',
      until,
      '-extensions',
      extensions,
    ]);
    return cert;
  };

  const caName = `Тестовый УЦ ТМК e2e ${options.tag}`;
  const caKey = key('ca');
  const caPath = issue('ca', caKey, `/C=RU/O=ТМК e2e/CN=${caName}`, 'v3_ca', true);
  const caCerPath = join(dir, 'ca.cer');
  openssl(['x509', '-in', caPath, '-outform', 'DER', '-out', caCerPath]);

  const signerName = `${options.signerSurname} ${options.signerGivenName}`;
  const signerPath = issue(
    'signer',
    key('signer'),
    `/C=RU/O=${options.organization}/SN=${options.signerSurname}/GN=${options.signerGivenName}` +
      `/CN=${signerName}/SNILS=${options.signerSnils}`,
    'v3_signer',
    false,
  );

  const crlPem = join(dir, 'ca.crl.pem');
  openssl(['ca', '-batch', '-config', conf, '-gencrl', '-crldays', '30', '-out', crlPem]);
  const crlPath = join(dir, 'ca.crl');
  openssl(['crl', '-in', crlPem, '-outform', 'DER', '-out', crlPath]);

  const p12Path = join(dir, 'petrov.p12');
  openssl([
    'pkcs12',
    '-export',
    '-inkey',
    join(dir, 'signer.key'),
    '-in',
    signerPath,
    '-certfile',
    caPath,
    '-name',
    signerName,
    '-passout',
    `pass:${options.password}`,
    '-out',
    p12Path,
  ]);

  return {
    dir,
    caName,
    caPem: readFileSync(caPath, 'utf8'),
    caCerPath,
    crlPath,
    p12Path,
    p12Password: options.password,
    signerName,
    signerSnils: options.signerSnils,
  };
}
