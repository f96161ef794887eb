import { describe, expect, it } from '@jest/globals';
import { toBase64 } from '@tmk/shared-cades';
import { availableSigners } from './available-signers';
import type {
  CadesCertificate,
  CadesCertificates,
  CadesCpSigner,
  CadesPluginGlobal,
  CadesSignedData,
  CadesStore,
} from './cadesplugin';
import { CADES, CryptoProSigner, parseDistinguishedName } from './cryptopro-signer';
import { DocumentSignerError, type DocumentSigner } from './document-signer';

/**
 * CryptoProSigner against a fake `cadesplugin` that records every call: the real plug-in (and CryptoPro CSP)
 * cannot run here, so this pins down how the adapter drives the documented asynchronous API.
 */

interface FakeCertificate {
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly from: string;
  readonly to: string;
  readonly thumbprint: string;
  readonly hasPrivateKey: boolean;
}

interface FakeOptions {
  readonly certificates: readonly FakeCertificate[];
  /** What SignCades answers (base64), or an error to throw, per call. */
  readonly signResults?: readonly (string | Error)[];
  readonly containerStoreMissing?: boolean;
}

type Call = readonly [string, ...unknown[]];

function fakePlugin(options: FakeOptions) {
  const calls: Call[] = [];
  const results = [...(options.signResults ?? [])];
  const certificate = (c: FakeCertificate): CadesCertificate & { fake: FakeCertificate } => ({
    fake: c,
    SubjectName: Promise.resolve(c.subject),
    IssuerName: Promise.resolve(c.issuer),
    SerialNumber: Promise.resolve(c.serial),
    ValidFromDate: Promise.resolve(c.from),
    ValidToDate: Promise.resolve(c.to),
    Thumbprint: Promise.resolve(c.thumbprint),
    HasPrivateKey: async () => c.hasPrivateKey,
  });
  const collection = (items: readonly FakeCertificate[]): CadesCertificates => ({
    Count: Promise.resolve(items.length),
    Item: async (i: number) => {
      const c = items[i - 1];
      if (!c) throw new Error(`Item(${i}) out of range (1-based)`);
      return certificate(c);
    },
    Find: async (type: number, criteria: string) => {
      calls.push(['Certificates.Find', type, criteria]);
      return collection(items.filter((c) => type === 0 && c.thumbprint === criteria));
    },
  });
  const store = (): CadesStore => ({
    Open: async (...args: unknown[]) => {
      calls.push(['Store.Open', ...args]);
      if (options.containerStoreMissing && args[0] === 100) throw new Error('0x80090019 not supported');
    },
    get Certificates() {
      return Promise.resolve(collection(options.certificates));
    },
    Close: async () => {
      calls.push(['Store.Close']);
    },
  });
  const cpSigner = (): CadesCpSigner => ({
    propset_Certificate: async (c) => {
      calls.push(['CPSigner.Certificate', (c as { fake?: FakeCertificate }).fake?.thumbprint]);
    },
    propset_Options: async (o) => {
      calls.push(['CPSigner.Options', o]);
    },
  });
  const signedData = (): CadesSignedData => ({
    propset_ContentEncoding: async (e) => {
      calls.push(['SignedData.ContentEncoding', e]);
    },
    propset_Content: async (c) => {
      calls.push(['SignedData.Content', c]);
    },
    SignCades: async (signer, type, detached, encoding) => {
      calls.push(['SignedData.SignCades', typeof signer.propset_Options, type, detached, encoding]);
      const result = results.shift() ?? 'MIIB';
      if (result instanceof Error) throw result;
      return result;
    },
  });
  const api = {
    async CreateObjectAsync(progId: string) {
      calls.push(['CreateObjectAsync', progId]);
      if (progId === 'CAdESCOM.Store') return store();
      if (progId === 'CAdESCOM.CPSigner') return cpSigner();
      if (progId === 'CAdESCOM.CadesSignedData') return signedData();
      throw new Error(`unknown ${progId}`);
    },
    getLastError: (e: unknown) => (e instanceof Error ? e.message : String(e)),
  };
  const plugin = Object.assign(Promise.resolve(), api) as unknown as CadesPluginGlobal;
  return { plugin, calls };
}

