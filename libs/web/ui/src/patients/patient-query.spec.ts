import { describe, expect, it } from '@jest/globals';
import { detectPatientQuery } from './patient-query';

describe('detectPatientQuery', () => {
  it.each([
    ['+79130000001', { kind: 'phone', value: '+79130000001' }],
    ['+7 (913) 000-00-01', { kind: 'phone', value: '+79130000001' }],
    ['8 913 000-00-01', { kind: 'phone', value: '+79130000001' }],
    ['79130000001', { kind: 'phone', value: '+79130000001' }],
    ['9130000001', { kind: 'phone', value: '+79130000001' }],
    ['112-233-445 95', { kind: 'snils', value: '11223344595' }],
    ['11223344595', { kind: 'snils', value: '11223344595' }],
    ['123 456 789 64', { kind: 'snils', value: '12345678964' }],
    ['5400000000000013', { kind: 'oms', value: '5400000000000013' }],
    ['5400 0000 0000 0013', { kind: 'oms', value: '5400000000000013' }],
  ] as const)('reads %s', (input, expected) => {
    expect(detectPatientQuery(input)).toEqual(expected);
  });

  it('refuses what is none of them', () => {
    expect(detectPatientQuery('')).toBeNull();
    expect(detectPatientQuery('Смирнов')).toBeNull();
    expect(detectPatientQuery('12345')).toBeNull();
    expect(detectPatientQuery('+0123')).toBeNull();
  });

  it('honours a kind chosen by the user', () => {
    expect(detectPatientQuery('79130000001', 'snils')).toEqual({ kind: 'snils', value: '79130000001' });
    expect(detectPatientQuery('11223344595', 'phone')).toBeNull();
    expect(detectPatientQuery('5400000000000013', 'phone')).toBeNull();
  });
});
