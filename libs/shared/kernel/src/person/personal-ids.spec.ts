import fc from 'fast-check';
import {
  formatSnils,
  isValidSnils,
  normalizePhone,
  normalizeSnils,
  omsCheckDigit,
  omsChecksumMatches,
  snilsControl,
  snilsProblem,
} from './personal-ids';

const nineDigits = fc.stringMatching(/^\d{9}$/);
const checkedBody = nineDigits.filter((b) => Number(b) > 1001998);

describe('SNILS', () => {
  it('accepts the reference number from domain.md in every usual spelling', () => {
    for (const spelling of ['112-233-445 95', '11223344595', '112 233 445 95', '112-233-445-95']) {
      expect(isValidSnils(spelling)).toBe(true);
    }
  });

  it('computes the control number by the published rule (hand-checked cases)', () => {
    expect(snilsControl('112233445')).toBe('95');
    // sum = 100 → 00; sum = 101 → 00; sum < 100 → the sum itself
    expect(snilsControl('000000000')).toBe('00');
    expect(snilsControl('000000091')).toBe('19'); // 9*2 + 1*1
  });

  it('property: body + computed control is valid, any other control is a checksum error', () => {
    fc.assert(
      fc.property(checkedBody, fc.integer({ min: 0, max: 99 }), (body, other) => {
        const control = snilsControl(body);
        expect(snilsProblem(body + control)).toBeNull();
        const wrong = String(other).padStart(2, '0');
        if (wrong !== control) expect(snilsProblem(body + wrong)).toBe('CHECKSUM');
      }),
    );
  });

  it('property: the control number is always two digits and never 100 or 101', () => {
    fc.assert(
      fc.property(nineDigits, (body) => {
        expect(snilsControl(body)).toMatch(/^\d{2}$/);
      }),
    );
  });

  it('property: changing one digit of a valid number is detected (checked range)', () => {
    fc.assert(
      fc.property(
        checkedBody,
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const valid = body + snilsControl(body);
          const mutated =
            valid.slice(0, pos) + String((Number(valid[pos]) + delta) % 10) + valid.slice(pos + 1);
          if (Number(mutated.slice(0, 9)) > 1001998) expect(isValidSnils(mutated)).toBe(false);
        },
      ),
    );
  });

  it('does not check numbers up to 001-001-998 (issued before check digits)', () => {
    expect(isValidSnils('001-001-998 00')).toBe(true);
    expect(isValidSnils('001-001-999 00')).toBe(false);
  });

  it('rejects wrong lengths and letters as FORMAT', () => {
    for (const bad of ['', '1122334459', '112233445955', '11a23344595'])
      expect(snilsProblem(bad)).toBe('FORMAT');
  });

  it('formats and normalises round trip', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), (d) => expect(normalizeSnils(formatSnils(d))).toBe(d)),
    );
  });
});

describe('OMS policy (ЕНП)', () => {
  it('property: the computed check digit matches, any other digit does not', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{15}$/), fc.integer({ min: 0, max: 9 }), (body, d) => {
        const check = omsCheckDigit(body);
        expect(omsChecksumMatches(body + check)).toBe(true);
        if (d !== check) expect(omsChecksumMatches(body + d)).toBe(false);
      }),
    );
  });
});

describe('phone numbers', () => {
  it('normalises Russian habits to E.164', () => {
    for (const input of ['8 913 000-00-01', '+7 (913) 000 00 01', '9130000001', '79130000001']) {
      expect(normalizePhone(input)).toBe('+79130000001');
    }
  });

  it('keeps foreign numbers with a plus and rejects junk', () => {
    expect(normalizePhone('+380 44 123 4567')).toBe('+380441234567');
    for (const bad of ['', '12345', 'phone', '+0123456789', '8913000000'])
      expect(normalizePhone(bad)).toBeNull();
  });
});