const IVANOVA: FakeCertificate = {
  subject:
    'CN=Иванова Мария Петровна, SN=Иванова, G=Мария Петровна, СНИЛС=12345678901, ИНН=771234567890, ' +
    'O="ГБУЗ ""Тестовая больница"", филиал", C=RU',
  issuer: 'CN=Тестовый УЦ ООО "КРИПТО-ПРО", O="ООО ""КРИПТО-ПРО""", C=RU',
  serial: '7c00 0a1b2c',
  from: '2026-01-15T09:00:00.000Z',
  to: '2027-04-15T09:00:00.000Z',
  thumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9011223344',
  hasPrivateKey: true,
};
const PETROV_OID: FakeCertificate = {
  ...IVANOVA,
  subject: 'OID.1.2.643.100.3=987-654-321 09, CN=Петров Алексей, O=ГНОКБ',
  thumbprint: '00112233445566778899AABBCCDDEEFF00112233',
};
const NO_KEY: FakeCertificate = { ...IVANOVA, thumbprint: 'FFFF', hasPrivateKey: false };

describe('parseDistinguishedName', () => {
  it('parseDistinguishedName_quotedValuesAndSeparators_areRead', () => {
    const name = parseDistinguishedName(IVANOVA.subject);
    expect(name.get('CN')).toBe('Иванова Мария Петровна');
    expect(name.get('СНИЛС')).toBe('12345678901');
    expect(name.get('O')).toBe('ГБУЗ "Тестовая больница", филиал');
    expect(name.get('C')).toBe('RU');
    expect(parseDistinguishedName('CN=a + SNILS=1, O=b').get('SNILS')).toBe('1');
  });
});

