// WebAssembly memory for the simulator's kernels (kernel.ts): one shared memory per simulation, blocks from a
// shared bump pointer, the weights, arenas and scratch.
import type { ConvParams } from '../types';
import { CONV_EVENTS_WASM } from './conv-events.wasm';

// The few WebAssembly names used here (core compiles without the DOM lib; Node, browsers and workers have them).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => SharedMemory;
};

/** A shared WebAssembly.Memory: one per simulation, used by all its threads. */
export interface SharedMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}

export interface Exports {
  conv_events(...args: number[]): number;
  integrate_and_fire(v: number, cur: number, out: number, n: number, theta: number): number;
  event_lists(...args: number[]): number;
  max_pool_2x2(x: number, out: number, outH: number, outW: number, c: number, inW: number): void;
  fill_bias(out: number, rows: number, b: number, outC: number): void;
  gemm_rows(...args: number[]): number;
}

/**
 * The SIMD kernels (conv-events.wat) with a small memory manager. The module imports a shared memory, so a
 * simulation's threads can use one: the lead makes it (instance()), helpers are given it (useMemory), and
 * the layers' weights, written there once as the model is read (weightFloats), serve every thread. Threads
 * reserve blocks from a shared bump pointer (the int32 at byte 0; a block is never given back while the
 * memory lives): weights copied in later (weights()), and per thread one block that holds, while a run
 * holds it, an arena of Float32Arrays (one batch's activations and membranes), which the kernels read and
 * write in place, then per-call scratch (event lists, and copies of operands that live outside
 * WebAssembly memory). A shared memory grows without detaching any view. Whatever does not fit (the 2 GB
 * limit, or an arena's scratch) returns undefined and the caller uses the JavaScript version, which
 * computes the same bits (as it does where WebAssembly SIMD is unavailable).
 */
let memory: SharedMemory | undefined;
let exports: Exports | null | undefined;
const weightAt = new WeakMap<Float32Array, number>();
/** This thread's block for its arena and scratch. */
let region = { start: 0, end: 0 };
let arenaEnd = 0;
let arenaBuffer: SharedArrayBuffer | undefined;
const MAX_PAGES = 32768;
const LIMIT = 2 ** 31 - 2 ** 16;
const HEADER = 64;

/** Use this shared memory (the lead's) instead of a new one; before the first kernel call of the thread. */
export function useMemory(m: SharedMemory): void {
  if (exports === undefined) memory = m;
}

/** The instance (null without WebAssembly SIMD or shared memory); internal to wasm/. */
export function instance(): Exports | null {
  if (exports !== undefined) return exports;
  try {
    const bytes = Uint8Array.from(atob(CONV_EVENTS_WASM), (c) => c.charCodeAt(0));
    if (!memory) {
      memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
      Atomics.store(new Int32Array(memory.buffer, 0, 1), 0, HEADER);
    }
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as Exports;
  } catch {
    exports = null;
  }
  return exports;
}

/** The memory the kernels run on, for other threads of this simulation (undefined without WebAssembly). */
export function sharedMemory(): SharedMemory | undefined {
  return instance() ? memory : undefined;
}

/** The memory's current buffer (internal to wasm/). */
export function buffer(): SharedArrayBuffer {
  return memory!.buffer;
}

/** A new block of `bytes` (16-byte aligned) from the shared bump pointer, the memory grown to hold it. */
function reserve(bytes: number): number | undefined {
  const size = (bytes + 15) & ~15;
  for (;;) {
    const at = Atomics.load(new Int32Array(buffer(), 0, 1), 0);
    if (at + size > LIMIT) return undefined;
    const moved = advance(at, at + size);
    if (moved !== 'taken') return moved ? at : undefined;
  }
}

/**
 * Move the shared bump pointer from `from` to `to` and grow the memory to hold it: true, false when it cannot
 * grow, 'taken' when another thread moved the pointer first.
 */
function advance(from: number, to: number): boolean | 'taken' {
  if (Atomics.compareExchange(new Int32Array(buffer(), 0, 1), 0, from, to) !== from) return 'taken';
  return reach(to);
}

/** Grow the memory (if another thread has not already) until it holds `end` bytes. */
function reach(end: number): boolean {
  for (let have = buffer().byteLength; have < end; have = buffer().byteLength)
    try {
      memory!.grow(Math.ceil((end - have) / 65536));
    } catch {
      return buffer().byteLength >= end;
    }
  return true;
}

/**
 * Make this thread's block hold `bytes`: longer where it is when it is the last block taken (what it holds
 * stays, and its pages are already touched), else a new one, at least twice as large.
 */
