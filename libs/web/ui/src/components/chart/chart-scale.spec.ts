import { describe, expect, it } from '@jest/globals';
import { chartScale, pickTicks } from './chart-scale';

describe('chartScale', () => {
  it('gives an empty chart an axis up to 1', () => {
    expect(chartScale([])).toEqual({ max: 1, ticks: [0, 1] });
    expect(chartScale([0, 0])).toEqual({ max: 1, ticks: [0, 1] });
  });

  it('uses whole steps of 1, 2 or 5 × 10ⁿ', () => {
    expect(chartScale([3])).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(chartScale([7, 2])).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(chartScale([37])).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(chartScale([1234]).max).toBe(1500);
  });
});

describe('pickTicks', () => {
  it('labels every category when there are few', () => {
    expect(pickTicks(3, 6)).toEqual([0, 1, 2]);
  });

  it('spreads the labels over many categories', () => {
    expect(pickTicks(24, 6)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(pickTicks(0, 6)).toEqual([]);
  });
});
