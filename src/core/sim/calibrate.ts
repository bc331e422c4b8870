import type { SimGraph, SimOp } from './types';
import { annForward, argmaxes, batchBuffers, batchSize, firstSamples, gather, size } from './forward';
import { TopPercentile, type TopSnapshot } from './percentile';
import { sequentialBatches, type NextBatch } from './schedule';
import type { SimHooks } from './types';

/** What one ANN pass over a set of samples yields. */
export interface AnnPass {
  /** Per ReLU: the p-th percentile of its positive outputs over all samples and positions. */
  readonly percentiles: Map<SimOp, number>;
  /** Per ReLU: non-zero outputs over all samples. */
  readonly nonZero: Map<SimOp, number>;
  /** The ANN's prediction per sample. */
  readonly argmax: ArrayLike<number>;
}

/**
 * One shard's share of an ANN pass (the batches its `next` handed it), in plain arrays that a worker
 * can post: per ReLU (in graph order) its kept largest outputs and non-zero count; per sample of the
 * whole set its prediction, −1 for samples other shards ran.
 */
export interface AnnPartial {
  readonly tops: readonly TopSnapshot[];
  readonly nonZero: readonly number[];
  readonly argmax: Int32Array;
}

const reluOps = (g: SimGraph): SimOp[] => g.ops.filter((op) => op.kind === 'relu');

/**
 * Run the ANN over the batches `next` hands out, B samples at most each: memory holds one batch's
 * activations plus, per ReLU, the few largest outputs the percentile of all `samples` needs.
 */
export function annPartial(
  g: SimGraph,
  samples: readonly Float32Array[],
  p: number,
  next: NextBatch,
  B: number,
  hooks: SimHooks = {},
): AnnPartial {
  const relus = reluOps(g);
  const tops = new Map(relus.map((op) => [op, new TopPercentile(size(g.shapes[op.output]) * samples.length, p)]));
  const nonZero = new Map(relus.map((op) => [op, 0]));
  const argmax = new Int32Array(samples.length).fill(-1);
  // in a team (threads sharing each batch) rank 0 alone keeps statistics and counts
  const counting = !hooks.team || hooks.team.rank === 0;
  const visit = (op: SimOp, out: Float32Array) => {
    if (!counting) return;
    const top = tops.get(op)!;
    const before = top.count;
    for (let i = 0; i < out.length; i++) if (out[i] > 0) top.push(out[i]);
    nonZero.set(op, nonZero.get(op)! + top.count - before);
  };
  const bufs = batchBuffers(g, B);
  try {
    const full = bufs.values;
    for (let batch = next(); batch; batch = next()) {
      const [b0, k] = batch;
      hooks.progress?.({
        phase: 'calibration',
        sample: b0,
        samples: samples.length,
        timestep: 0,
        timesteps: 0,
        batchSize: k,
      });
      const values = k === B ? full.slice() : firstSamples(g, full, k);
      const x = gather(samples, b0, k, full[g.input]);
      annForward(g, x, k, values, visit, hooks);
      if (!counting) continue;
      argmaxes(values[g.output], k).forEach((c, b) => (argmax[b0 + b] = c));
      hooks.done?.(k);
    }
  } finally {
    bufs.release();
  }
  return { tops: relus.map((op) => tops.get(op)!.snapshot()), nonZero: relus.map((op) => nonZero.get(op)!), argmax };
}

/** The whole pass from its shards (any split of the samples gives the same result). */
export function mergeAnn(g: SimGraph, parts: readonly AnnPartial[], p: number, samples: number): AnnPass {
  const relus = reluOps(g);
  const percentiles = new Map<SimOp, number>();
  const nonZero = new Map<SimOp, number>();
  relus.forEach((op, i) => {
    const maxCount = size(g.shapes[op.output]) * samples;
    percentiles.set(
      op,
      TopPercentile.merged(
        maxCount,
        p,
        parts.map((part) => part.tops[i]),
      ).value(),
    );
    nonZero.set(
      op,
      parts.reduce((a, part) => a + part.nonZero[i], 0),
    );
  });
  const argmax = new Int32Array(samples).fill(-1);
  for (const part of parts) part.argmax.forEach((c, s) => c >= 0 && (argmax[s] = c));
  return { percentiles, nonZero, argmax };
}

/** The ANN over all samples on this thread, a batch at a time. */
export function annPass(g: SimGraph, samples: readonly Float32Array[], p: number, hooks: SimHooks = {}): AnnPass {
  const B = batchSize(g);
  const part = annPartial(g, samples, p, sequentialBatches(samples.length, B), B, hooks);
  return mergeAnn(g, [part], p, samples.length);
}

/**
 * Threshold balancing (simulator.md, Conversion 3): θ_l = the p-th percentile of ReLU l's positive
 * ANN outputs over the calibration samples; 1 for a ReLU that never fired. `scale` multiplies every θ
 * (forcing lower spike rates for benchmarks and what-ifs).
 */
export function thresholdsOf(g: SimGraph, pass: AnnPass, scale = 1): Map<SimOp, number> {
  const thresholds = new Map<SimOp, number>();
  for (const op of g.ops) if (op.kind === 'relu') thresholds.set(op, (pass.percentiles.get(op) || 1) * scale);
  return thresholds;
}

/** The balanced thresholds for a set of calibration samples. */
export function calibrate(
  g: SimGraph,
  calibration: readonly Float32Array[],
  p: number,
  cancelled?: () => boolean,
): Map<SimOp, number> {
  return thresholdsOf(g, annPass(g, calibration, p, { cancelled }));
}
