import { describe, expect, it } from 'vitest';
import {
  computeOnlyRequiredK,
  computeOnlySnnWins,
  denseRegimeRatio,
  densityFromSpikeRate,
  spikeRateBounds,
} from '../../../src/core/energy/theorems';

describe('Theorem 2', () => {
  it('bounds the spike rate of a T=5 SNN whose QNN twin has 55% sparsity to [0.09, 0.45], average 0.27', () => {
    const b = spikeRateBounds(0.55, 5);
    // by hand: (1 − 0.55)/5 = 0.09; 1 − 0.55 = 0.45; 0.45·(1/5 + 1)/2 = 0.27
    expect(Math.abs(b.lower - 0.09)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(b.upper - 0.45)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(b.average - 0.27)).toBeLessThanOrEqual(1e-9);
  });

  it('inverts the average case: ρ = 2rT/(T+1)', () => {
    expect(Math.abs(densityFromSpikeRate(0.27, 5) - 0.45)).toBeLessThanOrEqual(1e-12);
  });
});

describe('compute-only check (v2+)', () => {
  it.each([
    [3, 1.5],
    [7, 7 / 3],
    [15, 3.75],
  ])('the dense-regime ratio at T=%i is T/⌈log2(T+1)⌉ = %f', (T, r) => {
    expect(Math.abs(denseRegimeRatio(T) - r)).toBeLessThanOrEqual(1e-9);
  });

  it('needs k ≥ 1, (1+T)/2 and T in the best, average and worst case', () => {
    expect(computeOnlyRequiredK(6)).toEqual({ best: 1, average: 3.5, worst: 6 });
  });

  it('says the SNN wins iff T·r ≤ k·(1 − γ)', () => {
    // k = E_MAC/E_ACC = 0.23/0.03 at 45 nm (Horowitz); γ = 0.55; T = 6
    const k = 0.23 / 0.03;
    expect(computeOnlySnnWins(6, (k * 0.45) / 6 - 1e-9, 0.55, k)).toBe(true);
    expect(computeOnlySnnWins(6, (k * 0.45) / 6 + 1e-9, 0.55, k)).toBe(false);
  });
});
