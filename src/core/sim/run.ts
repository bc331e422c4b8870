import type { SimGraph, SimOp } from './graph';
import {
  avgPool,
  concatChannels,
  padHw,
  convDense,
  convEventsJs,
  flattenChw,
  gemm,
  globalAvgPool,
  maxPool,
} from './kernels';
import { percentile } from './percentile';
import { mulberry32 } from './prng';
import { convEventsWasm, preloadWeights } from './wasm/kernel';

/** Simulator options (simulator.md); every one is a CLI flag and a setting. */
export interface SimOptions {
  readonly timesteps: number;
  /** Threshold balancing percentile p (99.9; 100 = maximum). */
  readonly thresholdPercentile: number;
  /** Initial membrane potential as a share of the threshold (0.5). */
  readonly vInit: number;
  readonly encoding: 'direct' | 'poisson';
  readonly seed: number;
  /** Multiplies every balanced threshold (default 1): forces lower spike rates, for benchmarks and what-ifs. */
  readonly thresholdScale?: number;
}

export interface SimProgress {
  readonly sample: number;
  readonly samples: number;
  readonly timestep: number;
  readonly timesteps: number;
}

export interface SimHooks {
  progress?(p: SimProgress): void;
  /** Polled between ops: return true to stop. */
  cancelled?(): boolean;
}

export interface IfLayerReport {
  /** The ReLU node's layer name. */
  readonly name: string;
  readonly neurons: number;
  readonly spikes: number;
  readonly spikeRate: number;
  readonly spikesPerNeuron: number;
  readonly threshold: number;
  /** Share of non-zero ReLU outputs in the ANN. */
  readonly annDensity: number;
}

export interface WeightedReport {
  readonly name: string;
  /** Rate of non-zero inputs per timestep (spikes for spiking inputs). */
  readonly inputSpikeRate: number;
  readonly synapticOps: number;
  readonly analogInput: boolean;
}

export interface SimResult {
  readonly samples: number;
  readonly timesteps: number;
  readonly layers: readonly IfLayerReport[];
  readonly weighted: readonly WeightedReport[];
  readonly meanSpikeRate: number;
  readonly agreement: number;
  readonly options: SimOptions;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Run the ANN (dense, ReLU) on one sample; `visit` sees every ReLU output. */
function annForward(g: SimGraph, x: Float64Array, visit?: (op: SimOp, out: Float64Array) => void): Float64Array[] {
  const values: Float64Array[] = g.shapes.map(() => new Float64Array(0));
  values[g.input] = x;
  for (const op of g.ops) {
    const out = new Float64Array(size(g.shapes[op.output]));
    apply(g, op, values, out, false);
    if (op.kind === 'relu') for (let i = 0; i < out.length; i++) out[i] = Math.min(op.max, Math.max(0, out[i]));
    values[op.output] = out;
    visit?.(op, out);
  }
  return values;
}

/** Everything but ReLU/IF, for the ANN and the SNN alike. Returns synaptic ops. */
function apply(g: SimGraph, op: SimOp, values: Float64Array[], out: Float64Array, events: boolean): number {
  switch (op.kind) {
    case 'conv':
      // the SIMD scatter skips zeros and serves analog inputs too; without WebAssembly, dense inputs gather
      return (
        convEventsWasm(op.conv, values[op.input], out) ??
        (events ? convEventsJs(op.conv, values[op.input], out) : convDense(op.conv, values[op.input], out))
      );
    case 'gemm':
      return gemm(op.w, op.b, op.inF, op.outF, values[op.input], out);
    case 'relu':
    case 'identity':
      out.set(values[op.input]);
      return 0;
    case 'maxpool':
      maxPool(op.pool, values[op.input], out);
      return 0;
    case 'avgpool':
      avgPool(op.pool, values[op.input], out);
      return 0;
    case 'gap':
      globalAvgPool(g.shapes[op.input], values[op.input], out);
      return 0;
    case 'flatten':
      flattenChw(g.shapes[op.input], values[op.input], out);
      return 0;
    case 'add':
      out.fill(0);
      for (const i of op.inputs) {
        const v = values[i];
        for (let k = 0; k < out.length; k++) out[k] += v[k];
      }
      return 0;
    case 'pad':
      padHw(g.shapes[op.input], op.pads, values[op.input], out);
      return 0;
    case 'concat':
      concatChannels(
        op.inputs.map((i) => g.shapes[i]),
        op.inputs.map((i) => values[i]),
        out,
      );
      return 0;
  }
}

function argmax(x: Float64Array): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}

