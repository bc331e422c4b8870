import type { ConvParams, PoolParams } from '../types';
import { fillBias } from '../events';
import { buffer, inMemory, instance, layout, scratchAt, weights } from './heap';

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
  const w = weights(p.w);
  if (w === undefined) return undefined;
  const b = weights(p.b);
  const xIn = inMemory(x);
  const oIn = inMemory(out);
  const n = x.length;
  const stride = n / p.inC;
  const at = layout(n, p.inC, stride, xIn ? 0 : n, oIn ? 0 : out.length);
  if (!at) return undefined;
  const mem = buffer();
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
  if (!e || !inMemory(v) || !inMemory(current) || !inMemory(out)) return undefined;
  if (current.length !== v.length || out.length !== v.length) return undefined;
  return e.integrate_and_fire(v.byteOffset, current.byteOffset, out.byteOffset, v.length, theta);
}

/**
 * 2×2, stride 2, unpadded max pooling of one sample in WebAssembly SIMD (the same values as Math.max):
 * false unless x and out live in WebAssembly memory (an arena).
 */
export function maxPool2x2Wasm(p: PoolParams, x: Float32Array, out: Float32Array): boolean {
  const e = instance();
  if (!e || !inMemory(x) || !inMemory(out) || out.length < p.outH * p.outW * p.c) return false;
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
  const w = weights(p.w);
  const b = w === undefined ? undefined : weights(p.b);
  if (w === undefined || b === undefined) return undefined;
  const oIn = inMemory(out);
  const cPer = p.inC / p.groups;
  const oPer = p.outC / p.groups;
  const K = cPer * p.kh * p.kw;
  const colBytes = (4 * rowsPerBlock * K + 15) & ~15;
  const colAt = scratchAt(colBytes + (oIn ? 0 : 4 * out.length));
  if (colAt === undefined) return undefined;
  const copyAt = colAt + colBytes;
  const mem = buffer();
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
