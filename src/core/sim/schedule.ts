/**
 * How a run is split: batches of samples handed out by a `NextBatch` (in order on one
 * thread; from a shared counter across a worker pool).
 */

/** The next batch to run, [first sample, samples], or undefined when none is left. */
export type NextBatch = () => readonly [number, number] | undefined;

/** Batches [0, B), [B, 2B), … of n samples, in order (one thread). */
export function sequentialBatches(n: number, B: number): NextBatch {
  let at = 0;
  return () => {
    if (at >= n) return undefined;
    const b = [at, Math.min(B, n - at)] as const;
    at += B;
    return b;
  };
}

/**
 * Batch k = [k·B, min(n, (k + 1)·B)) for each k that `claim()` returns (a shared counter: every
 * batch goes to exactly one caller, whichever thread asks first).
 */
export function claimedBatches(n: number, B: number, claim: () => number): NextBatch {
  return () => {
    const k = claim();
    if (k * B >= n) return undefined;
    return [k * B, Math.min(B, n - k * B)] as const;
  };
}