function own(bytes: number): boolean {
  if (region.end - region.start >= bytes) return true;
  const end = region.start + ((bytes + 15) & ~15);
  if (region.end > 0 && end <= LIMIT && advance(region.end, end) === true) {
    region = { start: region.start, end };
    return true;
  }
  for (const size of [Math.max(bytes, 2 * (region.end - region.start)), bytes]) {
    const at = reserve(size);
    if (at === undefined) continue;
    region = { start: at, end: at + size };
    return true;
  }
  return false;
}

/** Where `w` is in WebAssembly memory, copied there the first time (undefined when there is no room). */
export function weights(w: Float32Array): number | undefined {
  let at = weightAt.get(w);
  if (at === undefined) {
    if (!instance()) return undefined;
    at = reserve(w.byteLength);
    if (at === undefined) return undefined;
    new Float32Array(buffer(), at, w.length).set(w);
    weightAt.set(w, at);
  }
  return at;
}

/**
 * `floats` zeros in WebAssembly memory, known to the kernels as weights: a layer's weights are written here
 * as the model is read (graph-ops.ts), so no thread copies them. Undefined without WebAssembly or room.
 */
export function weightFloats(floats: number): Float32Array | undefined {
  if (!instance()) return undefined;
  const at = reserve(4 * floats);
  if (at === undefined) return undefined;
  const w = new Float32Array(buffer(), at, floats);
  weightAt.set(w, at);
  return w;
}

/** Whether `w` was made by weightFloats (in this thread, or in the thread that gave this one its memory). */
export function inSharedMemory(w: Float32Array): boolean {
  return weightAt.get(w) === w.byteOffset && w.buffer instanceof SharedArrayBuffer;
}

/** A helper thread's view of weights the lead made with weightFloats in the memory given to useMemory. */
export function adoptWeights(w: Float32Array): void {
  if (instance() && w.buffer instanceof SharedArrayBuffer) weightAt.set(w, w.byteOffset);
}

/** Copy a layer's weights and bias into WebAssembly memory ahead of the run (model loading, not simulation). */
export function preloadWeights(p: ConvParams): void {
  if (instance()) {
    weights(p.w);
    weights(p.b);
  }
}

/** Bytes of the (shared) WebAssembly memory, 0 without WebAssembly: it only grows, so this is its peak. */
export function wasmMemoryBytes(): number {
  return exports && memory ? memory.buffer.byteLength : 0;
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
  let at = 0;
  const offsets = lengths.map((n) => {
    const o = at;
    at += (4 * n + 15) & ~15;
    return o;
  });
  if (!own(at + scratch)) return undefined;
  arenaEnd = region.start + at;
  const mem = (arenaBuffer = buffer());
  return offsets.map((o, i) => new Float32Array(mem, region.start + o, lengths[i]));
}

/**
 * Take this thread's block for its arenas now, at the size of the largest it will hold (a run's ANN pass and
 * its SNN phase then use the same memory, touched once). False without WebAssembly or room.
 */
export function reserveArenas(bytes: number): boolean {
  return instance() !== null && own(bytes);
}

export function releaseArena(): void {
  arenaEnd = 0;
  arenaBuffer = undefined;
}

/** Whether `a` lives in WebAssembly memory (an arena, or this thread's view of the memory); internal to wasm/. */
export function inMemory(a: Float32Array): boolean {
  return a.buffer === arenaBuffer || a.buffer === memory?.buffer;
}

/**
 * Where `bytes` of a call's scratch start: after the arena while one is held (undefined if they do not fit
 * there), else in this thread's block (made larger when needed).
 */
export function scratchAt(bytes: number): number | undefined {
  if (arenaEnd !== 0) return arenaEnd + bytes <= region.end ? arenaEnd : undefined;
  return own(bytes) ? region.start : undefined;
}

/**
 * Where a call's scratch data lives: counts, event positions, values, sample offsets (n each), one
 * channel's targets and target values (stride each), a copy of the input (xCopy floats) and the output
 * (outCopy floats) when those are not in WebAssembly memory already. Undefined when there is no room.
 */
export function layout(n: number, inC: number, stride: number, xCopy: number, outCopy: number) {
  const pos = 4 * inC;
  const val = pos + 4 * n;
  const smp = val + 4 * n;
  const tgt = smp + 4 * n;
  const tv = tgt + 4 * stride;
  const x = (tv + 4 * stride + 15) & ~15;
  const o = (x + 4 * xCopy + 15) & ~15;
  const count = scratchAt(o + 4 * outCopy + 16);
  if (count === undefined) return undefined;
  return {
    count,
    pos: count + pos,
    val: count + val,
    smp: count + smp,
    tgt: count + tgt,
    tv: count + tv,
    x: count + x,
    out: count + o,
    end: count + o + 4 * outCopy,
  };
}

/** Scratch bytes a convolution of n input floats into `out` floats may need. */
export function convScratchBytes(p: ConvParams, n: number, out: number): number {
  return 4 * (p.inC + 7 * n + out) + 64;
}
