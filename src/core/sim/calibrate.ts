import type { SimGraph, SimOp } from './types';
import { annForward, argmaxes, batchBuffers, batchSize, firstSamples, gather, size } from './forward';
import { TopPercentile } from './percentile';

/** What one ANN pass over a set of samples yields. */
export interface AnnPass {
  /** Per ReLU: the p-th percentile of its positive outputs over all samples and positions. */
  readonly percentiles: Map<SimOp, number>;
  /** Per ReLU: non-zero outputs over all samples. */
  readonly nonZero: Map<SimOp, number>;
  /** The ANN's prediction per sample. */
  readonly argmax: number[];
}

/**
 * Run the ANN over the samples, a batch at a time: memory holds one batch's activations plus, per
 * ReLU, the few largest outputs the percentile needs.
 */
export function annPass(g: SimGraph, samples: readonly Float32Array[], p: number, cancelled?: () => boolean): AnnPass {
  const tops = new Map<SimOp, TopPercentile>();
  const nonZero = new Map<SimOp, number>();
  for (const op of g.ops)
    if (op.kind === 'relu') {
      tops.set(op, new TopPercentile(size(g.shapes[op.output]) * samples.length, p));
      nonZero.set(op, 0);
    }
  const predictions: number[] = [];
  const B = batchSize(g);
  const visit = (op: SimOp, out: Float32Array) => {
    const top = tops.get(op)!;
    const before = top.count;
    for (let i = 0; i < out.length; i++) if (out[i] > 0) top.push(out[i]);
    nonZero.set(op, nonZero.get(op)! + top.count - before);
  };
  const bufs = batchBuffers(g, B);
  try {
    const full = bufs.values;
    for (let b0 = 0; b0 < samples.length; b0 += B) {
      const k = Math.min(B, samples.length - b0);
      const values = k === B ? full.slice() : firstSamples(g, full, k);
      const x = gather(samples, b0, k, full[g.input]);
      annForward(g, x, k, values, visit, cancelled);
      predictions.push(...argmaxes(values[g.output], k));
    }
  } finally {
    bufs.release();
  }
  const percentiles = new Map([...tops].map(([op, t]) => [op, t.value()]));
  return { percentiles, nonZero, argmax: predictions };
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
  return thresholdsOf(g, annPass(g, calibration, p, cancelled));
}
