import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test support (Node only; `@tmk/shared-cades/testing`, never imported by the library itself): software
 * tokens made with the `openssl` CLI in a temp dir — a CA, an RSA 2048 and an ECDSA P-256 signer certificate
 * with SNILS, each as an OpenSSL 3 default `.p12` and as a PEM bundle — and `openssl cms -verify` as the
 * reference for what we sign. Used by the specs of @tmk/shared-cades and @tmk/web-signing.
 */

export const TOKEN_PASSWORD = 'Тест-пароль 2026';

export interface TokenFixture {
  readonly keyPath: string;
  readonly certPath: string;
  /** PKCS #8 `BEGIN PRIVATE KEY`. */
  readonly keyPem: string;
  readonly certPem: string;
  /** Certificate, CA certificate and key in one text. */
  readonly bundlePem: string;
  /** `openssl pkcs12 -export` with OpenSSL 3 defaults (PBES2 AES-256-CBC, PBKDF2 and MAC with SHA-256). */
  readonly p12: Uint8Array;
  readonly snils: string;
  readonly commonName: string;
  readonly organization: string;
  /** As `openssl x509 -serial` prints it. */
  readonly serialNumber: string;
}

export interface VerifyResult {
  readonly status: number | null;
  readonly stderr: string;
}

/**
 * `openssl cms -verify -binary -cades -inform DER -in <signature> -content <document> -CAfile <ca>
 * -purpose any`: detached CAdES-BES (signingCertificateV2 checked) over exactly the document's bytes.
 */
export function opensslCmsVerify(options: {
  readonly signaturePath: string;
  readonly contentPath: string;
  readonly caFile: string;
  readonly env?: NodeJS.ProcessEnv;
}): VerifyResult {
  const r = spawnSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-binary',
      '-cades',
      '-inform',
      'DER',
      '-in',
      options.signaturePath,
      '-content',
      options.contentPath,
      '-CAfile',
      options.caFile,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ],
    { encoding: 'utf8', env: options.env ?? process.env },
  );
  return { status: r.status, stderr: r.stderr };
}

export class SoftwareTokenFixtures {
  readonly dir: string;
  readonly caPath: string;
  readonly caPem: string;
  readonly caKeyPath: string;
  readonly rsa: TokenFixture;
  readonly ecdsa: TokenFixture;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'tmk-software-token-'));
    this.caKeyPath = this.genpkey('ca', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
    this.caPath = join(this.dir, 'ca.pem');
    this.writeFile(
      'ext.cnf',
      [
        '[ca]',
        'basicConstraints = critical, CA:true',
        'keyUsage = critical, keyCertSign, cRLSign',
        'subjectKeyIdentifier = hash',
        '[signer]',
        'basicConstraints = CA:false',
        'keyUsage = critical, digitalSignature, nonRepudiation',
        'subjectKeyIdentifier = hash',
        'authorityKeyIdentifier = keyid',
        '',
      ].join('\n'),
    );
    this.openssl([
      'req',
      '-x509',
      '-new',
      '-utf8',
      '-key',
      this.caKeyPath,
      '-subj',
      '/C=RU/O=ТМК тест/CN=ТМК тестовый УЦ',
      '-days',
      '30',
      '-extensions',
      'ca',
      '-config',
      this.withReqSection(),
      '-out',
      this.caPath,
    ]);
    this.caPem = readFileSync(this.caPath, 'utf8');
    this.rsa = this.signer(
      'rsa',
      ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
      '12345678901',
      '7A01',
    );
    this.ecdsa = this.signer(
      'ecdsa',
      ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      '98765432109',
      'C0FFEE02',
    );
  }

  /** Runs openssl; throws with its stderr when it fails. */
  openssl(args: readonly string[], input?: Uint8Array): Buffer {
    const r = spawnSync('openssl', args, { cwd: this.dir, input });
    if (r.status !== 0)
      throw new Error(`openssl ${args.join(' ')} failed (${r.status}): ${r.stderr?.toString()}`);
    return r.stdout;
  }

  /** Writes a file into the fixture dir; returns its path. */
  writeFile(name: string, data: string | Uint8Array): string {
    const path = join(this.dir, name);
    writeFileSync(path, data);
    return path;
  }

  /**
   * `openssl cms -verify -binary -cades -inform DER -content <document> -CAfile ca.pem -purpose any`: the
   * issue's acceptance check for what the software token signs.
   */
  verify(cms: Uint8Array, document: Uint8Array): VerifyResult {
    return opensslCmsVerify({
      signaturePath: this.writeFile('check.sig', cms),
      contentPath: this.writeFile('check.doc', document),
      caFile: this.caPath,
    });
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private genpkey(name: string, algorithm: readonly string[]): string {
    const path = join(this.dir, `${name}.key`);
    this.openssl(['genpkey', ...algorithm, '-out', path]);
    return path;
  }

  /** A config with an empty `[req]` distinguished name section plus the extension sections. */
  private withReqSection(): string {
    const path = join(this.dir, 'req.cnf');
    const extensions = readFileSync(join(this.dir, 'ext.cnf'), 'utf8');
    writeFileSync(path, `[req]\ndistinguished_name = dn\nstring_mask = utf8only\n[dn]\n${extensions}`);
    return path;
  }

  private signer(name: string, algorithm: readonly string[], snils: string, serial: string): TokenFixture {
    const keyPath = this.genpkey(name, algorithm);
    const csr = join(this.dir, `${name}.csr`);
    const certPath = join(this.dir, `${name}.pem`);
    const commonName = `Иванова Мария Петровна (${name})`;
    const organization = 'ГБУЗ Тестовая больница';
    this.openssl([
      'req',
      '-new',
      '-utf8',
      '-config',
      this.withReqSection(),
      '-key',
      keyPath,
      '-subj',
      `/C=RU/O=${organization}/CN=${commonName}/SNILS=${snils}`,
      '-out',
      csr,
    ]);
    this.openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      this.caPath,
      '-CAkey',
      this.caKeyPath,
      '-set_serial',
      `0x${serial}`,
      '-days',
      '30',
      '-extfile',
      join(this.dir, 'ext.cnf'),
      '-extensions',
      'signer',
      '-out',
      certPath,
    ]);
    const p12Path = join(this.dir, `${name}.p12`);
    this.openssl([
      'pkcs12',
      '-export',
      '-inkey',
      keyPath,
      '-in',
      certPath,
      '-certfile',
      this.caPath,
      '-passout',
      `pass:${TOKEN_PASSWORD}`,
      '-out',
      p12Path,
    ]);
    const keyPem = readFileSync(keyPath, 'utf8');
    const certPem = readFileSync(certPath, 'utf8');
    return {
      keyPath,
      certPath,
      keyPem,
      certPem,
      bundlePem: certPem + this.caPem + keyPem,
      p12: new Uint8Array(readFileSync(p12Path)),
      snils,
      commonName,
      organization,
      serialNumber: serial,
    };
  }
}
