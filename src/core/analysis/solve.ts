import { theorem2Factor } from '../energy/theorems';
import type { BreakEven } from './types';

/**
 * The smallest x in [0, 1] where a piecewise-affine d(x) = E_SNN(x) − E_QNN(x) crosses zero, given its
 * values at increasing breakpoints (first 0, last 1), between which d is affine. Exact: no iteration.
 * E_SNN − E_QNN grows with the rate in every architecture (a spike costs the SNN more than a
 * non-zero activation costs the QNN per unit of rate); if d falls instead, the root is still found.
 */
export function breakEvenFrom(points: readonly (readonly [x: number, d: number])[]): BreakEven {
  return breakEvenAt(
    points.map((p) => p[0]),
    points.map((p) => p[1]),
  );
}

/** breakEvenFrom over parallel lists of breakpoints and values (no tuples: the analysis's hot path). */
export function breakEvenAt(xs: ArrayLike<number>, ds: ArrayLike<number>): BreakEven {
  const x0 = xs[0];
  const d0 = ds[0];
  if (d0 === 0) return { kind: 'rate', rate: x0 };
  for (let i = 1; i < xs.length; i++) {
    const xa = xs[i - 1];
    const da = ds[i - 1];
    const xb = xs[i];
    const db = ds[i];
    if (db === 0) return { kind: 'rate', rate: xb };
    if (Math.sign(da) !== Math.sign(db)) return { kind: 'rate', rate: xa + ((xb - xa) * da) / (da - db) };
  }
  // No crossing in [0, 1]: extrapolate the outer segments to say which side s* lies on.
  if (d0 > 0) return NEVER;
  return ALWAYS;
}

const NEVER: BreakEven = { kind: 'never' };
const ALWAYS: BreakEven = { kind: 'always' };

export function breakEvenRate(b: BreakEven): number | null {
  return b.kind === 'rate' ? b.rate : null;
}

/** Where Theorem 2's density reaches 1: a breakpoint of every energy curve. */
export function densityKnee(T: number): number {
  return 1 / theorem2Factor(T);
}

export function breakpoints(T: number): number[] {
  const knee = densityKnee(T);
  return knee > 0 && knee < 1 ? [0, knee, 1] : [0, 1];
}
