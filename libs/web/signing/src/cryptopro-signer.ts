import { fromBase64, toBase64 } from '@tmk/shared-cades';
import type { CadesCertificate, CadesPluginApi, CadesPluginGlobal, CadesStore } from './cadesplugin';
import {
  DocumentSignerError,
  snilsDigits,
  type DocumentSigner,
  type SignerCertificate,
} from './document-signer';

/**
 * The production signer: a thin adapter over CryptoPro's browser plug-in (`window.cadesplugin`, set by
 * CryptoPro's `cadesplugin_api.js`, which the page loads itself), with the user's GOST R 34.10-2012 keys in
 * CryptoPro CSP. How it maps to the plug-in (asynchronous API, see `cadesplugin.d.ts`):
 *
 * - `available()`: `window.cadesplugin` exists and its promise resolves within `loadTimeoutMs`;
 * - `certificates()`: `CreateObjectAsync('CAdESCOM.Store')`, `Open(CADESCOM_CONTAINER_STORE)` — the
 *   certificates of the key containers, including tokens not installed in the personal store — or, when
 *   the plug-in is too old for that,
 *   `Open(CAPICOM_CURRENT_USER_STORE, 'My', CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED)`;
 *   `Certificates.Item(1…Count)` with `HasPrivateKey()`; subject and issuer from `SubjectName`/`IssuerName`
 *   (СНИЛС written `СНИЛС=`, `SNILS=` or `OID.1.2.643.100.3=`), `SerialNumber`, `ValidFromDate`,
 *   `ValidToDate`; the id is the `Thumbprint`;
 * - `sign()`: the certificate by `Certificates.Find(CAPICOM_CERTIFICATE_FIND_SHA1_HASH, id)`, a
 *   `CAdESCOM.CPSigner` with it and `Options = CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN` (when the plug-in
 *   cannot build the chain, 0x800B010A, once more with `…_END_ENTITY_ONLY`), a `CAdESCOM.CadesSignedData`
 *   with `ContentEncoding = CADESCOM_BASE64_TO_BINARY` and `Content` = the document in base64, then
 *   `SignCades(signer, CADESCOM_CADES_BES, true, CADESCOM_ENCODE_BASE64)` (true: detached); the base64 answer
 *   becomes DER bytes. The plug-in hashes with the key's Streebog and adds signingCertificateV2 itself.
 *
 * Untested against the real plug-in: it cannot run on the development machines; the unit test drives a fake
 * `cadesplugin` that records the calls. Check it by hand with CryptoPro CSP and a test certificate before
 * relying on it.
 */

/** The plug-in's constants, with the values CryptoPro documents (cadesplugin_api.js defines the same). */
export const CADES = {
  CAPICOM_CURRENT_USER_STORE: 2,
  CAPICOM_MY_STORE: 'My',
  CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED: 2,
  CADESCOM_CONTAINER_STORE: 100,
  CAPICOM_CERTIFICATE_FIND_SHA1_HASH: 0,
  CAPICOM_CERTIFICATE_INCLUDE_CHAIN_EXCEPT_ROOT: 0,
  CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN: 1,
  CAPICOM_CERTIFICATE_INCLUDE_END_ENTITY_ONLY: 2,
  CADESCOM_CADES_BES: 1,
  CADESCOM_BASE64_TO_BINARY: 1,
  CADESCOM_ENCODE_BASE64: 0,
} as const;

/** CERT_E_CHAINING: the plug-in could not build the certificate chain. */
const CHAIN_NOT_BUILT = /0x800B010A/i;
/** SCARD_W_CANCELLED_BY_USER, ERROR_CANCELLED: the user closed the PIN or confirmation dialog. */
const CANCELLED = /0x8010006E|0x800704C7/i;

export interface CryptoProSignerOptions {
  /** Where the plug-in is; defaults to `globalThis.cadesplugin` (that is, `window.cadesplugin`). */
  readonly plugin?: () => CadesPluginGlobal | undefined;
  /** How long `available()` waits for the plug-in to load; default 5 s. */
  readonly loadTimeoutMs?: number;
}

