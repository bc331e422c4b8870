import type { ConvParams, PoolParams } from './graph';
import { convEventsWasm } from './wasm/kernel';

/**
 * Kernels over channel-last (HWC) Float64Arrays. Two convolutions compute the same sum:
 * `convDense` gathers each output position's patch (analog inputs: the first layer, averaged inputs),
 * `convEvents` scatters each non-zero input (a spike) into the outputs it reaches, so its work is
 * proportional to the number of spikes. Both return the synaptic operations they performed.
 */
export function convDense(p: ConvParams, x: Float64Array, out: Float64Array): number {
  const { inW, inH, inC, outH, outW, outC, kh, kw, sh, sw, ph, pw, dh, dw, w, b } = p;
  const cPer = inC / p.groups;
  const oPer = outC / p.groups;
  let ops = 0;
  for (let oy = 0; oy < outH; oy++)
    for (let ox = 0; ox < outW; ox++) {
      const oBase = (oy * outW + ox) * outC;
      for (let o = 0; o < outC; o++) out[oBase + o] = b[o];
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * sh - ph + ky * dh;
        if (iy < 0 || iy >= inH) continue;
        for (let kx = 0; kx < kw; kx++) {
          const ix = ox * sw - pw + kx * dw;
          if (ix < 0 || ix >= inW) continue;
          const xBase = (iy * inW + ix) * inC;
          for (let c = 0; c < inC; c++) {
            const v = x[xBase + c];
            if (v === 0) continue;
            const g = (c / cPer) | 0;
            const wBase = ((c * kh + ky) * kw + kx) * oPer;
            const ob = oBase + g * oPer;
            for (let o = 0; o < oPer; o++) out[ob + o] += v * w[wBase + o];
            ops += oPer;
          }
        }
      }
    }
  return ops;
}

export function convEvents(p: ConvParams, x: Float64Array, out: Float64Array): number {
  return convEventsWasm(p, x, out) ?? convEventsJs(p, x, out);
}

/** The same scatter in plain JavaScript: the fallback, and the reference the WebAssembly kernel is tested against. */
export function convEventsJs(p: ConvParams, x: Float64Array, out: Float64Array): number {
  const { inW, inH, inC, outH, outW, outC, kh, kw, sh, sw, ph, pw, dh, dw, w, b } = p;
  const cPer = inC / p.groups;
  const oPer = outC / p.groups;
  const positions = outH * outW;
  for (let q = 0; q < positions; q++) out.set(b, q * outC);
  let ops = 0;
  for (let iy = 0; iy < inH; iy++)
    for (let ix = 0; ix < inW; ix++) {
      const xBase = (iy * inW + ix) * inC;
      for (let c = 0; c < inC; c++) {
        const v = x[xBase + c];
        if (v === 0) continue;
        const g = (c / cPer) | 0;
        for (let ky = 0; ky < kh; ky++) {
          const ny = iy + ph - ky * dh;
          if (ny < 0 || ny % sh !== 0) continue;
          const oy = ny / sh;
          if (oy >= outH) continue;
          for (let kx = 0; kx < kw; kx++) {
            const nx = ix + pw - kx * dw;
            if (nx < 0 || nx % sw !== 0) continue;
            const ox = nx / sw;
            if (ox >= outW) continue;
            const wBase = ((c * kh + ky) * kw + kx) * oPer;
            const ob = (oy * outW + ox) * outC + g * oPer;
            for (let o = 0; o < oPer; o++) out[ob + o] += v * w[wBase + o];
            ops += oPer;
          }
        }
      }
    }
  return ops;
}

/** out = b + xᵀ·W with W laid out [in][out]; zero inputs are skipped (event-driven for spikes). */
export function gemm(
  w: Float64Array,
  b: Float64Array,
  inF: number,
  outF: number,
  x: Float64Array,
  out: Float64Array,
): number {
  out.set(b);
  let ops = 0;
  for (let i = 0; i < inF; i++) {
    const v = x[i];
    if (v === 0) continue;
    const base = i * outF;
    for (let o = 0; o < outF; o++) out[o] += v * w[base + o];
    ops += outF;
  }
  return ops;
}

export function maxPool(p: PoolParams, x: Float64Array, out: Float64Array): void {
  const { inH, inW, c, outH, outW, kh, kw, sh, sw, ph, pw } = p;
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

export function avgPool(p: PoolParams, x: Float64Array, out: Float64Array): void {
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

/** Global average pooling: [H, W, C] → [1, 1, C]. */
export function globalAvgPool(shape: readonly number[], x: Float64Array, out: Float64Array): void {
  const [h, w, c] = shape;
  out.fill(0);
  for (let q = 0; q < h * w; q++) for (let ch = 0; ch < c; ch++) out[ch] += x[q * c + ch];
  for (let ch = 0; ch < c; ch++) out[ch] /= h * w;
}

/** Flatten in ONNX's (C, H, W) order from our (H, W, C) layout. */
export function flattenChw(shape: readonly number[], x: Float64Array, out: Float64Array): void {
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
  xs: readonly Float64Array[],
  out: Float64Array,
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
export function toHwc(shape: readonly number[], x: ArrayLike<number>, offset: number, out: Float64Array): void {
  const [h, w, c] = shape;
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++) out[(y * w + xx) * c + ch] = x[offset + (ch * h + y) * w + xx];
}

/** Zero padding of an HWC tensor: pads = [top, left, bottom, right]. */
export function padHw(shape: readonly number[], pads: readonly number[], x: Float64Array, out: Float64Array): void {
  const [h, w, c] = shape;
  const ow = w + pads[1] + pads[3];
  out.fill(0);
  for (let y = 0; y < h; y++) out.set(x.subarray(y * w * c, (y + 1) * w * c), ((y + pads[0]) * ow + pads[1]) * c);
}
