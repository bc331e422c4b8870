import type { ActionTable } from '../energy/action-energy';
import { theorem2Factor } from '../energy/theorems';
import type { BreakEven } from './types';

/**
 * The smallest x in [0, 1] where a piecewise-affine d(x) = E_SNN(x) − E_QNN(x) crosses zero, given its
 * values at increasing breakpoints (first 0, last 1), between which d is affine. Exact: no iteration.
 * d need not be monotone (Theorem 2's density bends E_QNN, the cheaper-of-two dataflow bends E_SNN): the
 * first sign change is found, exactly, as long as every kink is a breakpoint (see `breakpoints`).
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

/**
 * Where a layer consuming rate x switches from the sparse to the dense SNN dataflow (the cheaper of the two):
 * x·E(spike delivery) = E(dense delivery). Undefined when the dense dataflow is not allowed or never/always wins.
 */
export function dataflowKnee(t: ActionTable): number | undefined {
  const x = t.denseDelivery / t.snn.spikeDelivery.total;
  return x > 0 && x < 1 ? x : undefined;
}

/**
 * The rates between which every layer's E_SNN − E_QNN is affine: 0, Theorem 2's knee, the dataflow knees of
 * the given action tables (one per weight width in use), 1. Sorted, without duplicates.
 */
export function breakpoints(T: number, tables: Iterable<ActionTable> = []): number[] {
  const xs = [0, 1];
  const add = (x: number | undefined) => {
    if (x !== undefined && x > 0 && x < 1 && !xs.includes(x)) xs.push(x);
  };
  add(densityKnee(T));
  for (const t of tables) add(dataflowKnee(t));
  return xs.sort((a, b) => a - b);
}
