import type { ConvParams, PoolParams } from './types';
import { convEventsJs, eventLists, fillBias } from './events';
import { convolveWasm, maxPool2x2Wasm } from './wasm/kernel';

/**
 * Kernels over channel-last (HWC) Float32Arrays. Convolutions and fully connected layers (a Gemm is
 * a 1×1 convolution over a 1×1 image) share one event-driven kernel: each non-zero input (a spike, or
 * an analog value) adds its weights to the outputs it reaches, so the work is proportional to the
 * number of events; the WebAssembly SIMD version keeps a slice of each weight row in registers while
 * it walks the events of several samples. `x` and `out` hold `samples` samples one after the other;
 * they are convolved a few at a time, as many as keep the outputs within OUT_BYTES (cache-sized), so
 * a layer with large weights and small outputs reads its weights once for many samples.
 * Returns the synaptic operations performed. The results do not depend on how samples are grouped.
 * With `band` = [r0, r1), only output rows r0..r1−1 of each sample are computed (a thread's share, team.ts).
 */
const OUT_BYTES = 256 * 1024;

export function convolve(
  p: ConvParams,
  x: Float32Array,
  out: Float32Array,
  samples = 1,
  stats?: { events: number },
  band?: readonly [number, number],
): number {
  if (band) return convolveBand(p, x, out, samples, band, stats);
  const inPlane = x.length / samples;
  const outPlane = out.length / samples;
  const group = Math.max(1, Math.min(samples, Math.floor(OUT_BYTES / (4 * outPlane))));
  let ops = 0;
  for (let b0 = 0; b0 < samples; b0 += group) {
    const k = Math.min(group, samples - b0);
    const xs = x.subarray(b0 * inPlane, (b0 + k) * inPlane);
    const os = out.subarray(b0 * outPlane, (b0 + k) * outPlane);
    ops += convolveWasm(p, xs, os, k, stats) ?? convolveJs(p, xs, os, k, stats);
  }
  return ops;
}

/** The JavaScript fallback. */
export function convolveJs(
  p: ConvParams,
  x: Float32Array,
  out: Float32Array,
  samples: number,
  stats?: { events: number },
): number {
  return convEventsJs(p, eventLists(x, p.inW, p.inC, samples, out.length / samples), out, stats);
}

type One = (q: ConvParams, x: Float32Array, out: Float32Array) => number;
const one: One = (q, x, out) => convolveWasm(q, x, out, 1) ?? convolveJs(q, x, out, 1);

/**
 * Output rows [r0, r1) of each sample (a thread's band, team.ts): the same kernel on the input rows that reach
 * the band (from row ia) and an output that starts at row r0, its padding moved by ia − r0 × stride, so only
 * the band's events are listed and scattered. `stats.events` gains the non-zero inputs in this band's share of
 * the input rows (the bands' shares tile the input, so the team's counts add up to the whole).
 */
export function convolveBand(
  p: ConvParams,
  x: Float32Array,
  out: Float32Array,
  samples: number,
  [r0, r1]: readonly [number, number],
  stats?: { events: number },
  kernel: One = one,
): number {
  const inPlane = x.length / samples;
  const outPlane = out.length / samples;
  const row = p.inW * p.inC;
  const outRow = p.outW * p.outC;
  if (stats) stats.events += nonZeroRows(x, samples, row, ...inputShare(p, r0, r1));
  const ia = Math.max(0, r0 * p.sh - p.ph);
  const ib = Math.min(p.inH, (r1 - 1) * p.sh - p.ph + (p.kh - 1) * p.dh + 1);
  const q = { ...p, inH: Math.max(0, ib - ia), outH: r1 - r0, ph: p.ph - r0 * p.sh + ia };
  let ops = 0;
  for (let s = 0; s < samples; s++) {
    const os = out.subarray(s * outPlane + r0 * outRow, s * outPlane + r1 * outRow);
    if (ib <= ia) fillBias(p, os);
    else ops += kernel(q, x.subarray(s * inPlane + ia * row, s * inPlane + ib * row), os);
  }
  return ops;
}

/** The input rows whose non-zeros band [r0, r1) counts: [r0·stride, r1·stride), the last band to the end. */
export function inputShare(p: ConvParams, r0: number, r1: number): [number, number] {
  return [Math.min(p.inH, r0 * p.sh), r1 === p.outH ? p.inH : Math.min(p.inH, r1 * p.sh)];
}

/** Non-zeros in rows [ra, rb) of each sample. */
export function nonZeroRows(x: Float32Array, samples: number, row: number, ra: number, rb: number): number {
  const plane = x.length / samples;
  let n = 0;
  for (let s = 0; s < samples; s++)
    for (let i = s * plane + ra * row, end = s * plane + rb * row; i < end; i++) if (x[i] !== 0) n++;
  return n;
}