describe('CryptoProSigner', () => {
  it('available_withoutPlugin_isFalse', async () => {
    expect(await new CryptoProSigner({ plugin: () => undefined }).available()).toBe(false);
  });

  it('available_whenThePluginFailsToLoad_isFalse', async () => {
    const rejected = Object.assign(Promise.reject(new Error('no extension')), {
      CreateObjectAsync: () => Promise.reject(new Error('unused')),
    }) as unknown as CadesPluginGlobal;
    expect(await new CryptoProSigner({ plugin: () => rejected }).available()).toBe(false);
  });

  it('available_whenThePluginDoesNotLoadInTime_isFalse', async () => {
    const pending = Object.assign(new Promise<void>(() => undefined), {
      CreateObjectAsync: () => Promise.reject(new Error('unused')),
    }) as unknown as CadesPluginGlobal;
    const signer = new CryptoProSigner({ plugin: () => pending, loadTimeoutMs: 20 });
    expect(await signer.available()).toBe(false);
    await expect(signer.certificates()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('available_readsWindowCadespluginByDefault', async () => {
    const { plugin } = fakePlugin({ certificates: [] });
    const g = globalThis as { cadesplugin?: CadesPluginGlobal };
    g.cadesplugin = plugin;
    try {
      expect(await new CryptoProSigner().available()).toBe(true);
    } finally {
      delete g.cadesplugin;
    }
  });

  it('certificates_listsThoseWithPrivateKeys_fromTheContainerStore', async () => {
    const { plugin, calls } = fakePlugin({ certificates: [IVANOVA, NO_KEY, PETROV_OID] });
    const list = await new CryptoProSigner({ plugin: () => plugin }).certificates();
    expect(list).toEqual([
      {
        id: IVANOVA.thumbprint,
        commonName: 'Иванова Мария Петровна',
        snils: '12345678901',
        organization: 'ГБУЗ "Тестовая больница", филиал',
        serialNumber: '7C000A1B2C',
        notBefore: new Date(IVANOVA.from),
        notAfter: new Date(IVANOVA.to),
        issuer: 'Тестовый УЦ ООО "КРИПТО-ПРО"',
      },
      expect.objectContaining({
        id: PETROV_OID.thumbprint,
        snils: '98765432109',
        commonName: 'Петров Алексей',
      }),
    ]);
    expect(calls).toContainEqual(['Store.Open', CADES.CADESCOM_CONTAINER_STORE]);
    expect(calls.at(-1)).toEqual(['Store.Close']);
  });

  it('certificates_onPluginsWithoutContainerStore_opensThePersonalStore', async () => {
    const { plugin, calls } = fakePlugin({ certificates: [IVANOVA], containerStoreMissing: true });
    expect(await new CryptoProSigner({ plugin: () => plugin }).certificates()).toHaveLength(1);
    expect(calls).toContainEqual(['Store.Open', 2, 'My', 2]);
  });

  it('sign_drivesSignCadesDetachedBesOverTheBase64Document_andReturnsDer', async () => {
    const der = Uint8Array.from([0x30, 0x82, 0x01, 0x00, ...Array.from({ length: 256 }, (_, i) => i)]);
    const answer = toBase64(der).replace(/(.{64})/g, '$1\r\n'); // the plug-in wraps lines
    const { plugin, calls } = fakePlugin({ certificates: [PETROV_OID, IVANOVA], signResults: [answer] });
    const document = new TextEncoder().encode('%PDF-1.7\n% заключение\n%%EOF\n');

    const signature = await new CryptoProSigner({ plugin: () => plugin }).sign(document, IVANOVA.thumbprint);

    expect(signature).toEqual(der);
    const signing = calls.filter(([name]) => name !== 'CreateObjectAsync' && name !== 'Store.Open');
    expect(signing).toEqual([
      ['Certificates.Find', CADES.CAPICOM_CERTIFICATE_FIND_SHA1_HASH, IVANOVA.thumbprint],
      ['CPSigner.Certificate', IVANOVA.thumbprint],
      ['CPSigner.Options', CADES.CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN],
      ['SignedData.ContentEncoding', CADES.CADESCOM_BASE64_TO_BINARY],
      ['SignedData.Content', Buffer.from(document).toString('base64')],
      ['SignedData.SignCades', 'function', CADES.CADESCOM_CADES_BES, true, CADES.CADESCOM_ENCODE_BASE64],
      ['Store.Close'],
    ]);
    expect(CADES.CADESCOM_CADES_BES).toBe(1);
    expect(CADES.CADESCOM_BASE64_TO_BINARY).toBe(1);
  });

  it('sign_whenTheChainCannotBeBuilt_retriesWithTheEndEntityOnly', async () => {
    const { plugin, calls } = fakePlugin({
      certificates: [IVANOVA],
      signResults: [new Error('Не удается построить цепочку сертификатов. (0x800B010A)'), 'MIIB'],
    });
    await new CryptoProSigner({ plugin: () => plugin }).sign(new Uint8Array([1]), IVANOVA.thumbprint);
    expect(calls.filter(([name]) => name === 'CPSigner.Options')).toEqual([
      ['CPSigner.Options', CADES.CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN],
      ['CPSigner.Options', CADES.CAPICOM_CERTIFICATE_INCLUDE_END_ENTITY_ONLY],
    ]);
  });

  it('sign_errors_haveStableCodes', async () => {
    const cancelled = fakePlugin({
      certificates: [IVANOVA],
      signResults: [new Error('Операция отменена пользователем. (0x8010006E)')],
    });
    const signer = new CryptoProSigner({ plugin: () => cancelled.plugin });
    await expect(signer.sign(new Uint8Array([1]), IVANOVA.thumbprint)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    await expect(signer.sign(new Uint8Array([1]), 'DEADBEEF')).rejects.toMatchObject({
      code: 'UNKNOWN_CERTIFICATE',
    });
    expect(cancelled.calls.filter(([name]) => name === 'Store.Close')).toHaveLength(2);

    const broken = fakePlugin({
      certificates: [IVANOVA],
      signResults: [new Error('Ключ не существует. (0x8009000D)')],
    });
    const error = await new CryptoProSigner({ plugin: () => broken.plugin })
      .sign(new Uint8Array([1]), IVANOVA.thumbprint)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentSignerError);
    expect(error).toMatchObject({ code: 'FAILED', message: expect.stringContaining('0x8009000D') });
  });
});

describe('availableSigners', () => {
  const stub = (kind: DocumentSigner['kind'], available: boolean): DocumentSigner => ({
    kind,
    available: async () => available,
    certificates: async () => [],
    sign: async () => new Uint8Array(),
  });

  it('availableSigners_offersCryptoProFirst_thenTheSoftwareToken', async () => {
    const signers = await availableSigners({
      cryptoPro: stub('cryptopro', true),
      software: stub('software', true),
    });
    expect(signers.map((s) => s.kind)).toEqual(['cryptopro', 'software']);
  });

  it('availableSigners_withoutThePlugin_offersTheSoftwareTokenOnly', async () => {
    const signers = await availableSigners({ cryptoPro: new CryptoProSigner({ plugin: () => undefined }) });
    expect(signers.map((s) => s.kind)).toEqual(['software']);
  });
});
