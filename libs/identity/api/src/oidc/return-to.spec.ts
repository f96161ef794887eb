import { loginErrorUrl, safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    ['/patient/', '/patient/'],
    ['/patient/consultations/42?tab=chat#top', '/patient/consultations/42?tab=chat#top'],
    ['/patient/a/./b', '/patient/a/b'],
  ])('keeps %s inside the app', (input, expected) => {
    expect(safeReturnTo('patient', input)).toBe(expected);
  });

  it.each([
    undefined,
    '',
    'https://evil.example',
    'https://evil.example/patient/',
    '//evil.example/patient/',
    '/\\evil.example',
    '/patient\\..\\..\\evil',
    '/patient/../doctor/',
    '/patient/%2e%2e/doctor/',
    '/doctor/',
    'patient/',
    '/patient/\r\nSet-Cookie: x=1',
    'javascript:alert(1)',
    `/patient/${'a'.repeat(600)}`,
  ])('refuses %j and falls back to the app home', (input) => {
    expect(safeReturnTo('patient', input)).toBe('/patient/');
  });

  it('defaults per app', () => {
    expect(safeReturnTo('doctor', undefined)).toBe('/doctor/');
    expect(safeReturnTo('coordinator', '/patient/')).toBe('/coordinator/');
  });

  it('builds the login error address', () => {
    expect(loginErrorUrl('doctor', 'AUTH.NO_ACCOUNT')).toBe('/doctor/login?loginError=AUTH.NO_ACCOUNT');
  });
});