export function maxPool(p: PoolParams, x: Float32Array, out: Float32Array): void {
  const { inH, inW, c, outH, outW, kh, kw, sh, sw, ph, pw } = p;
  if (kh === 2 && kw === 2 && sh === 2 && sw === 2 && ph === 0 && pw === 0 && outH * 2 <= inH && outW * 2 <= inW) {
    if (!maxPool2x2Wasm(p, x, out)) maxPool2x2(p, x, out);
    return;
  }
  for (let oy = 0; oy < outH; oy++)
    for (let ox = 0; ox < outW; ox++)
      for (let ch = 0; ch < c; ch++) {
        let m = -Infinity;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - ph + ky;
          if (iy < 0 || iy >= inH) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw - pw + kx;
            if (ix < 0 || ix >= inW) continue;
            const v = x[(iy * inW + ix) * c + ch];
            if (v > m) m = v;
          }
        }
        out[(oy * outW + ox) * c + ch] = m;
      }
}

/** The common 2×2, stride 2, unpadded max pooling without bounds checks (exported for tests). */
export function maxPool2x2(p: PoolParams, x: Float32Array, out: Float32Array): void {
  const { inW, c, outH, outW } = p;
  const row = inW * c;
  for (let oy = 0, o = 0; oy < outH; oy++)
    for (let ox = 0; ox < outW; ox++) {
      const a = 2 * oy * row + 2 * ox * c;
      for (let ch = 0; ch < c; ch++, o++)
        out[o] = Math.max(x[a + ch], x[a + c + ch], x[a + row + ch], x[a + row + c + ch]);
    }
}

export function avgPool(p: PoolParams, x: Float32Array, out: Float32Array): void {
  const { inH, inW, c, outH, outW, kh, kw, sh, sw, ph, pw } = p;
  for (let oy = 0; oy < outH; oy++)
    for (let ox = 0; ox < outW; ox++)
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        let n = 0;
        let padded = 0;
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * sh - ph + ky;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * sw - pw + kx;
            if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
              // ONNX counts padding positions (not positions beyond it) when count_include_pad = 1
              if (iy >= -ph && iy < inH + ph && ix >= -pw && ix < inW + pw) padded++;
              continue;
            }
            s += x[(iy * inW + ix) * c + ch];
            n++;
          }
        }
        out[(oy * outW + ox) * c + ch] = s / (p.countIncludePad ? n + padded : n);
      }
}

/** Global average pooling: [H, W, C] → [1, 1, C] (sums in float64). */
export function globalAvgPool(shape: readonly number[], x: Float32Array, out: Float32Array): void {
  const [h, w, c] = shape;
  const sum = new Float64Array(c);
  for (let q = 0; q < h * w; q++) for (let ch = 0; ch < c; ch++) sum[ch] += x[q * c + ch];
  for (let ch = 0; ch < c; ch++) out[ch] = sum[ch] / (h * w);
}

/** Flatten in ONNX's (C, H, W) order from our (H, W, C) layout. */
export function flattenChw(shape: readonly number[], x: Float32Array, out: Float32Array): void {
  if (shape.length !== 3) {
    out.set(x);
    return;
  }
  const [h, w, c] = shape;
  for (let y = 0; y < h; y++)
    for (let xx = 0; xx < w; xx++)
      for (let ch = 0; ch < c; ch++) out[ch * h * w + y * w + xx] = x[(y * w + xx) * c + ch];
}

/** Channel concatenation of HWC tensors. */
export function concatChannels(
  shapes: readonly (readonly number[])[],
  xs: readonly Float32Array[],
  out: Float32Array,
): void {
  const positions = shapes[0].length === 3 ? shapes[0][0] * shapes[0][1] : 1;
  const cs = shapes.map((s) => s[s.length - 1]);
  const total = cs.reduce((a, b) => a + b, 0);
  for (let q = 0; q < positions; q++) {
    let off = 0;
    xs.forEach((x, k) => {
      out.set(x.subarray(q * cs[k], (q + 1) * cs[k]), q * total + off);
      off += cs[k];
    });
  }
}

/** NCHW sample → HWC (the layout of every kernel here). */
export function toHwc(shape: readonly number[], x: ArrayLike<number>, offset: number, out: Float32Array): void {
  const [h, w, c] = shape;
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++) out[(y * w + xx) * c + ch] = x[offset + (ch * h + y) * w + xx];
}

/** Zero padding of an HWC tensor: pads = [top, left, bottom, right]. */
export function padHw(shape: readonly number[], pads: readonly number[], x: Float32Array, out: Float32Array): void {
  const [h, w, c] = shape;
  const ow = w + pads[1] + pads[3];
  out.fill(0);
  for (let y = 0; y < h; y++) out.set(x.subarray(y * w * c, (y + 1) * w * c), ((y + pads[0]) * ow + pads[1]) * c);
}
