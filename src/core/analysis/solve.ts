import type { BreakEven } from './types';

/**
 * The smallest x in [0, 1] where a piecewise-affine d(x) = E_SNN(x) − E_QNN(x) crosses zero, given its
 * values at increasing breakpoints (first 0, last 1), between which d is affine. Exact: no iteration.
 * E_SNN − E_QNN grows with the rate in every architecture (a spike costs the SNN more than a
 * non-zero activation costs the QNN per unit of rate); if d falls instead, the root is still found.
 */
export function breakEvenFrom(points: readonly (readonly [x: number, d: number])[]): BreakEven {
  const [x0, d0] = points[0];
  if (d0 === 0) return { kind: 'rate', rate: x0 };
  for (let i = 1; i < points.length; i++) {
    const [xa, da] = points[i - 1];
    const [xb, db] = points[i];
    if (db === 0) return { kind: 'rate', rate: xb };
    if (Math.sign(da) !== Math.sign(db)) return { kind: 'rate', rate: xa + ((xb - xa) * da) / (da - db) };
  }
  // No crossing in [0, 1]: extrapolate the outer segments to say which side s* lies on.
  if (d0 > 0) return { kind: 'never' };
  return { kind: 'always' };
}

export function breakEvenRate(b: BreakEven): number | null {
  return b.kind === 'rate' ? b.rate : null;
}

/** Where Theorem 2's density 2xT/(T+1) reaches 1: a breakpoint of every energy curve. */
export function densityKnee(T: number): number {
  return (T + 1) / (2 * T);
}

export function breakpoints(T: number): number[] {
  const knee = densityKnee(T);
  return knee > 0 && knee < 1 ? [0, knee, 1] : [0, 1];
}
