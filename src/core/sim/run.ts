import { annPass, thresholdsOf } from './calibrate';
import { apply, argmaxes, batchBuffers, batchSize, Cancelled, firstSamples, gather, size } from './forward';
import type { SimGraph, SimHooks, SimOp, SimOptions } from './types';
import { mulberry32 } from './prng';
import { report, type Counts, type SimResult } from './result';
import { sequentialBatches, type NextBatch } from './schedule';
import { integrateAndFireWasm } from './wasm/kernel';

export { Cancelled } from './forward';
export { calibrate } from './calibrate';
export type { IfLayerReport, SimResult, WeightedReport } from './result';
export type { SimHooks, SimOptions, SimProgress } from './types';

/**
 * Convert the ANN to a rate-coded IF SNN and run it for T timesteps on each input (simulator.md):
 * v ← v + I(t); s = [v ≥ θ]; v ← v − θ·s; v(0) = α·θ; an IF layer passes θ·s on; the output layer
 * accumulates over T and predicts the argmax of the mean. On this thread, a batch at a time (the
 * worker pool in src/node runs the same shards on several); deterministic for a seed. Float32
 * arithmetic throughout (the same bits with or without WebAssembly).
 */
export function simulate(
  g: SimGraph,
  inputs: readonly Float32Array[],
  calibration: readonly Float32Array[],
  opts: SimOptions,
  hooks: SimHooks = {},
): SimResult {
  const p = opts.thresholdPercentile;
  // one ANN pass over the inputs gives their predictions and densities, and the thresholds when they calibrate too
  const onInputs = annPass(g, inputs, p, hooks);
  const calib = calibration.length && calibration !== inputs ? annPass(g, calibration, p, hooks) : onInputs;
  const thresholds = thresholdsOf(g, calib, opts.thresholdScale ?? 1);
  const B = batchSize(g);
  const next = sequentialBatches(inputs.length, B);
  const part = snnPartial(g, inputs, thresholds, onInputs.argmax, opts, next, B, hooks);
  return report(g, inputs.length, opts, thresholds, onInputs.nonZero, mergeSnn(g, [part]));
}

/** One shard's counts, per op index of the graph (plain arrays a worker can post), and its agreeing samples. */
export interface SnnPartial {
  readonly spikes: readonly number[];
  readonly inNonZero: readonly number[];
  readonly synOps: readonly number[];
  readonly agree: number;
}

/** Per op index: the IF layer's threshold, NaN for other ops (to post to workers). */
export function thresholdList(g: SimGraph, thresholds: ReadonlyMap<SimOp, number>): number[] {
  return g.ops.map((op) => thresholds.get(op) ?? NaN);
}

export function thresholdMap(g: SimGraph, list: readonly number[]): Map<SimOp, number> {
  return new Map(g.ops.flatMap((op, i) => (op.kind === 'relu' ? [[op, list[i]] as const] : [])));
}

/**
 * The SNN on the batches `next` hands out (B samples at most each): the counts of those samples.
 * `annArgmax` holds the ANN's prediction per sample of the whole set. Counts are integers, so the
 * shards of any split add up to exactly the counts of one thread.
 */
export function snnPartial(
  g: SimGraph,
  inputs: readonly Float32Array[],
  thresholds: ReadonlyMap<SimOp, number>,
  annArgmax: ArrayLike<number>,
  opts: SimOptions,
  next: NextBatch,
  B: number,
  hooks: SimHooks = {},
): SnnPartial {
  const counts: Counts = { spikes: new Map(), inNonZero: new Map(), synOps: new Map(), agree: 0 };
  // one batch's activations and membranes, in WebAssembly memory when it is there (the kernels then work in place)
  const ifOps = [...thresholds.keys()];
  const bufs = batchBuffers(
    g,
    B,
    ifOps.map((op) => size(g.shapes[op.output]) * B),
  );
  try {
    const membranes = new Map(ifOps.map((op, i) => [op, bufs.extra[i]]));
    const run: Run = {
      g,
      thresholds,
      counts,
      full: bufs.values,
      membranes,
      batch: B,
      opts,
      hooks,
      samples: inputs.length,
    };
    for (let batch = next(); batch; batch = next()) {
      const [b0, k] = batch;
      const predictions = argmaxes(runBatch(run, inputs, b0, k), k);
      if (counting(hooks)) predictions.forEach((c, b) => c === annArgmax[b0 + b] && counts.agree++);
    }
  } finally {
    bufs.release();
  }
  const byIndex = (m: Map<SimOp, number>) => g.ops.map((op) => m.get(op) ?? 0);
  return {
    spikes: byIndex(counts.spikes),
    inNonZero: byIndex(counts.inNonZero),
    synOps: byIndex(counts.synOps),
    agree: counts.agree,
  };
}

/** The counts of a whole run from its shards. */
export function mergeSnn(g: SimGraph, parts: readonly SnnPartial[]): Counts {
  const sum = (f: (p: SnnPartial) => readonly number[]) =>
    new Map(g.ops.map((op, i) => [op, parts.reduce((a, p) => a + f(p)[i], 0)]));
  return {
    spikes: sum((p) => p.spikes),
    inNonZero: sum((p) => p.inNonZero),
    synOps: sum((p) => p.synOps),
    agree: parts.reduce((a, p) => a + p.agree, 0),
  };
}

