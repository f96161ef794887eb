import { afterFailure, lockedFor } from './login-throttle';
import { passwordProblems } from './password-policy';
import { validatePatient } from './patient';

describe('login throttle', () => {
  const rule = { maxFailures: 5, windowMs: 15 * 60_000 };
  const t0 = new Date('2026-11-22T08:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('locks on the fifth failure within the window and unlocks after it', () => {
    let state = null;
    for (let i = 0; i < 4; i++) state = afterFailure(state, at(i * 1000), rule);
    expect(state?.lockedUntil).toBeNull();
    state = afterFailure(state, at(5000), rule);
    expect(lockedFor(state, at(6000))).toBeGreaterThan(14 * 60_000);
    expect(lockedFor(state, at(5000 + rule.windowMs))).toBe(0);
    // after the lock has passed the count starts again
    expect(afterFailure(state, at(5000 + rule.windowMs + 1), rule).failures).toBe(1);
  });

  it('forgets failures older than the window', () => {
    const old = afterFailure(null, t0, rule);
    expect(afterFailure(old, at(rule.windowMs + 1), rule).failures).toBe(1);
  });
});

describe('password policy', () => {
  it('accepts a long password with letters and other characters', () => {
    expect(passwordProblems('Demo-2026-pass', 'doctor')).toEqual([]);
  });
  it('names each problem', () => {
    expect(passwordProblems('short1', 'x')).toContain('TOO_SHORT');
    expect(passwordProblems('doctor-2026-pass', 'doctor')).toContain('CONTAINS_LOGIN');
    expect(passwordProblems('password123', 'x')).toContain('TOO_COMMON');
    expect(passwordProblems('aaaaaaaaaaaa', 'x')).toContain('TOO_SIMPLE');
    expect(passwordProblems('12345678901234', 'x')).toContain('TOO_SIMPLE');
  });
});

describe('patient card validation', () => {
  const today = new Date('2026-11-22T00:00:00Z');
  const base = { surname: ' Смирнов ', name: 'Иван', birthDate: '1980-03-15', sex: 'MALE' as const };

  it('normalises identifiers and names', () => {
    const { data, errors } = validatePatient(
      { ...base, snils: '112-233-445 95', phone: '8 913 000-00-01', omsPolicy: '5400 0000 0000 0013' },
      today,
    );
    expect(errors).toEqual([]);
    expect(data).toMatchObject({
      surname: 'Смирнов',
      snils: '11223344595',
      phone: '+79130000001',
      omsPolicy: '5400000000000013',
      omsChecksumWarning: false,
    });
  });

  it('an OMS checksum mismatch only warns', () => {
    const { data, errors } = validatePatient({ ...base, omsPolicy: '5400000000000014' }, today);
    expect(errors).toEqual([]);
    expect(data.omsChecksumWarning).toBe(true);
  });

  it('reports every bad field with a code', () => {
    const { errors } = validatePatient(
      {
        surname: '',
        name: 'Иван1',
        birthDate: '2027-01-01',
        sex: 'MALE',
        snils: '112-233-445 96',
        phone: '123',
        email: 'x@',
        omsPolicy: '123',
      },
      today,
    );
    expect(errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual(
      [
        'birthDate:DATE_RANGE',
        'email:EMAIL_FORMAT',
        'name:NAME_FORMAT',
        'omsPolicy:OMS_FORMAT',
        'phone:PHONE_FORMAT',
        'snils:SNILS_CHECKSUM',
        'surname:REQUIRED',
      ].sort(),
    );
  });

  it('rejects impossible dates', () => {
    expect(validatePatient({ ...base, birthDate: '1980-02-30' }, today).errors[0]?.code).toBe('DATE_FORMAT');
  });
});
