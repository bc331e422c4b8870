import { bandOf, exchangeBands, type Team } from './team';
import type { SimGraph, SimHooks, SimOp } from './types';
import { convDense, density, DENSE_FROM } from './dense';
import { avgPool, concatChannels, convolve, flattenChw, globalAvgPool, maxPool, padHw } from './kernels';
import { slotFloats, valueSlots } from './slots';
import { allocateArena, convScratchBytes, preloadWeights, releaseArena } from './wasm/heap';

export const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** Thrown by the simulator's loops when the caller's `cancelled()` says so; the worker turns it into a result. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * Every op but ReLU/IF, the same for the ANN and the SNN, on a batch of `samples` samples stored one
 * after the other: writes `out`, returns synaptic ops. A ReLU here only copies (the caller applies
 * ReLU or integrate-and-fire).
 */
export function apply(
  g: SimGraph,
  op: SimOp,
  values: readonly Float32Array[],
  out: Float32Array,
  samples: number,
  stats?: { events: number },
  team?: Team,
): number {
  switch (op.kind) {
    case 'conv':
    case 'gemm': {
      const x = values[op.input];
      // in a team, this thread's band of rows (then everyone's, team.ts), counting its share of the input's
      // events; a layer too small to split is computed whole by every thread and counted by rank 0
      const band = bandOf(team, op.conv);
      const counted = band || !team || team.rank === 0 ? stats : undefined;
      // analog inputs that are mostly non-zero go to the dense kernel (same bits as the event-driven one)
      const ops =
        analogInputs(g).has(op) && density(x) >= DENSE_FROM
          ? convDense(op.conv, x, out, samples, counted, band)
          : convolve(op.conv, x, out, samples, counted, band);
      if (band) exchangeBands(team!, op.conv, band, out, samples, () => new Cancelled());
      return band || !team || team.rank === 0 ? ops : 0;
    }
    case 'relu':
    case 'identity':
      out.set(values[op.input]);
      return 0;
    case 'add':
      addAll(
        op.inputs.map((i) => values[i]),
        out,
      );
      return 0;
    case 'concat': {
      const shapes = op.inputs.map((i) => g.shapes[i]);
      perSample(
        op.inputs.map((i) => values[i]),
        out,
        samples,
        (xs, o) => concatChannels(shapes, xs, o),
      );
      return 0;
    }
    default:
      perSample([values[op.input]], out, samples, ([x], o) => single(g, op, x, o));
      return 0;
  }
}

const ANALOG = new WeakMap<SimGraph, ReadonlySet<SimOp>>();

/**
 * Weighted ops whose input is analog rather than spikes: the network input (direct encoding), or an
 * average pooling's output (through flatten, pad and identity). Computed once per graph.
 */
export function analogInputs(g: SimGraph): ReadonlySet<SimOp> {
  let set = ANALOG.get(g);
  if (set) return set;
  const averaged = new Set<number>([g.input]);
  for (const op of g.ops)
    if ('input' in op && (op.kind === 'avgpool' || op.kind === 'gap' || (PASS.has(op.kind) && averaged.has(op.input))))
      averaged.add(op.output);
  set = new Set(g.ops.filter((op) => (op.kind === 'conv' || op.kind === 'gemm') && averaged.has(op.input)));
  ANALOG.set(g, set);
  return set;
}
const PASS = new Set<SimOp['kind']>(['flatten', 'pad', 'identity']);

/** Ops that read one input, one sample at a time. */
function single(g: SimGraph, op: SimOp, x: Float32Array, out: Float32Array): void {
  const shape = 'input' in op ? g.shapes[op.input] : [];
  if (op.kind === 'maxpool') maxPool(op.pool, x, out);
  else if (op.kind === 'avgpool') avgPool(op.pool, x, out);
  else if (op.kind === 'gap') globalAvgPool(shape, x, out);
  else if (op.kind === 'flatten') flattenChw(shape, x, out);
  else if (op.kind === 'pad') padHw(shape, op.pads, x, out);
}

function perSample(
  xs: readonly Float32Array[],
  out: Float32Array,
  samples: number,
  f: (xs: Float32Array[], out: Float32Array) => void,
): void {
  const o = out.length / samples;
  for (let b = 0; b < samples; b++) {
    const parts = xs.map((x) => x.subarray((b * x.length) / samples, ((b + 1) * x.length) / samples));
    f(parts, out.subarray(b * o, (b + 1) * o));
  }
}

function addAll(xs: readonly Float32Array[], out: Float32Array): void {
  out.set(xs[0]);
  for (let k = 1; k < xs.length; k++) {
    const v = xs[k];
    for (let i = 0; i < out.length; i++) out[i] += v[i];
  }
}

