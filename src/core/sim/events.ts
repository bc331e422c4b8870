import type { ConvParams } from './types';

/**
 * The non-zero values of a batch of channel-last (HWC) samples as per-channel event lists: channel c's
 * events are pos/val/smp[c·stride .. c·stride + count[c]), sample by sample and in row-major position
 * order within a sample; pos = iy << 16 | ix, smp = the byte offset of the event's sample in the
 * batch's output, stride = samples × positions. Spikes of an IF layer are its non-zero outputs (θ), so
 * the lists are its spikes; analog inputs are handled the same way, every non-zero value an event.
 */
export interface EventLists {
  readonly count: Int32Array;
  readonly stride: number;
  readonly pos: Int32Array;
  readonly val: Float32Array;
  readonly smp: Int32Array;
  /** Events of the busiest channel. */
  readonly maxPerChannel: number;
  /** All events. */
  readonly events: number;
}

export interface EventBuffers {
  readonly pos: Int32Array;
  readonly val: Float32Array;
  readonly smp: Int32Array;
  readonly count: Int32Array;
}

/** Build the lists in one pass over x (`samples` samples of inC channels), into buffers of x.length entries. */
export function eventListsInto(
  x: Float32Array,
  inW: number,
  inC: number,
  samples: number,
  outPlane: number,
  into: EventBuffers,
): EventLists {
  const { pos, val, smp, count } = into;
  const positions = x.length / (inC * samples);
  const stride = samples * positions;
  count.fill(0);
  for (let b = 0, i = 0; b < samples; b++) {
    const sampleBytes = 4 * b * outPlane;
    for (let q = 0, iy = 0, ix = 0; q < positions; q++) {
      const packed = (iy << 16) | ix;
      for (let c = 0, row = 0; c < inC; c++, i++, row += stride) {
        const v = x[i];
        if (v === 0) continue;
        const k = row + count[c]++;
        pos[k] = packed;
        val[k] = v;
        smp[k] = sampleBytes;
      }
      if (++ix === inW) {
        ix = 0;
        iy++;
      }
    }
  }
  let maxPerChannel = 0;
  let events = 0;
  for (let c = 0; c < inC; c++) {
    if (count[c] > maxPerChannel) maxPerChannel = count[c];
    events += count[c];
  }
  return { count, stride, pos, val, smp, maxPerChannel, events };
}

export function eventLists(x: Float32Array, inW: number, inC: number, samples = 1, outPlane = 0): EventLists {
  const n = x.length;
  const into = { pos: new Int32Array(n), val: new Float32Array(n), smp: new Int32Array(n), count: new Int32Array(inC) };
  return eventListsInto(x, inW, inC, samples, outPlane, into);
}

/** Fill every output position (of every sample in `out`) with the bias. */
export function fillBias(p: ConvParams, out: Float32Array): void {
  for (let q = 0, n = out.length / p.outC; q < n; q++) out.set(p.b, q * p.outC);
}

/**
 * The event-driven convolution in plain JavaScript (the fallback without WebAssembly SIMD, and the
 * reference the WebAssembly kernel is tested against): for each input channel and kernel offset, every
 * event adds value × weight row to the output row it reaches. Math.fround after each operation gives
 * IEEE float32 arithmetic, so the sums are bit-identical to the WebAssembly kernel's. Returns synaptic ops.
 */
export function convEventsJs(p: ConvParams, e: EventLists, out: Float32Array, stats?: { events: number }): number {
  if (stats) stats.events += e.events;
  const { outH, outW, outC, kh, kw, sh, sw, ph, pw, dh, dw, w } = p;
  const inC = e.count.length;
  const cPer = inC / p.groups;
  const oPer = outC / p.groups;
  const f = Math.fround;
  fillBias(p, out);
  let ops = 0;
  for (let c = 0; c < inC; c++) {
    const base = ((c / cPer) | 0) * oPer;
    for (let ky = 0; ky < kh; ky++)
      for (let kx = 0; kx < kw; kx++) {
        const wrow = ((c * kh + ky) * kw + kx) * oPer;
        for (let s = c * e.stride, end = s + e.count[c]; s < end; s++) {
          const ny = (e.pos[s] >>> 16) + ph - ky * dh;
          const nx = (e.pos[s] & 0xffff) + pw - kx * dw;
          if (ny < 0 || nx < 0 || ny % sh !== 0 || nx % sw !== 0) continue;
          const oy = ny / sh;
          const ox = nx / sw;
          if (oy >= outH || ox >= outW) continue;
          const v = e.val[s];
          const ob = (e.smp[s] >> 2) + (oy * outW + ox) * outC + base;
          for (let o = 0; o < oPer; o++) out[ob + o] = f(out[ob + o] + f(v * w[wrow + o]));
          ops += oPer;
        }
      }
  }
  return ops;
}
