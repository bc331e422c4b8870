import type { ConvParams } from '../graph';
import { eventListsInto, fillBias, type EventLists } from '../events';
import { CONV_EVENTS_WASM } from './conv-events.wasm';

// The few WebAssembly names used here (core compiles without the DOM lib; Node, browsers and workers have them).
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  conv_events(...args: number[]): number;
}

/**
 * The SIMD event-driven convolution (conv-events.wat) with a small memory manager: each layer's
 * weights are copied into WebAssembly memory once; the event lists are built straight into a scratch
 * area after them, followed by the output. Undefined where WebAssembly SIMD is not available (the
 * caller then uses the JavaScript kernel, which computes the same bits).
 */
let exports: Exports | null | undefined;
const weightAt = new WeakMap<Float32Array, number>();
let top = 0;
const LIMIT = 2 ** 31;

function instance(): Exports | null {
  if (exports !== undefined) return exports;
  try {
    const bytes = Uint8Array.from(atob(CONV_EVENTS_WASM), (c) => c.charCodeAt(0));
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
  } catch {
    exports = null;
  }
  return exports;
}

function ensure(e: Exports, bytes: number): void {
  const have = e.memory.buffer.byteLength;
  if (bytes > have) e.memory.grow(Math.ceil((bytes - have) / 65536));
}

function weights(e: Exports, w: Float32Array): number {
  let at = weightAt.get(w);
  if (at === undefined) {
    at = top;
    top += (w.byteLength + 15) & ~15;
    ensure(e, top);
    new Float32Array(e.memory.buffer, at, w.length).set(w);
    weightAt.set(w, at);
  }
  return at;
}

/** Copy a layer's weights into WebAssembly memory ahead of the run (model loading, not simulation). */
export function preloadWeights(p: ConvParams): void {
  const e = instance();
  if (e && top + p.w.byteLength <= LIMIT) weights(e, p.w);
}

/** Whether the WebAssembly kernel runs here. */
export function wasmAvailable(): boolean {
  return instance() !== null;
}

/** Where a call's scratch data lives: counts, positions, values, sample offsets, targets, target values, output. */
function layout(n: number, inC: number, out: number) {
  const count = top;
  const pos = count + 4 * inC;
  const val = pos + 4 * n;
  const smp = val + 4 * n;
  const tgt = smp + 4 * n;
  const tv = tgt + 4 * n;
  const o = (tv + 4 * n + 15) & ~15;
  return { count, pos, val, smp, tgt, tv, out: o, end: o + 4 * out };
}

function fits(p: ConvParams, n: number, out: number): boolean {
  return p.inH < 65536 && p.inW < 65536 && top + p.w.byteLength + 4 * (p.inC + 5 * n + out) + 64 <= LIMIT;
}

/**
 * Convolve `samples` samples at once (x and out hold them one after the other). Synaptic ops, or
 * undefined when the WebAssembly kernel is unavailable or the tensors are too large for it. The
 * input's event lists are built straight into WebAssembly memory.
 */
export function convolveWasm(
  p: ConvParams,
  x: Float32Array,
  out: Float32Array,
  samples: number,
  stats?: { events: number },
): number | undefined {
  const e = instance();
  if (!e || !fits(p, x.length, out.length)) return undefined;
  const w = weights(e, p.w);
  const at = layout(x.length, p.inC, out.length);
  ensure(e, at.end);
  const mem = e.memory.buffer;
  const n = x.length;
  const into = {
    pos: new Int32Array(mem, at.pos, n),
    val: new Float32Array(mem, at.val, n),
    smp: new Int32Array(mem, at.smp, n),
    count: new Int32Array(mem, at.count, p.inC),
  };
  const ev = eventListsInto(x, p.inW, p.inC, samples, out.length / samples, into);
  if (stats) stats.events += ev.events;
  return run(e, p, ev, at, w, out);
}

/** The kernel on lists that already exist (tests). */
export function convEventsWasm(p: ConvParams, ev: EventLists, out: Float32Array): number | undefined {
  const e = instance();
  const n = ev.pos.length;
  if (!e || !fits(p, n, out.length)) return undefined;
  const w = weights(e, p.w);
  const at = layout(n, p.inC, out.length);
  ensure(e, at.end);
  const mem = e.memory.buffer;
  new Int32Array(mem, at.count, p.inC).set(ev.count);
  new Int32Array(mem, at.pos, n).set(ev.pos);
  new Float32Array(mem, at.val, n).set(ev.val);
  new Int32Array(mem, at.smp, n).set(ev.smp);
  return run(e, p, ev, at, w, out);
}

function run(e: Exports, p: ConvParams, ev: EventLists, at: ReturnType<typeof layout>, w: number, out: Float32Array) {
  const o = new Float32Array(e.memory.buffer, at.out, out.length);
  fillBias(p, o);
  const geometry = [p.inC, p.outH, p.outW, p.outC, p.kh, p.kw, p.sh, p.sw, p.ph, p.pw, p.dh, p.dw, p.groups];
  const ops = e.conv_events(at.pos, at.val, at.smp, at.count, ev.stride, at.tgt, at.tv, w, at.out, ...geometry);
  out.set(o);
  return ops;
}