/** What one ANN pass over a set of samples yields: thresholds' raw material, densities, predictions. */
interface AnnPass {
  readonly positives: Map<SimOp, number[]>;
  readonly nonZero: Map<SimOp, number>;
  readonly argmax: number[];
}

function annPass(g: SimGraph, samples: readonly Float64Array[], cancelled?: () => boolean): AnnPass {
  const positives = new Map<SimOp, number[]>();
  const nonZero = new Map<SimOp, number>();
  const predictions: number[] = [];
  for (const x of samples) {
    const values = annForward(g, x, (op, out) => {
      if (cancelled?.()) throw new Cancelled();
      if (op.kind !== 'relu') return;
      const list = positives.get(op) ?? positives.set(op, []).get(op)!;
      let nz = 0;
      for (let i = 0; i < out.length; i++)
        if (out[i] > 0) {
          list.push(out[i]);
          nz++;
        }
      nonZero.set(op, (nonZero.get(op) ?? 0) + nz);
    });
    predictions.push(argmax(values[g.output]));
  }
  return { positives, nonZero, argmax: predictions };
}

/** Threshold balancing: θ_l = p-th percentile of each ReLU's positive ANN outputs over the calibration samples. */
function thresholdsOf(g: SimGraph, pass: AnnPass, p: number): Map<SimOp, number> {
  const thresholds = new Map<SimOp, number>();
  for (const op of g.ops)
    if (op.kind === 'relu') thresholds.set(op, percentile(Float64Array.from(pass.positives.get(op) ?? []), p) || 1);
  return thresholds;
}

export function calibrate(
  g: SimGraph,
  calibration: readonly Float64Array[],
  p: number,
  cancelled?: () => boolean,
): Map<SimOp, number> {
  return thresholdsOf(g, annPass(g, calibration, cancelled), p);
}

/**
 * Convert the ANN to a rate-coded IF SNN and run it for T timesteps on each input (simulator.md):
 * v ← v + I(t); s = [v ≥ θ]; v ← v − θ·s; v(0) = α·θ; an IF layer passes θ·s on; the output layer
 * accumulates over T and predicts the argmax of the mean. Deterministic for a seed.
 */
export function simulate(
  g: SimGraph,
  inputs: readonly Float64Array[],
  calibration: readonly Float64Array[],
  opts: SimOptions,
  hooks: SimHooks = {},
): SimResult {
  for (const op of g.ops) if (op.kind === 'conv') preloadWeights(op.conv);
  // one ANN pass over the inputs gives their predictions and densities, and the thresholds when they calibrate too
  const onInputs = annPass(g, inputs, hooks.cancelled);
  const calib = calibration.length && calibration !== inputs ? annPass(g, calibration, hooks.cancelled) : onInputs;
  const thresholds = thresholdsOf(g, calib, opts.thresholdPercentile);
  if (opts.thresholdScale !== undefined) for (const [op, t] of thresholds) thresholds.set(op, t * opts.thresholdScale);
  const T = opts.timesteps;
  const spikes = new Map<SimOp, number>();
  const annNonZero = onInputs.nonZero;
  const inNonZero = new Map<SimOp, number>();
  const synOps = new Map<SimOp, number>();
  const spikeLike = spikeLikeValues(g, opts.encoding);
  const rand = mulberry32(opts.seed);
  let agree = 0;
  for (let n = 0; n < inputs.length; n++) {
    const x = inputs[n];
    const membranes = new Map<SimOp, Float64Array>();
    for (const op of g.ops)
      if (op.kind === 'relu')
        membranes.set(op, new Float64Array(size(g.shapes[op.output])).fill(opts.vInit * thresholds.get(op)!));
    const acc = new Float64Array(size(g.shapes[g.output]));
    const values: Float64Array[] = g.shapes.map((s) => new Float64Array(size(s)));
    const constant = new Map<SimOp, Float64Array>();
    for (let t = 1; t <= T; t++) {
      hooks.progress?.({ sample: n, samples: inputs.length, timestep: t, timesteps: T });
      values[g.input] = opts.encoding === 'poisson' ? poisson(x, rand) : x;
      for (const op of g.ops) {
        if (hooks.cancelled?.()) throw new Cancelled();
        const out = values[op.output];
        if (op.kind === 'conv' || op.kind === 'gemm') {
          inNonZero.set(op, (inNonZero.get(op) ?? 0) + countNonZero(values[op.input]));
          const fixed = op.input === g.input && opts.encoding === 'direct';
          const memo = fixed ? constant.get(op) : undefined;
          if (memo) {
            out.set(memo);
            continue;
          }
          synOps.set(op, (synOps.get(op) ?? 0) + apply(g, op, values, out, spikeLike[op.input]));
          if (fixed) constant.set(op, Float64Array.from(out));
        } else if (op.kind === 'relu') {
          const fired = integrateAndFire(membranes.get(op)!, values[op.input], out, thresholds.get(op)!);
          spikes.set(op, (spikes.get(op) ?? 0) + fired);
        } else apply(g, op, values, out, false);
      }
      const o = values[g.output];
      for (let i = 0; i < acc.length; i++) acc[i] += o[i];
    }
    if (argmax(acc) === onInputs.argmax[n]) agree++;
  }
  return report(g, inputs.length, opts, thresholds, spikes, annNonZero, inNonZero, synOps, agree);
}