/**
 * A distinguished name as CryptoAPI prints it (`CN=…, O="…, …", C=RU`): attributes separated by commas (or
 * `+` inside a multi-valued RDN), values in double quotes when they hold separators, `""` for a quote. Keys
 * upper-case; the first value of a key wins.
 */
export function parseDistinguishedName(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq === -1) break;
    const key = text.slice(i, eq).trim().toUpperCase();
    let j = eq + 1;
    while (text[j] === ' ') j++;
    let value = '';
    if (text[j] === '"') {
      j++;
      while (j < text.length) {
        if (text[j] === '"' && text[j + 1] === '"') {
          value += '"';
          j += 2;
        } else if (text[j] === '"') {
          j++;
          break;
        } else {
          value += text[j++];
        }
      }
      while (j < text.length && text[j] !== ',' && text[j] !== '+') j++;
    } else {
      const end = text.slice(j).search(/[,+]/);
      const stop = end === -1 ? text.length : j + end;
      value = text.slice(j, stop).trim();
      j = stop;
    }
    if (key && !out.has(key)) out.set(key, value);
    i = j + 1;
  }
  return out;
}

const SNILS_KEYS = ['СНИЛС', 'SNILS', 'OID.1.2.643.100.3', '1.2.643.100.3'];

function first(name: Map<string, string>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = name.get(key.toUpperCase());
    if (value) return value;
  }
  return null;
}

/** The plug-in's error text: its own `getLastError` when it has one. */
function errorText(api: CadesPluginApi | null, error: unknown): string {
  try {
    const text = api?.getLastError?.(error);
    if (text) return text;
  } catch {
    // fall through to the error itself
  }
  return error instanceof Error ? error.message : String(error);
}

export class CryptoProSigner implements DocumentSigner {
  readonly kind = 'cryptopro' as const;
  private readonly plugin: () => CadesPluginGlobal | undefined;
  private readonly loadTimeoutMs: number;
  private loading: Promise<{ readonly api: CadesPluginApi } | null> | null = null;

  constructor(options: CryptoProSignerOptions = {}) {
    this.plugin =
      options.plugin ?? (() => (globalThis as { cadesplugin?: CadesPluginGlobal }).cadesplugin ?? undefined);
    this.loadTimeoutMs = options.loadTimeoutMs ?? 5_000;
  }

  async available(): Promise<boolean> {
    return (await this.load()) !== null;
  }

  async certificates(): Promise<SignerCertificate[]> {
    const { api } = await this.plugged();
    return this.withStore(api, async (store) => {
      const certificates = await store.Certificates;
      const count = await certificates.Count;
      const out = new Map<string, SignerCertificate>();
      for (let i = 1; i <= count; i++) {
        const certificate = await certificates.Item(i);
        if (!(await certificate.HasPrivateKey())) continue;
        const info = await this.describe(certificate);
        if (!out.has(info.id)) out.set(info.id, info);
      }
      return [...out.values()];
    });
  }

  async sign(document: Uint8Array, certificateId: string): Promise<Uint8Array> {
    const { api } = await this.plugged();
    return this.withStore(api, async (store) => {
      const found = await (
        await store.Certificates
      ).Find(CADES.CAPICOM_CERTIFICATE_FIND_SHA1_HASH, certificateId);
      if ((await found.Count) === 0) {
        throw new DocumentSignerError('UNKNOWN_CERTIFICATE', `No certificate ${certificateId} in CryptoPro`);
      }
      const certificate = await found.Item(1);
      const content = toBase64(document);
      let signature: string;
      try {
        signature = await this.signCades(
          api,
          certificate,
          content,
          CADES.CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN,
        );
      } catch (e) {
        if (!CHAIN_NOT_BUILT.test(errorText(api, e))) throw e;
        signature = await this.signCades(
          api,
          certificate,
          content,
          CADES.CAPICOM_CERTIFICATE_INCLUDE_END_ENTITY_ONLY,
        );
      }
      const der = fromBase64(signature);
      if (!der || der.byteLength === 0)
        throw new DocumentSignerError('FAILED', 'The plug-in returned no base64');
      return der;
    });
  }

