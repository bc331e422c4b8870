/**
 * The paper's two theorems (Yan, Bai, Wong, arXiv 2409.08290).
 */

/**
 * Theorem 1: a T-step non-leaky IF SNN with reset by subtraction equals a QNN whose activations
 * have b = ⌈log2(T+1)⌉ bits. Example: activationBits(6) === 3.
 */
export function activationBits(T: number): number {
  return Math.ceil(Math.log2(T + 1));
}

/**
 * Theorem 2's average case: the SNN spike rate r that corresponds to a QNN whose activations are
 * non-zero with density ρ = 1 − γ is r = ρ (1/T + 1) / 2, so ρ = 2rT/(T+1).
 */
export function densityFromSpikeRate(r: number, T: number): number {
  return (2 * r * T) / (T + 1);
}

/** Theorem 2: r in [(1 − γ)/T, 1 − γ], average (1 − γ)(1/T + 1)/2. */
export function spikeRateBounds(gamma: number, T: number): { lower: number; upper: number; average: number } {
  const density = 1 - gamma;
  return { lower: density / T, upper: density, average: (density * (1 / T + 1)) / 2 };
}

/** In the dense regime the compute-only SNN/QNN ratio tends to T / ⌈log2(T+1)⌉. */
export function denseRegimeRatio(T: number): number {
  return T / activationBits(T);
}

/**
 * Compute-only check (v2+): with k = E_MAC / E_ACC, the SNN's compute wins iff T·r ≤ k·(1 − γ).
 */
export function computeOnlySnnWins(T: number, r: number, gamma: number, k: number): boolean {
  return T * r <= k * (1 - gamma);
}

/** Minimal k = E_MAC/E_ACC for the SNN's compute to win in Theorem 2's best, average and worst case. */
export function computeOnlyRequiredK(T: number): { best: number; average: number; worst: number } {
  return { best: 1, average: (1 + T) / 2, worst: T };
}