function report(
  g: SimGraph,
  samples: number,
  opts: SimOptions,
  thresholds: Map<SimOp, number>,
  spikes: Map<SimOp, number>,
  annNonZero: Map<SimOp, number>,
  inNonZero: Map<SimOp, number>,
  synOps: Map<SimOp, number>,
  agree: number,
): SimResult {
  const T = opts.timesteps;
  let allSpikes = 0;
  let allNeurons = 0;
  const layers: IfLayerReport[] = [];
  const weighted: WeightedReport[] = [];
  for (const op of g.ops) {
    if (op.kind === 'relu') {
      const neurons = size(g.shapes[op.output]);
      const s = spikes.get(op) ?? 0;
      allSpikes += s;
      allNeurons += neurons;
      layers.push({
        name: op.name,
        neurons,
        spikes: s,
        spikeRate: s / (neurons * T * samples),
        spikesPerNeuron: s / (neurons * samples),
        threshold: thresholds.get(op)!,
        annDensity: (annNonZero.get(op) ?? 0) / (neurons * samples),
      });
    } else if (op.kind === 'conv' || op.kind === 'gemm') {
      weighted.push({
        name: op.name,
        inputSpikeRate: (inNonZero.get(op) ?? 0) / (size(g.shapes[op.input]) * T * samples),
        synapticOps: synOps.get(op) ?? 0,
        analogInput: op.input === g.input && opts.encoding === 'direct',
      });
    }
  }
  return {
    samples,
    timesteps: T,
    layers,
    weighted,
    meanSpikeRate: allNeurons ? allSpikes / (allNeurons * T * samples) : 0,
    agreement: samples ? agree / samples : 0,
    options: opts,
  };
}

/** One timestep of a layer of IF neurons: v ← v + I; spike where v ≥ θ, subtract θ there; emit θ·s. */
function integrateAndFire(v: Float64Array, current: Float64Array, out: Float64Array, theta: number): number {
  let fired = 0;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const u = v[i] + current[i];
    if (u >= theta) {
      v[i] = u - theta;
      out[i] = theta;
      fired++;
    } else {
      v[i] = u;
      out[i] = 0;
    }
  }
  return fired;
}

function countNonZero(x: Float64Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) n++;
  return n;
}

function poisson(x: Float64Array, rand: () => number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = rand() < x[i] ? 1 : 0;
  return out;
}

/** Values that carry spikes (sparse): IF outputs and what pooling/flatten/concat of them produce. */
function spikeLikeValues(g: SimGraph, encoding: 'direct' | 'poisson'): boolean[] {
  const s = g.shapes.map(() => false);
  s[g.input] = encoding === 'poisson';
  for (const op of g.ops) {
    if (op.kind === 'relu') s[op.output] = true;
    else if (op.kind === 'maxpool' || op.kind === 'flatten' || op.kind === 'identity' || op.kind === 'pad')
      s[op.output] = s[op.input];
    else if (op.kind === 'concat') s[op.output] = op.inputs.every((i) => s[i]);
  }
  return s;
}
