import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, exactBuffer } from '@tmk/shared-cades';
import { ensureDebianPackage, exec } from '../../testing/debian-package';

/**
 * Test support: OpenSSL (with Debian's GOST engine for GOST) as the independent reference. Builds a small PKI
 * in a directory — root CA → issuing CA → signer certificates, a same-named rogue CA, CRLs — and signs with
 * `openssl cms -sign -binary -cades` (detached, DER). Used by the verifier's and the builder's specs only.
 */

export type FixtureAlgorithm =
  'rsa' | 'ecdsa-p256' | 'ecdsa-p384' | 'gost256-cpa' | 'gost256-tca' | 'gost512';

interface AlgorithmSpec {
  readonly genpkey: readonly string[];
  readonly md: string;
  readonly gost: boolean;
}

export const FIXTURE_ALGORITHMS: Readonly<Record<FixtureAlgorithm, AlgorithmSpec>> = {
  rsa: { genpkey: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], md: 'sha256', gost: false },
  'ecdsa-p256': {
    genpkey: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
    md: 'sha256',
    gost: false,
  },
  'ecdsa-p384': {
    genpkey: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
    md: 'sha384',
    gost: false,
  },
  // paramset A of gost2012_256 is id-GostR3410-2001-CryptoPro-A-ParamSet; TCA is id-tc26-gost-3410-2012-256-paramSetA.
  'gost256-cpa': {
    genpkey: ['-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A'],
    md: 'md_gost12_256',
    gost: true,
  },
  'gost256-tca': {
    genpkey: ['-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:TCA'],
    md: 'md_gost12_256',
    gost: true,
  },
  gost512: {
    genpkey: ['-algorithm', 'gost2012_512', '-pkeyopt', 'paramset:A'],
    md: 'md_gost12_512',
    gost: true,
  },
};

/** An OPENSSL_CONF that loads Debian's GOST engine for every algorithm it provides. */
export const ENGINE_CONF = `openssl_conf = openssl_init
[openssl_init]
engines = engine_section
[engine_section]
gost = gost_section
[gost_section]
engine_id = gost
default_algorithms = ALL
`;

