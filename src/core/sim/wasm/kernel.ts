import type { ConvParams } from '../graph';
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
 * weights are copied into WebAssembly memory once; input and output go through a scratch area after
 * them. Undefined where WebAssembly SIMD is not available (the caller then uses the JavaScript kernel).
 */
let exports: Exports | null | undefined;
const weightAt = new WeakMap<Float64Array, number>();
let top = 0;

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

function weights(e: Exports, w: Float64Array): number {
  let at = weightAt.get(w);
  if (at === undefined) {
    at = top;
    top += w.byteLength;
    ensure(e, top);
    new Float64Array(e.memory.buffer, at, w.length).set(w);
    weightAt.set(w, at);
  }
  return at;
}

/** Copy a layer's weights into WebAssembly memory ahead of the run (model loading, not simulation). */
export function preloadWeights(p: ConvParams): void {
  const e = instance();
  if (e && top + p.w.byteLength <= 2 ** 31) weights(e, p.w);
}

/** Returns the synaptic ops, or undefined when the WebAssembly kernel is unavailable. */
export function convEventsWasm(p: ConvParams, x: Float64Array, out: Float64Array): number | undefined {
  const e = instance();
  if (!e || top + p.w.byteLength + (x.length + out.length) * 8 > 2 ** 31) return undefined;
  const w = weights(e, p.w);
  const xAt = top;
  const outAt = xAt + x.byteLength;
  ensure(e, outAt + out.byteLength);
  const mem = e.memory.buffer;
  new Float64Array(mem, xAt, x.length).set(x);
  const o = new Float64Array(mem, outAt, out.length);
  for (let q = 0; q < p.outH * p.outW; q++) o.set(p.b, q * p.outC);
  const ops = e.conv_events(
    xAt,
    w,
    outAt,
    p.inH,
    p.inW,
    p.inC,
    p.outH,
    p.outW,
    p.outC,
    p.kh,
    p.kw,
    p.sh,
    p.sw,
    p.ph,
    p.pw,
    p.dh,
    p.dw,
    p.groups,
  );
  out.set(new Float64Array(e.memory.buffer, outAt, out.length));
  return ops;
}
