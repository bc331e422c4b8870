import type { ConvParams } from './types';
import { inputShare, nonZeroRows } from './kernels';
import { convDenseWasm, type Im2col } from './wasm/kernel';

/** Output positions per block: their im2col rows (ROWS × K floats) stay in cache while the weights stream. */
const ROWS = 64;

/**
 * The dense convolution, for analog inputs (the image under direct encoding, averaged inputs) where
 * nearly every value is non-zero: im2col (each output position's receptive field as one row of
 * K = C/groups·kh·kw values, in the weights' (c, ky, kx) order) times the weights [K][outC/groups], a GEMM
 * blocked by ROWS output positions, zeros (padding) skipped. Per output element the products are added in
 * (c, ky, kx) order after the bias, in float32, as in the event-driven kernels: the results are the same
 * bits. `x` and `out` hold `samples` HWC samples one after the other; with `band` = [r0, r1) only output rows
 * r0..r1−1 of each sample are computed (a thread's share, team.ts). Returns the synaptic ops (MACs with
 * a non-zero input, the event kernels' count); `stats.events` gains the non-zero inputs.
 */
export function convDense(
  p: ConvParams,
  x: Float32Array,
  out: Float32Array,
  samples = 1,
  stats?: { events: number },
  band?: readonly [number, number],
): number {
  // a band counts its share of the input rows (the bands' shares tile the input)
  const [ra, rb] = band ? inputShare(p, band[0], band[1]) : [0, p.inH];
  if (stats) stats.events += nonZeroRows(x, samples, p.inW * p.inC, ra, rb);
  const fill: Im2col = (s, g, m0, rows, col) => im2col(p, x, s, g, m0, rows, col);
  return convDenseWasm(p, x, out, samples, ROWS, fill, band) ?? convDenseJs(p, x, out, samples, fill, band);
}

/**
 * im2col: rows [m0, m0 + rows) (output positions) of sample s and group g into `col`, K values each in
 * the weights' (c, ky, kx) order, zero where the window hangs over the border.
 */
export function im2col(
  p: ConvParams,
  x: Float32Array,
  s: number,
  g: number,
  m0: number,
  rows: number,
  col: Float32Array,
): void {
  const { inH, inW, inC, outW, kh, kw, sh, sw, ph, pw, dh, dw } = p;
  const cPer = inC / p.groups;
  const c0 = g * cPer;
  const xo = s * inH * inW * inC;
  for (let r = 0, k = 0; r < rows; r++) {
    const oy = ((m0 + r) / outW) | 0;
    const ox = m0 + r - oy * outW;
    for (let c = c0; c < c0 + cPer; c++)
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * sh - ph + ky * dh;
        const inside = iy >= 0 && iy < inH;
        for (let kx = 0; kx < kw; kx++, k++) {
          const ix = ox * sw - pw + kx * dw;
          col[k] = inside && ix >= 0 && ix < inW ? x[xo + (iy * inW + ix) * inC + c] : 0;
        }
      }
  }
}

/** The same blocked GEMM in plain JavaScript (the fallback, and the WebAssembly kernel's reference). */
export function convDenseJs(
  p: ConvParams,
  x: Float32Array,
  out: Float32Array,
  samples = 1,
  fill: Im2col = (s, g, m0, rows, col) => im2col(p, x, s, g, m0, rows, col),
  band?: readonly [number, number],
): number {
  const { outH, outW, outC, kh, kw, w, b, groups } = p;
  const cPer = p.inC / groups;
  const oPer = outC / groups;
  const K = cPer * kh * kw;
  const positions = outH * outW;
  const [from, to] = band ? [band[0] * outW, band[1] * outW] : [0, positions];
  const col = new Float32Array(ROWS * K);
  const acc = new Float32Array(oPer);
  const f = Math.fround;
  let ops = 0;
  for (let s = 0; s < samples; s++)
    for (let g = 0; g < groups; g++) {
      const wg = g * K * oPer; // row k of the group's weights starts at wg + k·oPer
      for (let m0 = from; m0 < to; m0 += ROWS) {
        const rows = Math.min(ROWS, to - m0);
        fill(s, g, m0, rows, col);
        // each row accumulates its K weighted weight rows in a float32 accumulator
        for (let r = 0; r < rows; r++) {
          for (let o = 0; o < oPer; o++) acc[o] = b[g * oPer + o];
          for (let k = 0, row = r * K; k < K; k++) {
            const a = col[row + k];
            if (a === 0) continue;
            const wr = wg + k * oPer;
            for (let o = 0; o < oPer; o++) acc[o] = acc[o] + f(a * w[wr + o]);
            ops += oPer;
          }
          out.set(acc, (s * positions + m0 + r) * outC + g * oPer);
        }
      }
    }
  return ops;
}

/** Non-zero share of x at or above which an analog input goes to the dense kernel. */
export const DENSE_FROM = 0.5;

export function density(x: Float32Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) n++;
  return x.length ? n / x.length : 0;
}
