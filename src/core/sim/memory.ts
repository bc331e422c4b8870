import { batchSize, size } from './forward';
import { slotFloats } from './slots';
import type { SimGraph } from './types';
import { convScratchBytes } from './wasm/heap';

/** How a run is laid out over threads and batches, and the memory that takes. */
export interface RunPlan {
  readonly threads: number;
  /** Samples per batch (each thread holds one batch at a time). */
  readonly batch: number;
  /** Bytes each thread holds: one batch, percentile heaps, its copies of the biases. */
  readonly perThreadBytes: number;
  /** Of perThreadBytes, a batch's activations, membranes and scratch (the WebAssembly arena's size). */
  readonly arenaBytes: number;
  /** Bytes held once, shared by the threads: the weights, the inputs and calibration samples. */
  readonly sharedBytes: number;
  /** perThreadBytes × threads + sharedBytes. */
  readonly plannedBytes: number;
}

export interface PlanRequest {
  readonly samples: number;
  readonly calibrationSamples: number;
  /** Threads wanted (at most this many run; never more than there are samples). */
  readonly threads: number;
  readonly budgetBytes: number;
  readonly thresholdPercentile: number;
  /**
   * Fewer samples than threads: the threads share each batch (team.ts), so they are not capped by the
   * samples, and two shared exchange buffers of the largest split layer's output are held once.
   */
  readonly split?: boolean;
}

const MB = 1 << 20;
const mb = (b: number) =>
  b < 1024 ? `${b} bytes` : b < MB ? `${(b / 1024).toFixed(1)} KB` : `${(b / MB).toFixed(b < 10 * MB ? 1 : 0)} MB`;

/**
 * The weights (held once: in the WebAssembly memory all the threads share, written as the model is read),
 * what one thread holds apart from its batch (the percentile heaps, its WebAssembly copies of the small
 * arrays: biases and per-channel scales), and what each sample of a batch adds.
 */
export function memoryNeeds(
  g: SimGraph,
  samples: number,
  p: number,
): { weights: number; fixed: number; perSample: number } {
  let weights = 0;
  let copies = 0;
  let scratch = 0;
  let heaps = 0;
  let membranes = 0;
  let firstLayer = 0;
  for (const op of g.ops) {
    const inSize = 'input' in op ? size(g.shapes[op.input]) : 0;
    const outSize = size(g.shapes[op.output]);
    if (op.kind === 'conv' || op.kind === 'gemm') {
      weights += 4 * (op.conv.w.length + op.conv.b.length);
      copies += 4 * (op.conv.b.length + (op.conv.w.length <= op.conv.outC ? op.conv.w.length : 0));
      scratch = Math.max(scratch, convScratchBytes(op.conv, inSize, outSize));
      if (op.input === g.input) firstLayer += 4 * outSize;
    }
    if (op.kind === 'relu') {
      membranes += 4 * outSize;
      heaps += 8 * (Math.ceil(outSize * samples * (1 - p / 100)) + 2);
    }
  }
  const activations = 4 * slotFloats(g);
  return { weights, fixed: copies + heaps, perSample: activations + membranes + scratch + firstLayer };
}

/**
 * Threads and batch size for a run within a memory budget: as many threads as asked (and as there are
 * samples) whose weights and one-sample batches fit, then batches as large as the rest allows (at most
 * the simulator's usual batch, and no more than a thread's share of the samples). An error in words
 * when even one thread with one sample does not fit.
 */
export function planRun(g: SimGraph, r: PlanRequest): RunPlan | { error: string } {
  const perInput = 4 * size(g.inputShape);
  const { weights, fixed, perSample } = memoryNeeds(
    g,
    Math.max(r.samples, r.calibrationSamples),
    r.thresholdPercentile,
  );
  const inputs = weights + perInput * (r.samples + r.calibrationSamples);
  const exchange = r.split ? 8 * splitFloats(g) : 0;
  const shared = (b: number) => inputs + exchange * b;
  const fits = (t: number, b: number) => shared(b) + t * (fixed + b * perSample) <= r.budgetBytes;
  let threads = Math.max(1, r.split ? r.threads : Math.min(r.threads, r.samples, r.calibrationSamples || r.samples));
  while (threads > 1 && !fits(threads, 1)) threads--;
  if (!fits(threads, 1))
    return {
      error:
        `the simulation needs at least ${mb(shared(1) + fixed + perSample)} (model weights ${mb(weights)}, ` +
        `threshold statistics and biases ${mb(fixed)}, one sample's activations and membranes ${mb(perSample)}, ` +
        `the inputs ${mb(inputs - weights)}), ` +
        `more than the memory budget of ${mb(r.budgetBytes)}: raise the budget (--memory-budget, setting ` +
        `snnEnergy.simulator.memoryBudgetMB) or simulate fewer samples`,
    };
  const all = Math.max(r.samples, r.calibrationSamples);
  const share = r.split ? all : Math.ceil(all / threads);
  let batch = Math.max(1, Math.min(batchSize(g), share));
  while (batch > 1 && !fits(threads, batch)) batch--;
  const perThreadBytes = fixed + batch * perSample;
  const sharedBytes = shared(batch);
  const arenaBytes = batch * perSample;
  return {
    threads,
    batch,
    perThreadBytes,
    arenaBytes,
    sharedBytes,
    plannedBytes: sharedBytes + threads * perThreadBytes,
  };
}

/** Floats per sample of the largest output a team may split into bands (a Conv's or Gemm's). */
export function splitFloats(g: SimGraph): number {
  let most = 0;
  for (const op of g.ops)
    if (op.kind === 'conv' || op.kind === 'gemm') most = Math.max(most, size(g.shapes[op.output]));
  return most;
}
