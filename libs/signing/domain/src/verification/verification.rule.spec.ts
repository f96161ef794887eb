import { REASON_CODES, type SignerReport } from './verification-result';
import {
  DEFAULT_SIGNING_TIME_WINDOW,
  certificateValidityRule,
  mayIssueCertificates,
  orderedReasons,
  revocationRule,
  signerIdentityRule,
  signerKeyUsageRule,
  signingTimeRule,
  validityInstant,
  verificationVerdict,
} from './verification.rule';

const received = new Date('2026-12-01T12:00:00Z');
const minutes = (n: number) => new Date(received.getTime() + n * 60_000);
const usage = (
  bits: Partial<Record<'digitalSignature' | 'nonRepudiation' | 'keyCertSign' | 'cRLSign', boolean>>,
) => ({
  digitalSignature: false,
  nonRepudiation: false,
  keyCertSign: false,
  cRLSign: false,
  ...bits,
});

describe('signingTimeRule', () => {
  it('signingTimeRule_whenInsideWindow_accepts', () => {
    expect(signingTimeRule(minutes(-23 * 60), received)).toBeNull();
    expect(signingTimeRule(minutes(4), received)).toBeNull();
    expect(signingTimeRule(received, received)).toBeNull();
  });

  it('signingTimeRule_whenMissingTooOldOrInFuture_rejects', () => {
    expect(signingTimeRule(null, received)).toBe('SIGNING_TIME_OUT_OF_WINDOW');
    expect(signingTimeRule(minutes(-24 * 60 - 1), received)).toBe('SIGNING_TIME_OUT_OF_WINDOW');
    expect(signingTimeRule(minutes(6), received)).toBe('SIGNING_TIME_OUT_OF_WINDOW');
    expect(signingTimeRule(new Date(Number.NaN), received)).toBe('SIGNING_TIME_OUT_OF_WINDOW');
  });

  it('signingTimeRule_whenWindowConfigured_usesIt', () => {
    const week = { backMs: 7 * 24 * 3_600_000, forwardMs: 0 };
    expect(signingTimeRule(minutes(-3 * 24 * 60), received, week)).toBeNull();
    expect(signingTimeRule(minutes(1), received, week)).toBe('SIGNING_TIME_OUT_OF_WINDOW');
  });
});

describe('validityInstant', () => {
  it('validityInstant_whenSigningTimeTrustworthy_isSigningTime', () => {
    expect(validityInstant(minutes(-60), received)).toEqual(minutes(-60));
  });

  it('validityInstant_whenSigningTimeMissingOrOutside_isReceipt', () => {
    expect(validityInstant(null, received)).toEqual(received);
    expect(validityInstant(minutes(-10 * 24 * 60), received, DEFAULT_SIGNING_TIME_WINDOW)).toEqual(received);
  });
});

describe('certificateValidityRule', () => {
  const period = { notBefore: minutes(-60), notAfter: minutes(60) };
  it('certificateValidityRule_whenInsidePeriodOrOnItsEdges_accepts', () => {
    expect(certificateValidityRule(period, received)).toBeNull();
    expect(certificateValidityRule(period, period.notBefore)).toBeNull();
    expect(certificateValidityRule(period, period.notAfter)).toBeNull();
  });

  it('certificateValidityRule_whenBeforeOrAfter_isExpired', () => {
    expect(certificateValidityRule(period, minutes(-61))).toBe('CERT_EXPIRED');
    expect(certificateValidityRule(period, minutes(61))).toBe('CERT_EXPIRED');
  });
});