/** Everything a run shares across batches. */
interface Run {
  readonly g: SimGraph;
  readonly thresholds: ReadonlyMap<SimOp, number>;
  readonly counts: Counts;
  /** One buffer per graph value (one batch's activations). */
  readonly full: Float32Array[];
  /** Per IF layer, its membranes' buffer (a batch). */
  readonly membranes: ReadonlyMap<SimOp, Float32Array>;
  /** Samples per batch. */
  readonly batch: number;
  readonly opts: SimOptions;
  readonly hooks: SimHooks;
  readonly samples: number;
}

/** One batch's state: membrane potentials, and currents that do not change over time. */
interface BatchState {
  readonly values: Float32Array[];
  readonly samples: number;
  readonly membranes: Map<SimOp, Float32Array>;
  readonly fixed: Map<SimOp, { readonly current: Float32Array; readonly events: number }>;
}

/** Samples [b0, b0 + k) for T timesteps; returns their outputs summed over time. */
function runBatch(run: Run, inputs: readonly Float32Array[], b0: number, k: number): Float32Array {
  const { g, opts, hooks } = run;
  const values = k === run.batch ? run.full.slice() : firstSamples(g, run.full, k);
  const state: BatchState = { values, samples: k, membranes: new Map(), fixed: new Map() };
  for (const [op, theta] of run.thresholds)
    state.membranes.set(
      op,
      run.membranes
        .get(op)!
        .subarray(0, size(g.shapes[op.output]) * k)
        .fill(opts.vInit * theta),
    );
  const x = gather(inputs, b0, k, run.full[g.input]);
  const acc = new Float32Array(size(g.shapes[g.output]) * k);
  // Poisson: every sample draws from its own stream, so results do not depend on batching
  const rands = Array.from({ length: k }, (_, b) => sampleStream(opts.seed, b0 + b));
  for (let t = 1; t <= opts.timesteps; t++) {
    hooks.progress?.({
      phase: 'simulation',
      sample: b0,
      samples: run.samples,
      timestep: t,
      timesteps: opts.timesteps,
      batchSize: k,
    });
    state.values[g.input] = opts.encoding === 'poisson' ? poisson(x, k, rands) : x;
    for (let i = 0; i < g.ops.length; i++) {
      if (hooks.cancelled?.()) throw new Cancelled();
      hooks.layer?.(i);
      step(run, g.ops[i], state);
    }
    const o = state.values[g.output];
    for (let i = 0; i < acc.length; i++) acc[i] += o[i];
    if (counting(hooks)) hooks.done?.(k);
  }
  return acc;
}

/** The Poisson stream of sample n: mulberry32 seeded with seed + n·0x9E3779B9 (mod 2³²). */
export function sampleStream(seed: number, n: number): () => number {
  return mulberry32((seed + Math.imul(n, 0x9e3779b9)) >>> 0);
}

function step(run: Run, op: SimOp, state: BatchState): void {
  const { g, counts } = run;
  const { values, samples } = state;
  const out = values[op.output];
  if (op.kind === 'relu') {
    const v = state.membranes.get(op)!;
    const theta = run.thresholds.get(op)!;
    const fired =
      integrateAndFireWasm(v, values[op.input], out, theta) ?? integrateAndFire(v, values[op.input], out, theta);
    if (counting(run.hooks)) add(counts.spikes, op, fired);
    return;
  }
  if (op.kind !== 'conv' && op.kind !== 'gemm') {
    apply(g, op, values, out, samples);
    return;
  }
  const memo = state.fixed.get(op);
  if (memo) {
    out.set(memo.current);
    add(counts.inNonZero, op, memo.events);
    return;
  }
  const stats = { events: 0 };
  add(counts.synOps, op, apply(g, op, values, out, samples, stats, run.hooks.team));
  add(counts.inNonZero, op, stats.events);
  // with direct encoding the first layer sees the same input every step: its current is computed once
  if (op.input === g.input && run.opts.encoding === 'direct')
    state.fixed.set(op, { current: Float32Array.from(out), events: stats.events });
}
/** Whether this thread counts what every thread of its team computes (rank 0 does; alone, it does). */
function counting(hooks: SimHooks): boolean {
  return !hooks.team || hooks.team.rank === 0;
}

function add(m: Map<SimOp, number>, op: SimOp, k: number): void {
  m.set(op, (m.get(op) ?? 0) + k);
}

/**
 * One timestep of a layer of IF neurons: v ← v + I; spike where v ≥ θ, subtract θ there; emit θ·s.
 * Float32 like the rest (θ rounded to float32 once). Returns the spikes.
 */
export function integrateAndFire(v: Float32Array, current: Float32Array, out: Float32Array, theta: number): number {
  const th = Math.fround(theta);
  let fired = 0;
  for (let i = 0, n = v.length; i < n; i++) {
    const u = Math.fround(v[i] + current[i]);
    const s = u >= th ? 1 : 0; // branch-free: spikes are unpredictable
    v[i] = u - s * th;
    out[i] = s * th;
    fired += s;
  }
  return fired;
}

/** Bernoulli spikes with probability = the pixel value: one draw per input element, in HWC order, per sample. */
function poisson(x: Float32Array, samples: number, rands: readonly (() => number)[]): Float32Array {
  const out = new Float32Array(x.length);
  const n = x.length / samples;
  for (let b = 0, i = 0; b < samples; b++) {
    const rand = rands[b];
    for (let j = 0; j < n; j++, i++) out[i] = rand() < x[i] ? 1 : 0;
  }
  return out;
}