  private async signCades(
    api: CadesPluginApi,
    certificate: CadesCertificate,
    base64Content: string,
    include: number,
  ): Promise<string> {
    const signer = await api.CreateObjectAsync('CAdESCOM.CPSigner');
    await signer.propset_Certificate(certificate);
    await signer.propset_Options(include);
    const data = await api.CreateObjectAsync('CAdESCOM.CadesSignedData');
    // ContentEncoding before Content, as CryptoPro demands.
    await data.propset_ContentEncoding(CADES.CADESCOM_BASE64_TO_BINARY);
    await data.propset_Content(base64Content);
    return data.SignCades(signer, CADES.CADESCOM_CADES_BES, true, CADES.CADESCOM_ENCODE_BASE64);
  }

  private async describe(certificate: CadesCertificate): Promise<SignerCertificate> {
    const subject = parseDistinguishedName(await certificate.SubjectName);
    const issuerText = await certificate.IssuerName;
    const issuer = parseDistinguishedName(issuerText);
    return {
      id: (await certificate.Thumbprint).replace(/\s+/g, '').toUpperCase(),
      commonName: first(subject, ['CN']) ?? first(subject, ['O']) ?? '',
      snils: snilsDigits(first(subject, SNILS_KEYS)),
      organization: first(subject, ['O']),
      serialNumber: (await certificate.SerialNumber).replace(/\s+/g, '').toUpperCase(),
      notBefore: new Date(await certificate.ValidFromDate),
      notAfter: new Date(await certificate.ValidToDate),
      issuer: first(issuer, ['CN']) ?? first(issuer, ['O']) ?? issuerText,
    };
  }

  /** Opens the key containers' store (the personal store on plug-ins without it), runs `work`, closes it. */
  private async withStore<T>(api: CadesPluginApi, work: (store: CadesStore) => Promise<T>): Promise<T> {
    let store: CadesStore;
    try {
      store = await api.CreateObjectAsync('CAdESCOM.Store');
      try {
        await store.Open(CADES.CADESCOM_CONTAINER_STORE);
      } catch {
        await store.Open(
          CADES.CAPICOM_CURRENT_USER_STORE,
          CADES.CAPICOM_MY_STORE,
          CADES.CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED,
        );
      }
    } catch (e) {
      throw new DocumentSignerError('FAILED', `Cannot open the certificate store: ${errorText(api, e)}`, {
        cause: e,
      });
    }
    try {
      return await work(store);
    } catch (e) {
      if (e instanceof DocumentSignerError) throw e;
      const text = errorText(api, e);
      throw new DocumentSignerError(CANCELLED.test(text) ? 'CANCELLED' : 'FAILED', text, { cause: e });
    } finally {
      await store.Close().catch(() => undefined);
    }
  }

  /** The plug-in, boxed (never `await` or return `cadesplugin` itself: it is a promise and would unwrap). */
  private async plugged(): Promise<{ readonly api: CadesPluginApi }> {
    const loaded = await this.load();
    if (!loaded)
      throw new DocumentSignerError('UNAVAILABLE', 'The CryptoPro browser plug-in is not available');
    return loaded;
  }

  /** The loaded plug-in (boxed), or null; a timeout is not remembered (the plug-in may still come). */
  private load(): Promise<{ readonly api: CadesPluginApi } | null> {
    if (this.loading) return this.loading;
    const plugin = this.plugin();
    if (!plugin) return Promise.resolve(null);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.loadTimeoutMs);
    });
    const loaded = Promise.resolve(plugin).then(
      () => (typeof plugin.CreateObjectAsync === 'function' ? { api: plugin as CadesPluginApi } : null),
      () => null,
    );
    const attempt = Promise.race([loaded, timeout]).then((outcome) => {
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.loading = null;
        return null;
      }
      return outcome;
    });
    this.loading = attempt;
    return attempt;
  }
}
