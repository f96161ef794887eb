/**
 * The part of CryptoPro's browser plug-in API ("КриптоПро ЭЦП Browser plug-in", loaded by its
 * `cadesplugin_api.js`) that `CryptoProSigner` uses, in the plug-in's asynchronous mode: objects come from
 * `cadesplugin.CreateObjectAsync(progId)`, every property read is a promise, and a property is set with
 * `propset_<Name>(value)`. Collections are 1-based. Typed from CryptoPro's documentation of CAdESCOM and
 * CAPICOM; not checked against a real plug-in here.
 */

/**
 * `window.cadesplugin`: a promise that settles when the plug-in has loaded (rejects when it cannot), with
 * the API on it. Being a promise, it unwraps when awaited or returned from an async function.
 */
export type CadesPluginGlobal = PromiseLike<unknown> & CadesPluginApi;

export interface CadesPluginApi {
  CreateObjectAsync<K extends keyof CadesObjects>(progId: K): Promise<CadesObjects[K]>;
  /** The plug-in's message for an error it threw (present in cadesplugin_api.js). */
  getLastError?(error: unknown): string;
}

export interface CadesObjects {
  'CAdESCOM.Store': CadesStore;
  'CAdESCOM.CPSigner': CadesCpSigner;
  'CAdESCOM.CadesSignedData': CadesSignedData;
}

/** CAdESCOM.Store (CAPICOM.Store). */
export interface CadesStore {
  /** Location (CAPICOM_CURRENT_USER_STORE, CADESCOM_CONTAINER_STORE), store name ("My"), open mode. */
  Open(location?: number, name?: string, mode?: number): Promise<void>;
  readonly Certificates: Promise<CadesCertificates>;
  Close(): Promise<void>;
}

/** CAPICOM.Certificates. */
export interface CadesCertificates {
  readonly Count: Promise<number>;
  /** 1-based. */
  Item(index: number): Promise<CadesCertificate>;
  /** E.g. `Find(CAPICOM_CERTIFICATE_FIND_SHA1_HASH, thumbprint)`. */
  Find(findType: number, criteria: string, validOnly?: boolean): Promise<CadesCertificates>;
}

/** CAPICOM.Certificate. */
export interface CadesCertificate {
  /** E.g. `CN=Иванова Мария Петровна, СНИЛС=12345678901, O=ГБУЗ …, C=RU`. */
  readonly SubjectName: Promise<string>;
  readonly IssuerName: Promise<string>;
  /** Hex. */
  readonly SerialNumber: Promise<string>;
  /** A date the `Date` constructor reads. */
  readonly ValidFromDate: Promise<string | Date>;
  readonly ValidToDate: Promise<string | Date>;
  /** SHA-1 of the certificate, hex. */
  readonly Thumbprint: Promise<string>;
  HasPrivateKey(): Promise<boolean>;
}

/** CAdESCOM.CPSigner. */
export interface CadesCpSigner {
  propset_Certificate(certificate: CadesCertificate): Promise<void>;
  /** CAPICOM_CERTIFICATE_INCLUDE_*: which certificates the signature carries. */
  propset_Options(options: number): Promise<void>;
}

/** CAdESCOM.CadesSignedData. */
export interface CadesSignedData {
  /** Must be set before `Content`: CADESCOM_BASE64_TO_BINARY makes the plug-in sign the decoded bytes. */
  propset_ContentEncoding(encoding: number): Promise<void>;
  propset_Content(content: string): Promise<void>;
  /** The signature, base64 with line breaks (encoding CADESCOM_ENCODE_BASE64). */
  SignCades(
    signer: CadesCpSigner,
    cadesType: number,
    detached: boolean,
    encodingType: number,
  ): Promise<string>;
}

declare global {
  interface Window {
    cadesplugin?: CadesPluginGlobal;
  }
}
