import type { ConvParams, PoolParams } from '../types';
import { fillBias } from '../events';
import { CONV_EVENTS_WASM } from './conv-events.wasm';

// The few WebAssembly names used here (core compiles without the DOM lib; Node, browsers and workers have them).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

export interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  conv_events(...args: number[]): number;
  integrate_and_fire(v: number, cur: number, out: number, n: number, theta: number): number;
  event_lists(...args: number[]): number;
  max_pool_2x2(x: number, out: number, outH: number, outW: number, c: number, inW: number): void;
  fill_bias(out: number, rows: number, b: number, outC: number): void;
  gemm_rows(...args: number[]): number;
}

/**
 * The SIMD kernels (conv-events.wat) with a small memory manager. WebAssembly memory holds, in order:
 * each layer's weights (copied in once, `[0, top)`); while a run holds it, an arena of Float32Arrays
 * (one batch's activations and membranes, `[top, arenaEnd)`), which the kernels read and write in
 * place; then per-call scratch (event lists, and copies of operands that live outside WebAssembly
 * memory). Growing the memory detaches every view of it, so while an arena is held the memory never
 * grows: a kernel that would need more returns undefined and the caller uses the JavaScript version,
 * which computes the same bits (as it does where WebAssembly SIMD is unavailable).
 */
let exports: Exports | null | undefined;
const weightAt = new WeakMap<Float32Array, number>();
let top = 0;
let arenaEnd = 0;
const LIMIT = 2 ** 31;

/** The instance (null without WebAssembly SIMD); internal to wasm/. */
export function instance(): Exports | null {
  if (exports !== undefined) return exports;
  try {
    const bytes = Uint8Array.from(atob(CONV_EVENTS_WASM), (c) => c.charCodeAt(0));
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
  } catch {
    exports = null;
  }
  return exports;
}

/** Make memory reach `bytes`; false when that needs growing and growing is not allowed (or beyond LIMIT). */
export function ensure(e: Exports, bytes: number, mayGrow: boolean): boolean {
  const have = e.memory.buffer.byteLength;
  if (bytes <= have) return true;
  if (!mayGrow || arenaEnd !== 0 || bytes > LIMIT) return false;
  e.memory.grow(Math.ceil((bytes - have) / 65536));
  return true;
}

export function weights(e: Exports, w: Float32Array): number | undefined {
  let at = weightAt.get(w);
  if (at === undefined) {
    // new weights go at `top`, where an arena would be
    if (arenaEnd !== 0 || top + w.byteLength > LIMIT) return undefined;
    at = top;
    if (!ensure(e, top + ((w.byteLength + 15) & ~15), true)) return undefined;
    top += (w.byteLength + 15) & ~15;
    new Float32Array(e.memory.buffer, at, w.length).set(w);
    weightAt.set(w, at);
  }
  return at;
}

/** Copy a layer's weights and bias into WebAssembly memory ahead of the run (model loading, not simulation). */
export function preloadWeights(p: ConvParams): void {
  const e = instance();
  if (e) {
    weights(e, p.w);
    weights(e, p.b);
  }
}

/** Bytes of this thread's WebAssembly memory (0 without WebAssembly): it only grows, so this is its peak. */
export function wasmMemoryBytes(): number {
  return exports ? exports.memory.buffer.byteLength : 0;
}

/** Whether the WebAssembly kernel runs here. */
export function wasmAvailable(): boolean {
  return instance() !== null;
}

/**
 * Float32Arrays of the given lengths in WebAssembly memory (not cleared: what a previous arena left there
 * stays, so a run touches no memory it does not use), with `scratch` bytes after them
 * for the kernels' per-call data; undefined without WebAssembly, beyond the memory limit, or while
 * another arena is held. Hold it for one run and give it back with releaseArena (try/finally).
 */
