import { signingRefusal, signsTheDocument } from './signed-document';

describe('signing rules', () => {
  const prepared = { status: 'PREPARED' as const };
  const signed = { status: 'SIGNED' as const };

  it('refuses people who are not signers of the document', () => {
    expect(signingRefusal(prepared, [], 'u1', null)).toBe('NOT_A_SIGNER');
  });

  it('lets the author sign a prepared document, and retry after a rejected signature', () => {
    expect(signingRefusal(prepared, [], 'u1', 'AUTHOR')).toBeNull();
    expect(signingRefusal(prepared, [{ signerId: 'u1', valid: false }], 'u1', 'AUTHOR')).toBeNull();
  });

  it('refuses a second signature of a signer whose signature stands', () => {
    expect(signingRefusal(signed, [{ signerId: 'u1', valid: true }], 'u1', 'AUTHOR')).toBe('ALREADY_SIGNED');
    expect(signingRefusal(signed, [{ signerId: 'u2', valid: true }], 'u2', 'CONSILIUM')).toBe(
      'ALREADY_SIGNED',
    );
  });

  it('lets consilium members and the organisation sign only after the author', () => {
    expect(signingRefusal(prepared, [], 'u2', 'CONSILIUM')).toBe('AUTHOR_FIRST');
    expect(signingRefusal(prepared, [], 'u3', 'ORGANISATION')).toBe('AUTHOR_FIRST');
    expect(signingRefusal(signed, [{ signerId: 'u1', valid: true }], 'u2', 'CONSILIUM')).toBeNull();
  });

  it('makes the document signed only with the author’s valid signature', () => {
    expect(signsTheDocument('AUTHOR', { valid: true })).toBe(true);
    expect(signsTheDocument('AUTHOR', { valid: false })).toBe(false);
    expect(signsTheDocument('CONSILIUM', { valid: true })).toBe(false);
  });
});