function gostEngineLoads(): boolean {
  const dir = join(tmpdir(), `tmk-gost-probe-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'openssl.cnf');
  writeFileSync(conf, ENGINE_CONF);
  try {
    const r = exec('openssl', ['list', '-digest-algorithms'], {
      env: { ...process.env, OPENSSL_CONF: conf },
    });
    return r.status === 0 && /md_gost12_256/i.test(`${r.stdout}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes sure OpenSSL can load the GOST engine: installs Debian's `libengine-gost-openssl` with apt-get when it
 * is missing and we run as root. Throws (the GOST tests then fail, loudly) when that is impossible.
 */
export function ensureGostEngine(): void {
  ensureDebianPackage(
    'libengine-gost-openssl',
    gostEngineLoads,
    'The GOST tests need OpenSSL with the GOST engine: install the Debian package libengine-gost-openssl',
  );
}

/** YYMMDDHHMMSSZ, as `openssl ca -startdate/-enddate` take it. */
const utcTime = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';

export interface Credential {
  readonly key: string;
  readonly cert: string;
}

export interface SignOptions {
  readonly signer: Credential;
  /** Certificates to include besides the signer's (PEM paths). */
  readonly certfile?: string;
  /** Without -cades: no signingCertificateV2. */
  readonly cades?: boolean;
  /** Further `openssl cms -sign` options, e.g. `-keyopt rsa_padding_mode:pss`. */
  readonly extra?: readonly string[];
}

const DAY = 24 * 3_600_000;

/**
 * A PKI for one algorithm. Every certificate's validity starts 30 days before `now`, so back-dated signing
 * times inside that range meet valid certificates.
 */
export class OpenSslPki {
  readonly md: string;
  readonly env: NodeJS.ProcessEnv;
  readonly root: Credential;
  readonly issuing: Credential;
  /** Self-signed, with exactly the issuing CA's name, not in the trust store. */
  readonly rogue: Credential;
  readonly signer: Credential;
  readonly expiredSigner: Credential;
  readonly revokedSigner: Credential;
  readonly rogueSigner: Credential;
  readonly snils = '12345678901';
  readonly trustPem: string;
  readonly crlPems: string[];

  constructor(
    readonly dir: string,
    readonly algorithm: FixtureAlgorithm,
    readonly now: Date = new Date(),
  ) {
    const spec = FIXTURE_ALGORITHMS[algorithm];
    if (spec.gost) ensureGostEngine();
    this.md = spec.md;
    mkdirSync(dir, { recursive: true });
    const conf = join(dir, 'openssl.cnf');
    writeFileSync(conf, this.config(spec));
    this.env = { ...process.env, OPENSSL_CONF: conf };
    for (const ca of ['root', 'issuing', 'rogue']) {
      mkdirSync(join(dir, ca, 'new'), { recursive: true });
      writeFileSync(join(dir, ca, 'index.txt'), '');
      writeFileSync(
        join(dir, ca, 'serial'),
        ca === 'root' ? '1000\n' : ca === 'issuing' ? '2000\n' : '3000\n',
      );
      writeFileSync(join(dir, ca, 'crlnumber'), '01\n');
    }

    const key = (name: string) => {
      const path = join(dir, `${name}.key`);
      this.openssl(['genpkey', ...spec.genpkey, '-out', path]);
      return path;
    };
    const from = new Date(now.getTime() - 30 * DAY);
    const until = new Date(now.getTime() + 365 * DAY);
    const issue = (
      name: string,
      ca: 'root' | 'issuing' | 'rogue',
      keyPath: string,
      subject: string,
      extensions: string,
      period: { from: Date; until: Date } = { from, until },
      caKey?: string,
    ): Credential => {
      const csr = join(dir, `${name}.csr`);
      const cert = join(dir, `${name}.pem`);
      this.openssl(['req', '-new', '-utf8', '-key', keyPath, '-subj', subject, '-out', csr]);
      this.openssl([
        'ca',
        '-batch',
        '-notext',
        '-preserveDN',
        '-name',
        `${ca}_ca`,
        ...(caKey ? ['-selfsign', '-keyfile', caKey] : []),
        '-in',
        csr,
        '-out',
        cert,
        '-startdate',
        utcTime(period.from),
        '-enddate',
        utcTime(period.until),
        '-extensions',
        extensions,
      ]);
      return { key: keyPath, cert };
    };

    const tag = algorithm.toUpperCase();
    const rootKey = key('root');
    this.root = issue(
      'root',
      'root',
      rootKey,
      `/C=RU/O=ТМК тест/CN=ТМК Root CA ${tag}`,
      'v3_ca',
      undefined,
      rootKey,
    );
    const issuingSubject = `/C=RU/O=ТМК тест/CN=ТМК Issuing CA ${tag}/OGRN=1027700132195/innLe=7701234567`;
    this.issuing = issue('issuing', 'root', key('issuing'), issuingSubject, 'v3_ca');
    const rogueKey = key('rogue');
    this.rogue = issue('rogue', 'rogue', rogueKey, issuingSubject, 'v3_ca', undefined, rogueKey);

    const signerKey = key('signer');
    const signerSubject =
      `/C=RU/O=ГБУЗ Тестовая больница/SN=Иванова/GN=Мария Петровна/CN=Иванова Мария Петровна` +
      `/SNILS=${this.snils}/INN=771234567890`;
    this.signer = issue('signer', 'issuing', signerKey, signerSubject, 'v3_signer');
    this.expiredSigner = issue('expired', 'issuing', signerKey, signerSubject, 'v3_signer', {
      from,
      until: new Date(now.getTime() - DAY),
    });
    this.revokedSigner = issue('revoked', 'issuing', signerKey, signerSubject, 'v3_signer');
    this.rogueSigner = issue('rogue-signer', 'rogue', signerKey, signerSubject, 'v3_signer');

    this.openssl([
      'ca',
      '-batch',
      '-name',
      'issuing_ca',
      '-revoke',
      this.revokedSigner.cert,
      '-crl_reason',
      'keyCompromise',
    ]);
    const crl = (ca: 'root' | 'issuing') => {
      const path = join(dir, `${ca}.crl.pem`);
      this.openssl(['ca', '-batch', '-name', `${ca}_ca`, '-gencrl', '-crldays', '30', '-out', path]);
      return readFileSync(path, 'utf8');
    };
    this.crlPems = [crl('root'), crl('issuing')];
    this.trustPem = readFileSync(this.root.cert, 'utf8') + readFileSync(this.issuing.cert, 'utf8');
  }

  private config(spec: AlgorithmSpec): string {
    const ca = (name: string) => `[${name}_ca]
dir = ${join(this.dir, name)}
database = $dir/index.txt
new_certs_dir = $dir/new
certificate = ${join(this.dir, `${name}.pem`)}
private_key = ${join(this.dir, `${name}.key`)}
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = ${spec.md}
policy = policy_any
unique_subject = no
default_crl_days = 30
`;
    return `oid_section = new_oids
${spec.gost ? ENGINE_CONF : ''}
[new_oids]
innLe = 1.2.643.100.4
[ca]
default_ca = issuing_ca
${ca('root')}
${ca('issuing')}
${ca('rogue')}
[policy_any]
commonName = supplied
[req]
distinguished_name = dn
string_mask = utf8only
default_md = ${spec.md}
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
[v3_encipher_only]
basicConstraints = CA:false
keyUsage = critical, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;
  }

  openssl(args: readonly string[], input?: Uint8Array): Buffer {
    const r = spawnSync('openssl', args, { env: this.env, cwd: this.dir, input });
    if (r.status !== 0) {
      throw new Error(`openssl ${args.join(' ')} failed (${r.status}): ${r.stderr?.toString()}`);
    }
    return r.stdout;
  }

  /** A certificate issued by the issuing CA with key usage keyEncipherment only. */
  issueEncipherOnly(): Credential {
    const csr = join(this.dir, 'encipher.csr');
    const cert = join(this.dir, 'encipher.pem');
    this.openssl([
      'req',
      '-new',
      '-utf8',
      '-key',
      this.signer.key,
      '-subj',
      `/CN=Encipher only/SNILS=${this.snils}`,
      '-out',
      csr,
    ]);
    this.openssl([
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
      '-startdate',
      utcTime(new Date(this.now.getTime() - 30 * DAY)),
      '-enddate',
      utcTime(new Date(this.now.getTime() + 30 * DAY)),
      '-extensions',
      'v3_encipher_only',
    ]);
    return { key: this.signer.key, cert };
  }

  /** `openssl cms -sign -binary [-cades] -md … -outform DER` without -nodetach: detached. */
  sign(documentPath: string, options: SignOptions): Uint8Array {
    return new Uint8Array(
      this.openssl([
        'cms',
        '-sign',
        '-binary',
        ...(options.cades === false ? [] : ['-cades']),
        '-md',
        this.md,
        '-in',
        documentPath,
        '-signer',
        options.signer.cert,
        '-inkey',
        options.signer.key,
        ...(options.certfile ? ['-certfile', options.certfile] : []),
        ...(options.extra ?? []),
        '-outform',
        'DER',
      ]),
    );
  }

  /**
   * The same signature with another signingTime: pkijs re-encodes the signed attributes with the new time and
   * `openssl dgst -sign` signs them with the same key (OpenSSL always writes the current time itself).
   */
  resignWithSigningTime(cms: Uint8Array, keyPath: string, signingTime: Date): Uint8Array {
    return this.resign(cms, keyPath, (attributes) => {
      const time = attributes.find((a) => a.type === OID.signingTime);
      if (!time) throw new Error('No signingTime');
      time.values = [new asn1js.UTCTime({ valueDate: signingTime })];
      return attributes;
    });
  }

  /** Re-signs (with `openssl dgst -sign`) the signed attributes as `change` returns them. */
  resign(
    cms: Uint8Array,
    keyPath: string,
    change: (attributes: pkijs.Attribute[]) => pkijs.Attribute[],
  ): Uint8Array {
    const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(exactBuffer(cms)).result });
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const signerInfo = signedData.signerInfos[0];
    const attrs = signerInfo?.signedAttrs;
    if (!signerInfo || !attrs) throw new Error('Not a signature with signed attributes');
    attrs.attributes = change(attrs.attributes);
    const toSign = new Uint8Array(
      new asn1js.Set({ value: attrs.attributes.map((a) => a.toSchema()) }).toBER(),
    );
    const signature = this.openssl(['dgst', `-${this.md}`, '-sign', keyPath, '-binary'], toSign);
    signerInfo.signature = new asn1js.OctetString({ valueHex: exactBuffer(signature) });
    const out = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return new Uint8Array(out.toSchema().toBER());
  }

  /** The DER of a PEM certificate file. */
  certificateDer(path: string): Uint8Array {
    return new Uint8Array(this.openssl(['x509', '-in', path, '-outform', 'DER']));
  }
}