/** Samples per batch: up to 16, as many as keep one batch's activations within 64 MB. */
export function batchSize(g: SimGraph): number {
  const perSample = 4 * slotFloats(g);
  return Math.max(1, Math.min(16, Math.floor((64 << 20) / perSample)));
}

/** One buffer per value of the graph, sized for a batch (values that never live at once share memory). */
export function buffers(g: SimGraph, samples: number): Float32Array[] {
  const { floats } = valueSlots(g);
  return viewsOf(
    g,
    floats.map((f) => new Float32Array(f * samples)),
    samples,
  );
}

/** Each value's view of its slot's buffer. */
function viewsOf(g: SimGraph, slots: readonly Float32Array[], samples: number): Float32Array[] {
  const { slot } = valueSlots(g);
  return g.shapes.map((s, i) => slots[slot[i]].subarray(0, size(s) * samples));
}

/** A batch's buffers: one per graph value, and the `extra` ones asked for. */
export interface BatchBuffers {
  readonly values: Float32Array[];
  readonly extra: Float32Array[];
  /** Give WebAssembly memory back (call once the run is over, also when it throws). */
  release(): void;
}

/**
 * One buffer per graph value for a batch of B samples (values whose lifetimes do not overlap share
 * memory, slots.ts), plus `extra` buffers of the given lengths, in WebAssembly memory when it is there
 * (the WebAssembly kernels then work on them in place, without copies; the layers' weights are copied in
 * first), else in JavaScript memory. Memory stays bounded by one batch either way. The contents start
 * undefined: every op writes the whole of its output, and the caller fills what it reads first.
 */
export function batchBuffers(g: SimGraph, B: number, extra: readonly number[] = []): BatchBuffers {
  // weights first: they go where an arena would be
  for (const op of g.ops) if (op.kind === 'conv' || op.kind === 'gemm') preloadWeights(op.conv);
  const lengths = valueSlots(g).floats.map((f) => f * B);
  const arena = allocateArena([...lengths, ...extra], scratchBytes(g, B));
  if (!arena) return { values: buffers(g, B), extra: extra.map((n) => new Float32Array(n)), release: () => {} };
  return {
    values: viewsOf(g, arena.slice(0, lengths.length), B),
    extra: arena.slice(lengths.length),
    release: releaseArena,
  };
}

/** The most scratch memory one convolution of a batch of B samples may need. */
function scratchBytes(g: SimGraph, B: number): number {
  let most = 0;
  for (const op of g.ops)
    if (op.kind === 'conv' || op.kind === 'gemm')
      most = Math.max(most, convScratchBytes(op.conv, size(g.shapes[op.input]) * B, size(g.shapes[op.output]) * B));
  return most;
}

/** The first `samples` samples' part of each buffer (a last, smaller batch). */
export function firstSamples(g: SimGraph, values: readonly Float32Array[], samples: number): Float32Array[] {
  return values.map((v, i) => v.subarray(0, size(g.shapes[i]) * samples));
}

/** Samples [from, from + k) one after the other in `into` (the graph input's buffer). */
export function gather(xs: readonly Float32Array[], from: number, k: number, into: Float32Array): Float32Array {
  const n = xs[0]?.length ?? 0;
  for (let b = 0; b < k; b++) into.set(xs[from + b], b * n);
  return into.subarray(0, k * n);
}

/** Argmax of each sample's output in a batch. */
export function argmaxes(x: Float32Array, samples: number): number[] {
  const n = x.length / samples;
  return Array.from({ length: samples }, (_, b) => {
    let best = 0;
    for (let i = 1; i < n; i++) if (x[b * n + i] > x[b * n + best]) best = i;
    return best;
  });
}

/**
 * The ANN on a batch (ReLU, Clip(0, max)), into `values`; `visit` sees every ReLU's output.
 * `hooks.cancelled` is polled between ops.
 */
export function annForward(
  g: SimGraph,
  x: Float32Array,
  samples: number,
  values: Float32Array[],
  visit: (op: SimOp, out: Float32Array) => void,
  hooks: SimHooks = {},
): void {
  values[g.input] = x;
  for (let i = 0; i < g.ops.length; i++) {
    const op = g.ops[i];
    if (hooks.cancelled?.()) throw new Cancelled();
    hooks.layer?.(i);
    const out = values[op.output];
    apply(g, op, values, out, samples, undefined, hooks.team);
    if (op.kind === 'relu') {
      for (let i = 0; i < out.length; i++) out[i] = Math.min(op.max, Math.max(0, out[i]));
      visit(op, out);
    }
  }
}
