import { describe, expect, it } from 'vitest';
import { bands, niceTicks, stepOf } from './scale';

describe('scales', () => {
  it('places bands in order, inside the range', () => {
    const b = bands(['a', 'b', 'c'], 0, 100, 0.2);
    expect(b.x('a')).toBeGreaterThan(0);
    expect(b.x('b')).toBeGreaterThan(b.x('a'));
    expect(b.x('c') + b.width).toBeLessThanOrEqual(100);
  });
  it('rounds the top of the axis and ticks in whole steps', () => {
    expect(niceTicks(6)).toEqual({ top: 6, ticks: [0, 2, 4, 6] });
    expect(niceTicks(31)).toEqual({ top: 40, ticks: [0, 10, 20, 30, 40] });
    expect(niceTicks(1)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceTicks(0).top).toBe(1);
  });
  it('puts counts on four steps', () => {
    expect([0, 1, 2, 3, 4].map((v) => stepOf(v, 4))).toEqual([0, 1, 2, 3, 4]);
    expect(stepOf(1, 1)).toBe(1);
    expect(stepOf(10, 10)).toBe(4);
  });
});
