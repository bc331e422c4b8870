import { describe, expect, it } from 'vitest';
import { percentile, TopPercentile } from '../../../src/core/sim/percentile';
import { mulberry32 } from '../../../src/core/sim/prng';

describe('percentile (NumPy linear)', () => {
  it.each([
    [[1, 2, 3, 4], 50, 2.5],
    [[1, 2, 3, 4], 100, 4],
    [[1, 2, 3, 4], 0, 1],
    [[10, 0, 5], 99.9, 9.99],
    [[7], 99.9, 7],
  ])('of %j at p%d is %d', (xs, p, v) => expect(percentile(Float64Array.from(xs), p)).toBeCloseTo(v, 12));
});

describe('streamed percentile over the largest values only', () => {
  it.each([99.9, 99, 90, 50, 100, 0])('equals the full sort at p%d', (p) => {
    const r = mulberry32(5);
    const all = Float64Array.from({ length: 20011 }, () => r() * 10);
    // at most 30000 values could arrive (positions × samples); 20011 positive ones did
    const top = new TopPercentile(30000, p);
    all.forEach((v) => top.push(v));
    expect(top.count).toBe(all.length);
    expect(top.value()).toBe(percentile(all.slice(), p));
  });

  it('keeps 0.1% of the possible values at p99.9 (bounded memory), and still answers exactly', () => {
    const top = new TopPercentile(1_000_000, 99.9);
    const r = mulberry32(1);
    const all = Float64Array.from({ length: 1_000_000 }, () => r());
    all.forEach((v) => top.push(v));
    // ⌈10⁶ · 0.001⌉ + 2: the values above p99.9 and the two that interpolate it
    expect(top.capacity).toBe(1002);
    expect(top.value()).toBe(percentile(all.slice(), 99.9));
  });

  it('is 0 when nothing was pushed', () => expect(new TopPercentile(10, 99.9).value()).toBe(0));
});