describe('key usage', () => {
  it('signerKeyUsageRule_whenDigitalSignatureOrNonRepudiation_accepts', () => {
    expect(signerKeyUsageRule(usage({ digitalSignature: true }))).toBeNull();
    expect(signerKeyUsageRule(usage({ nonRepudiation: true }))).toBeNull();
  });

  it('signerKeyUsageRule_whenNeitherOrAbsent_rejects', () => {
    expect(signerKeyUsageRule(usage({ keyCertSign: true }))).toBe('KEY_USAGE');
    expect(signerKeyUsageRule(null)).toBe('KEY_USAGE');
  });

  it('mayIssueCertificates_requiresCaAndKeyCertSignWhenRestricted', () => {
    expect(mayIssueCertificates(true, null)).toBe(true);
    expect(mayIssueCertificates(true, usage({ keyCertSign: true }))).toBe(true);
    expect(mayIssueCertificates(true, usage({ digitalSignature: true }))).toBe(false);
    expect(mayIssueCertificates(false, usage({ keyCertSign: true }))).toBe(false);
  });
});

describe('signerIdentityRule', () => {
  it('signerIdentityRule_whenNoExpectation_accepts', () => {
    expect(signerIdentityRule(undefined, null)).toBeNull();
    expect(signerIdentityRule(null, '12345678901')).toBeNull();
  });

  it('signerIdentityRule_whenSameDigits_accepts', () => {
    expect(signerIdentityRule('123-456-789 01', '12345678901')).toBeNull();
  });

  it('signerIdentityRule_whenDifferentMissingOrEmpty_rejects', () => {
    expect(signerIdentityRule('12345678902', '12345678901')).toBe('WRONG_SIGNER');
    expect(signerIdentityRule('12345678901', null)).toBe('WRONG_SIGNER');
    expect(signerIdentityRule('', '')).toBe('WRONG_SIGNER');
  });
});

describe('revocationRule', () => {
  const crl = (revokedAt: Date | null, nextUpdate: Date | null = minutes(60)) => ({
    crl: { thisUpdate: minutes(-60), nextUpdate, revokedAt },
  });

  it('revocationRule_whenListedBeforeReceipt_isRevoked', () => {
    expect(revocationRule(crl(minutes(-30)), received)).toBe('CERT_REVOKED');
    expect(revocationRule(crl(minutes(-30)), received, false)).toBe('CERT_REVOKED');
  });

  it('revocationRule_whenNotListedAndCrlCurrent_accepts', () => {
    expect(revocationRule(crl(null), received)).toBeNull();
    expect(revocationRule(crl(null, null), received)).toBeNull();
  });

  it('revocationRule_whenNoCrlOrOutdated_isUnknownUnlessOptional', () => {
    expect(revocationRule({ crl: null }, received)).toBe('REVOCATION_UNKNOWN');
    expect(revocationRule(crl(null, minutes(-1)), received)).toBe('REVOCATION_UNKNOWN');
    expect(revocationRule({ crl: null }, received, false)).toBeNull();
  });
});

describe('verdict', () => {
  const signer = (reasons: SignerReport['reasons']) => ({ reasons }) as unknown as SignerReport;

  it('orderedReasons_dedupesAndFollowsReasonCodeOrder', () => {
    expect(orderedReasons(['WRONG_SIGNER', null, 'MALFORMED', 'WRONG_SIGNER'])).toEqual([
      'MALFORMED',
      'WRONG_SIGNER',
    ]);
    expect(orderedReasons([...REASON_CODES].reverse())).toEqual([...REASON_CODES]);
  });

  it('verificationVerdict_whenNoReasons_isValid', () => {
    expect(verificationVerdict([signer([])])).toMatchObject({ valid: true, reasons: [] });
  });

  it('verificationVerdict_whenAnySignerHasReasons_isInvalidWithTheirUnion', () => {
    const result = verificationVerdict([signer(['BAD_SIGNATURE']), signer(['CERT_EXPIRED'])]);
    expect(result).toMatchObject({ valid: false, reasons: ['BAD_SIGNATURE', 'CERT_EXPIRED'] });
  });

  it('verificationVerdict_whenNoSigner_isMalformed', () => {
    expect(verificationVerdict([])).toMatchObject({ valid: false, reasons: ['MALFORMED'] });
  });
});