export function allocateArena(lengths: readonly number[], scratch: number): Float32Array[] | undefined {
  const e = instance();
  if (!e || arenaEnd !== 0) return undefined;
  let at = top;
  const offsets = lengths.map((n) => {
    const o = at;
    at += (4 * n + 15) & ~15;
    return o;
  });
  if (!ensure(e, at + scratch, true)) return undefined;
  arenaEnd = at;
  const mem = e.memory.buffer;
  return offsets.map((o, i) => new Float32Array(mem, o, lengths[i]));
}

export function releaseArena(): void {
  arenaEnd = 0;
}

function inMemory(e: Exports, a: Float32Array): boolean {
  return a.buffer === e.memory.buffer;
}

/**
 * Where a call's scratch data lives: counts, event positions, values, sample offsets (n each), one
 * channel's targets and target values (stride each), a copy of the input (xCopy floats) and the output
 * (outCopy floats) when those are not in WebAssembly memory already.
 */
export function layout(n: number, inC: number, stride: number, xCopy: number, outCopy: number) {
  const count = arenaEnd || top;
  const pos = count + 4 * inC;
  const val = pos + 4 * n;
  const smp = val + 4 * n;
  const tgt = smp + 4 * n;
  const tv = tgt + 4 * stride;
  const x = (tv + 4 * stride + 15) & ~15;
  const o = (x + 4 * xCopy + 15) & ~15;
  return { count, pos, val, smp, tgt, tv, x, out: o, end: o + 4 * outCopy };
}

/** Scratch bytes a convolution of n input floats into `out` floats may need. */
export function convScratchBytes(p: ConvParams, n: number, out: number): number {
  return 4 * (p.inC + 7 * n + out) + 64;
}

/**
 * Convolve `samples` samples at once (x and out hold them one after the other). Synaptic ops, or
 * undefined when the WebAssembly kernels are unavailable or the tensors do not fit. The event lists
 * are built by the WebAssembly scan (event_lists, the same lists as eventListsInto). x and out are
 * used in place when they live in WebAssembly memory (an arena), else copied through scratch.
 */
export function convolveWasm(
  p: ConvParams,
  x: Float32Array,
  out: Float32Array,
  samples: number,
  stats?: { events: number },
): number | undefined {
  const e = instance();
  if (!e || p.inH >= 65536 || p.inW >= 65536) return undefined;
  const w = weights(e, p.w);
  if (w === undefined) return undefined;
  const b = weights(e, p.b); // before the scratch layout: new weights move its start
  const xIn = inMemory(e, x);
  const oIn = inMemory(e, out);
  const n = x.length;
  const stride = n / p.inC;
  const at = layout(n, p.inC, stride, xIn ? 0 : n, oIn ? 0 : out.length);
  if (!ensure(e, at.end, !xIn && !oIn)) return undefined;
  const mem = e.memory.buffer;
  const xAt = xIn ? x.byteOffset : at.x;
  const oAt = oIn ? out.byteOffset : at.out;
  if (!xIn) new Float32Array(mem, xAt, n).set(x);
  new Int32Array(mem, at.count, p.inC).fill(0);
  const outPlaneBytes = (4 * out.length) / samples;
  const events = e.event_lists(
    xAt,
    stride / samples,
    p.inW,
    p.inC,
    samples,
    outPlaneBytes,
    at.pos,
    at.val,
    at.smp,
    at.count,
    stride,
  );
  if (stats) stats.events += events;
  const o = oIn ? out : new Float32Array(mem, oAt, out.length);
  if (b === undefined) fillBias(p, o);
  else e.fill_bias(oAt, out.length / p.outC, b, p.outC);
  const ops = e.conv_events(at.pos, at.val, at.smp, at.count, stride, at.tgt, at.tv, w, oAt, ...geometry(p));
  if (!oIn) out.set(o);
  return ops;
}

export function geometry(p: ConvParams): number[] {
  return [p.inC, p.outH, p.outW, p.outC, p.kh, p.kw, p.sh, p.sw, p.ph, p.pw, p.dh, p.dw, p.groups];
}

