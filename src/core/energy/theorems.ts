/**
 * The paper's two theorems (Yan, Bai, Wong, arXiv 2409.08290), as the analysis uses them.
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
 * non-zero with density ρ = 1 − γ is r = ρ (1/T + 1) / 2, so ρ = 2rT/(T+1), at most 1. The one
 * density the energy model, the break-even solver and the per-synapse view use.
 */
export function theorem2Density(r: number, T: number): number {
  return Math.min(1, r * theorem2Factor(T));
}

/** ρ / r in Theorem 2's average case: 2T/(T+1) (also the paper's v1 weight fetches per inference). */
export function theorem2Factor(T: number): number {
  return (2 * T) / (T + 1);
}
