import { describe, expect, it } from '@jest/globals';
import type { TrustCrl } from '@tmk/web-api-client';
import { certificateText, commonNameOf, crlFor } from './trust';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('certificateText', () => {
  it('certificateText_whenPem_passesTheTextThrough', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(certificateText(utf8(pem))).toBe(pem);
  });

  it('certificateText_whenBase64Text_keepsItWithoutWhitespace', () => {
    expect(certificateText(utf8('MIIB\r\nAAAA\n'))).toBe('MIIBAAAA');
  });

  it('certificateText_whenBinaryDer_encodesBase64', () => {
    expect(certificateText(new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0xff]))).toBe('MIIBCv8=');
  });
});

describe('crlFor', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const crl = (id: string, issuer: string, thisUpdate: string, nextUpdate: string | null): TrustCrl => ({
    id,
    issuer,
    thisUpdate,
    nextUpdate,
    sourceUrl: null,
    revokedCount: 0,
    sha256: id,
    fetchedAt: thisUpdate,
  });

  it('crlFor_whenSeveralCurrent_isTheNewest', () => {
    const list = [
      crl('a', 'CN=Test CA', '2026-11-01T00:00:00Z', '2026-12-31T00:00:00Z'),
      crl('b', 'CN=Test CA', '2026-11-20T00:00:00Z', '2026-12-20T00:00:00Z'),
      crl('c', 'CN=Other CA', '2026-11-25T00:00:00Z', null),
    ];
    expect(crlFor({ subject: 'CN=Test CA' }, list, now)?.id).toBe('b');
    expect(crlFor({ subject: 'CN=Other CA' }, list, now)?.id).toBe('c');
  });

  it('crlFor_whenOnlyOutdated_isNull', () => {
    const list = [crl('a', 'CN=Test CA', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z')];
    expect(crlFor({ subject: 'CN=Test CA' }, list, now)).toBeNull();
  });
});

describe('commonNameOf', () => {
  it('reads the CN of a distinguished name, commas inside values included, else keeps the text', () => {
    expect(commonNameOf('C=RU, O=ТМК e2e, CN=Тестовый УЦ ТМК')).toBe('Тестовый УЦ ТМК');
    expect(commonNameOf('CN=УЦ ООО «Ромашка», Москва, O=X, C=RU')).toBe('УЦ ООО «Ромашка», Москва');
    expect(commonNameOf('O=Только организация, C=RU')).toBe('O=Только организация, C=RU');
  });
});
