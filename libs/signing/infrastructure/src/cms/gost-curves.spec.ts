import { GOST_CURVES } from './gost-curves';

describe('GOST_CURVES', () => {
  it.each(Object.entries(GOST_CURVES))(
    '%s (%s): the base point lies on the curve and q is its size',
    (_oid, curve) => {
      const [p, a, b, q, x, y] = [curve.p, curve.a, curve.b, curve.q, curve.x, curve.y].map((v) =>
        BigInt(v),
      ) as [bigint, bigint, bigint, bigint, bigint, bigint];
      expect((y * y - (x * x * x + a * x + b)) % p).toBe(0n);
      expect(q.toString(2).length).toBeGreaterThan(curve.bits - 4);
      expect(q.toString(2).length).toBeLessThanOrEqual(curve.bits);
    },
  );

  it('tc26_256_A_isNotTheCryptoProACurve', () => {
    expect(GOST_CURVES['1.2.643.7.1.2.1.1.1']!.a).not.toBe(GOST_CURVES['1.2.643.2.2.35.1']!.a);
    expect(GOST_CURVES['1.2.643.7.1.2.1.1.2']).toMatchObject({ a: GOST_CURVES['1.2.643.2.2.35.1']!.a });
  });
});