/**
 * One timestep of integrate-and-fire in WebAssembly SIMD, bit-identical to integrateAndFire (../run.ts):
 * the spikes, or undefined unless v, current and out all live in WebAssembly memory (an arena).
 */
export function integrateAndFireWasm(
  v: Float32Array,
  current: Float32Array,
  out: Float32Array,
  theta: number,
): number | undefined {
  const e = instance();
  if (!e || !inMemory(e, v) || !inMemory(e, current) || !inMemory(e, out)) return undefined;
  if (current.length !== v.length || out.length !== v.length) return undefined;
  return e.integrate_and_fire(v.byteOffset, current.byteOffset, out.byteOffset, v.length, theta);
}

/**
 * 2×2, stride 2, unpadded max pooling of one sample in WebAssembly SIMD (the same values as Math.max):
 * false unless x and out live in WebAssembly memory (an arena).
 */
export function maxPool2x2Wasm(p: PoolParams, x: Float32Array, out: Float32Array): boolean {
  const e = instance();
  if (!e || !inMemory(e, x) || !inMemory(e, out) || out.length < p.outH * p.outW * p.c) return false;
  e.max_pool_2x2(x.byteOffset, out.byteOffset, p.outH, p.outW, p.c, p.inW);
  return true;
}

/** Fills rows [m0, m0 + rows) of sample s, group g's im2col block into `col` (dense.ts). */
export type Im2col = (s: number, g: number, m0: number, rows: number, col: Float32Array) => void;

/**
 * The dense convolution with its GEMM in WebAssembly SIMD (gemm_rows): blocks of `rowsPerBlock` output
 * positions, their im2col rows written by `im2col` straight into WebAssembly memory. The same bits as
 * convDenseJs. Synaptic ops, or undefined when unavailable or it does not fit (the caller uses JavaScript).
 */
export function convDenseWasm(
  p: ConvParams,
  x: Float32Array,
  out: Float32Array,
  samples: number,
  rowsPerBlock: number,
  im2col: Im2col,
  band?: readonly [number, number],
): number | undefined {
  const e = instance();
  if (!e) return undefined;
  const w = weights(e, p.w);
  const b = w === undefined ? undefined : weights(e, p.b);
  if (w === undefined || b === undefined) return undefined;
  const xIn = inMemory(e, x);
  const oIn = inMemory(e, out);
  const cPer = p.inC / p.groups;
  const oPer = p.outC / p.groups;
  const K = cPer * p.kh * p.kw;
  const colAt = ((arenaEnd || top) + 15) & ~15;
  const copyAt = (colAt + 4 * rowsPerBlock * K + 15) & ~15;
  if (!ensure(e, copyAt + (oIn ? 0 : 4 * out.length), !xIn && !oIn)) return undefined;
  const mem = e.memory.buffer;
  const col = new Float32Array(mem, colAt, rowsPerBlock * K);
  const oAt = oIn ? out.byteOffset : copyAt;
  const positions = p.outH * p.outW;
  // a band of output rows: its positions only
  const [from, to] = band ? [band[0] * p.outW, band[1] * p.outW] : [0, positions];
  let ops = 0;
  for (let s = 0; s < samples; s++)
    for (let g = 0; g < p.groups; g++)
      for (let m0 = from; m0 < to; m0 += rowsPerBlock) {
        const rows = Math.min(rowsPerBlock, to - m0);
        im2col(s, g, m0, rows, col);
        const dst = oAt + 4 * ((s * positions + m0) * p.outC + g * oPer);
        ops += e.gemm_rows(colAt, K, rows, w + 4 * g * K * oPer, oPer, b + 4 * g * oPer, dst, p.outC);
      }
  if (!oIn) out.set(new Float32Array(mem, copyAt, out.length));
  return ops;
}
