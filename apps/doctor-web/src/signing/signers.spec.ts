import { describe, expect, it } from '@jest/globals';
import { loadSigning, signingErrorCode } from './signers';

describe('signingErrorCode', () => {
  it('signingErrorCode_whenTheLibrarysErrors_readsTheirCodes', async () => {
    const { DocumentSignerError, SoftwareTokenSigner } = await loadSigning();
    const tokenError = await new SoftwareTokenSigner().import({ pem: 'no PEM here' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(signingErrorCode(tokenError)).toEqual({ kind: 'token', code: 'MALFORMED' });
    expect(signingErrorCode(new DocumentSignerError('CANCELLED', 'closed'))).toEqual({
      kind: 'signer',
      code: 'CANCELLED',
    });
  });

  it('signingErrorCode_whenAnythingElse_isNull', () => {
    expect(signingErrorCode(new Error('boom'))).toBeNull();
    expect(
      signingErrorCode(Object.assign(new Error('x'), { name: 'SoftwareTokenError', code: 'NEW' })),
    ).toBeNull();
    expect(signingErrorCode('WRONG_PASSWORD')).toBeNull();
  });
});
