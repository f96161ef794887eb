import { describe, expect, it } from '@jest/globals';
import type { SignatureView, SignedDocument } from '@tmk/web-api-client';
import {
  acceptedSignatures,
  certificateWarnings,
  holderName,
  orderedReasons,
  shortHash,
  signingRole,
} from './signing';

const ME = '00000000-0000-7000-8000-000000000302';
const OTHER = '00000000-0000-7000-8000-000000000309';

function signature(signerId: string, valid: boolean, role: SignatureView['role'] = 'AUTHOR'): SignatureView {
  return {
    id: `${signerId}-${String(valid)}`,
    signerId,
    role,
    valid,
    reasons: valid ? [] : ['DIGEST_MISMATCH'],
    signers: [],
    receivedAt: '2026-12-01T10:00:00.000Z',
  };
}

function document(overrides: Partial<SignedDocument> = {}): SignedDocument {
  return {
    id: 'doc',
    title: 'Заключение по запросу 54-2026-000001',
    fileName: 'Заключение 54-2026-000001.pdf',
    sizeBytes: 40_000,
    sha256: 'a'.repeat(64),
    status: 'PREPARED',
    signedAt: null,
    preparedAt: '2026-12-01T09:00:00.000Z',
    signatures: [],
    signAs: null,
    subjectId: 'request',
    subjectType: 'consultation-conclusion',
    ...overrides,
  };
}

describe('signingRole', () => {
  it('signingRole_whenAuthorAndPrepared_isAuthor', () => {
    expect(signingRole(document({ signAs: 'AUTHOR' }), ME)).toBe('AUTHOR');
  });

  it('signingRole_whenAuthorsEarlierAttemptWasRejected_letsThemRetry', () => {
    expect(signingRole(document({ signAs: 'AUTHOR', signatures: [signature(ME, false)] }), ME)).toBe(
      'AUTHOR',
    );
  });

  it('signingRole_whenAuthorHasSigned_isNull', () => {
    const signed = document({ signAs: 'AUTHOR', status: 'SIGNED', signatures: [signature(ME, true)] });
    expect(signingRole(signed, ME)).toBeNull();
  });

  it('signingRole_whenConsiliumMemberBeforeTheAuthor_isNull', () => {
    expect(signingRole(document({ signAs: 'CONSILIUM' }), ME)).toBeNull();
  });

  it('signingRole_whenConsiliumMemberAfterTheAuthor_isConsiliumOnce', () => {
    const signed = document({ signAs: 'CONSILIUM', status: 'SIGNED', signatures: [signature(OTHER, true)] });
    expect(signingRole(signed, ME)).toBe('CONSILIUM');
    const again = { ...signed, signatures: [...signed.signatures, signature(ME, true, 'CONSILIUM')] };
    expect(signingRole(again, ME)).toBeNull();
  });

  it('signingRole_whenNotASigner_isNull', () => {
    expect(signingRole(document(), ME)).toBeNull();
    expect(signingRole(document({ signAs: 'AUTHOR' }), null)).toBeNull();
  });
});

describe('acceptedSignatures', () => {
  it('keeps the valid ones in order', () => {
    const a = signature(ME, true);
    const b = signature(OTHER, true, 'CONSILIUM');
    expect(acceptedSignatures(document({ signatures: [signature(ME, false), a, b] }))).toEqual([a, b]);
  });
});

describe('shortHash', () => {
  it('keeps the head and the tail of a long hash', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('01234567…89abcdef');
    expect(shortHash('abc')).toBe('abc');
  });
});

describe('holderName', () => {
  it('prefers the common name, then surname and given name, then the organisation', () => {
    const none = { commonName: null, surname: null, givenName: null, organization: null };
    expect(holderName({ ...none, commonName: 'Петров Алексей Николаевич', surname: 'Петров' })).toBe(
      'Петров Алексей Николаевич',
    );
    expect(holderName({ ...none, surname: 'Петров', givenName: 'Алексей Николаевич' })).toBe(
      'Петров Алексей Николаевич',
    );
    expect(holderName({ ...none, organization: 'ГНОКБ' })).toBe('ГНОКБ');
  });
});

describe('orderedReasons', () => {
  it('orders known codes as the verifier does, once each, unknown codes last', () => {
    expect(orderedReasons(['CERT_EXPIRED', 'NEW_CODE', 'DIGEST_MISMATCH', 'CERT_EXPIRED'])).toEqual([
      'DIGEST_MISMATCH',
      'CERT_EXPIRED',
      'NEW_CODE',
    ]);
  });
});

describe('certificateWarnings', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const valid = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') };

  it('certificateWarnings_whenSnilsMatchesInAnyFormatting_isEmpty', () => {
    expect(certificateWarnings({ ...valid, snils: '34567890123' }, '345-678-901 23', now)).toEqual([]);
  });

  it('certificateWarnings_whenSnilsDiffers_saysBoth', () => {
    expect(certificateWarnings({ ...valid, snils: '11223344595' }, '34567890123', now)).toEqual([
      { kind: 'SNILS_MISMATCH', certificate: '11223344595', own: '34567890123' },
    ]);
  });

  it('certificateWarnings_whenOwnSnilsUnknown_doesNotCompare', () => {
    expect(certificateWarnings({ ...valid, snils: '11223344595' }, null, now)).toEqual([]);
  });

  it('certificateWarnings_whenNoSnilsOrExpiredOrNotYetValid_saysSo', () => {
    const expired = { notBefore: new Date('2025-01-01'), notAfter: new Date('2026-01-01') };
    expect(certificateWarnings({ ...expired, snils: null }, '34567890123', now)).toEqual([
      { kind: 'NO_SNILS' },
      { kind: 'EXPIRED', at: expired.notAfter },
    ]);
    const future = { notBefore: new Date('2027-01-01'), notAfter: new Date('2028-01-01') };
    expect(certificateWarnings({ ...future, snils: '34567890123' }, '34567890123', now)).toEqual([
      { kind: 'NOT_YET_VALID', at: future.notBefore },
    ]);
  });
});
