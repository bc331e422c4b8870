// The WebAssembly SIMD scatter against the JavaScript one: bit-identical float32 sums, same op counts;
// both against a plain dense convolution (float64); the WebAssembly event scan and integrate-and-fire
// step against their JavaScript versions; and the committed bytes are what scripts/build-wasm.mjs
// makes from conv-events.wat.
import { describe, expect, it } from 'vitest';
import type { ConvParams } from '../../../src/core/sim/types';
import { convParams } from './conv-params';
import { convEventsJs, eventLists } from '../../../src/core/sim/events';
import { convDense, convDenseJs, im2col } from '../../../src/core/sim/dense';
import { convDenseWasm, convolveWasm, integrateAndFireWasm, maxPool2x2Wasm } from '../../../src/core/sim/wasm/kernel';
import { allocateArena, releaseArena, wasmAvailable } from '../../../src/core/sim/wasm/heap';
import { convEventsWasm, eventListsWasm } from '../../../src/core/sim/wasm/lists';
import { integrateAndFire } from '../../../src/core/sim/run';
import { maxPool2x2 } from '../../../src/core/sim/kernels';
import { CONV_EVENTS_WASM } from '../../../src/core/sim/wasm/conv-events.wasm';
import { mulberry32 } from '../../../src/core/sim/prng';
// @ts-expect-error plain .mjs helper without types
import { compileWat } from '../../../scripts/build-wasm.mjs';

const params = (r: () => number, o: Partial<ConvParams>) => convParams(r, { inH: 9, inW: 7, inC: 6, outC: 10, ...o });

/** Textbook gather convolution in float64 (NCHW thinking, HWC storage). */
function dense(p: ConvParams, x: Float32Array): Float64Array {
  const out = new Float64Array(p.outH * p.outW * p.outC);
  const cPer = p.inC / p.groups;
  const oPer = p.outC / p.groups;
  for (let oy = 0; oy < p.outH; oy++)
    for (let ox = 0; ox < p.outW; ox++)
      for (let o = 0; o < p.outC; o++) {
        const g = Math.floor(o / oPer);
        let s = p.b[o];
        for (let cl = 0; cl < cPer; cl++)
          for (let ky = 0; ky < p.kh; ky++)
            for (let kx = 0; kx < p.kw; kx++) {
              const iy = oy * p.sh - p.ph + ky * p.dh;
              const ix = ox * p.sw - p.pw + kx * p.dw;
              if (iy < 0 || ix < 0 || iy >= p.inH || ix >= p.inW) continue;
              const c = g * cPer + cl;
              s += x[(iy * p.inW + ix) * p.inC + c] * p.w[((c * p.kh + ky) * p.kw + kx) * oPer + (o - g * oPer)];
            }
        out[(oy * p.outW + ox) * p.outC + o] = s;
      }
  return out;
}

describe('event-driven convolution', () => {
  it.each([
    ['plain 3×3', {}],
    ['odd output channels', { outC: 7 }],
    ['wide: 32-float register blocks and a remainder', { outC: 75 }],
    ['stride 2, dilation 2', { sh: 2, sw: 2, dh: 2, dw: 2, ph: 2, pw: 2 }],
    ['stride 2 without padding', { sh: 2, sw: 2, ph: 0, pw: 0 }],
    ['groups', { inC: 6, outC: 9, groups: 3 }],
    ['depthwise, 5×3 kernel', { inC: 4, outC: 4, groups: 4, kh: 5, kw: 3, ph: 2 }],
    ['fully connected (1×1 over 1×1)', { inH: 1, inW: 1, inC: 40, outC: 33, kh: 1, kw: 1, ph: 0, pw: 0 }],
    ['37 input channels', { inC: 37, outC: 40 }],
    ['32 input channels (16 at a time)', { inC: 32, outC: 8 }],
    ['asymmetric: 2×4 kernel, stride 3×1, dilation 1×2', { kh: 2, kw: 4, sh: 3, sw: 1, dh: 1, dw: 2, ph: 0, pw: 3 }],
  ])('%s: WebAssembly = JavaScript bit for bit, both = dense', (_name, o) => {
    const r = mulberry32(11);
    const p = params(r, o);
    const x = Float32Array.from({ length: p.inH * p.inW * p.inC }, () => (r() < 0.3 ? r() : 0));
    const ev = eventLists(x, p.inW, p.inC);
    const a = new Float32Array(p.outH * p.outW * p.outC);
    const b = new Float32Array(p.outH * p.outW * p.outC);
    const opsJs = convEventsJs(p, ev, a);
    expect(wasmAvailable()).toBe(true);
    const opsWasm = convEventsWasm(p, ev, b);
    expect(opsWasm).toBe(opsJs);
    expect(Array.from(b)).toEqual(Array.from(a));
    // the whole path: the WebAssembly scan, then the kernel
    const c = new Float32Array(p.outH * p.outW * p.outC);
    const stats = { events: 0 };
    expect(convolveWasm(p, x, c, 1, stats)).toBe(opsJs);
    expect(stats.events).toBe(ev.events);
    expect(Array.from(c)).toEqual(Array.from(a));
    const d = dense(p, x);
    a.forEach((v, i) => expect(Math.abs(v - d[i])).toBeLessThan(1e-5));
  });

  // spikes: every event of a channel carries θ, so the WebAssembly kernel takes θ × weights once and adds it (four,
  // two, then one event at a time); with stride 1 it finds targets without branches (small images: many borders)
  it.each([
    ['plain 3×3, 30% spikes', {}, 0.3],
    ['wide, 90% spikes: long runs of four', { outC: 75 }, 0.9],
    ['a 4 × 4 image, 64 channels', { inH: 4, inW: 4, inC: 64, outC: 64 }, 0.2],
    ['a 2 × 2 image', { inH: 2, inW: 2, inC: 16, outC: 40 }, 0.5],
    ['stride 2', { sh: 2, sw: 2 }, 0.4],
    ['1 × 1, stride 1, no padding', { kh: 1, kw: 1, ph: 0, pw: 0, outC: 33 }, 0.6],
  ])('%s over 3 samples: WebAssembly = JavaScript bit for bit, both = dense', (_name, o, density) => {
    const r = mulberry32(5);
    const p = params(r, o);
    const theta = Math.fround(0.7);
    const n = p.inH * p.inW * p.inC;
    const m = p.outH * p.outW * p.outC;
    const x = Float32Array.from({ length: 3 * n }, () => (r() < density ? theta : 0));
    const viaJs = new Float32Array(3 * m);
    const ops = convEventsJs(p, eventLists(x, p.inW, p.inC, 3, m), viaJs);
    expect(wasmAvailable()).toBe(true);
    const viaWasm = new Float32Array(3 * m);
    const stats = { events: 0 };
    expect(convolveWasm(p, x, viaWasm, 3, stats)).toBe(ops);
    expect(stats.events).toBe(x.filter((v) => v !== 0).length);
    expect(Array.from(viaWasm)).toEqual(Array.from(viaJs));
    for (let s = 0; s < 3; s++) {
      const d = dense(p, x.subarray(s * n, (s + 1) * n));
      viaJs.subarray(s * m, (s + 1) * m).forEach((v, i) => expect(Math.abs(v - d[i])).toBeLessThan(1e-5));
    }
  });

  it.each([
    ['plain 3×3', {}],
    ['wide', { outC: 75 }],
    ['stride 2, dilation 2', { sh: 2, sw: 2, dh: 2, dw: 2, ph: 2, pw: 2 }],
    ['groups', { inC: 6, outC: 9, groups: 3 }],
    ['depthwise, 5×3 kernel', { inC: 4, outC: 4, groups: 4, kh: 5, kw: 3, ph: 2 }],
    ['fully connected', { inH: 1, inW: 1, inC: 40, outC: 33, kh: 1, kw: 1, ph: 0, pw: 0 }],
    ['an image: 3 channels, 100 positions (two row blocks)', { inH: 10, inW: 10, inC: 3, outC: 16 }],
  ])(
    '%s: the dense im2col kernel (WebAssembly and JavaScript) = the event-driven one bit for bit, on analog input of 2 samples',
    (_n, o) => {
      const r = mulberry32(23);
      const p = params(r, o);
      const n = p.inH * p.inW * p.inC;
      const m = p.outH * p.outW * p.outC;
      // analog: almost every value non-zero, a few exact zeros
      const x = Float32Array.from({ length: 2 * n }, () => (r() < 0.1 ? 0 : r() * 2 - 0.5));
      const viaDense = new Float32Array(2 * m);
      const stats = { events: 0 };
      const ops = convDense(p, x, viaDense, 2, stats);
      const viaEvents = new Float32Array(2 * m);
      let opsEvents = 0;
      let events = 0;
      for (let s = 0; s < 2; s++) {
        const ev = eventLists(x.subarray(s * n, (s + 1) * n), p.inW, p.inC);
        opsEvents += convEventsJs(p, ev, viaEvents.subarray(s * m, (s + 1) * m));
        events += ev.events;
      }
      expect(ops).toBe(opsEvents);
      expect(stats.events).toBe(events);
      expect(Array.from(viaDense)).toEqual(Array.from(viaEvents));
      // the JavaScript GEMM (the fallback) gives the same bits as the WebAssembly one used above
      expect(wasmAvailable()).toBe(true);
      const viaJs = new Float32Array(2 * m);
      expect(convDenseJs(p, x, viaJs, 2)).toBe(ops);
      expect(Array.from(viaJs)).toEqual(Array.from(viaDense));
      const viaWasm = new Float32Array(2 * m);
      const fill = (s: number, g: number, m0: number, rows: number, col: Float32Array) =>
        im2col(p, x, s, g, m0, rows, col);
      expect(convDenseWasm(p, x, viaWasm, 2, 64, fill)).toBe(ops);
      expect(Array.from(viaWasm)).toEqual(Array.from(viaDense));
      // and both are the textbook convolution (float64) to float32 precision
      const d = dense(p, x.subarray(n));
      viaDense.subarray(m).forEach((v, i) => expect(Math.abs(v - d[i])).toBeLessThan(1e-5));
    },
  );

  it('counts one synaptic op per event and reached output', () => {
    const p = params(mulberry32(1), { inH: 3, inW: 3, inC: 1, outC: 2 });
    const x = new Float32Array(9);
    x[4] = 1; // the centre pixel reaches all 9 outputs (3×3, padding 1)
    x[0] = 1; // a corner reaches 4
    expect(convEventsJs(p, eventLists(x, 3, 1), new Float32Array(18))).toBe((9 + 4) * 2);
  });

  it('in place on arena buffers: the same bits as through copies', () => {
    const r = mulberry32(5);
    const p = params(r, { inC: 40, outC: 36 });
    const n = p.inH * p.inW * p.inC;
    const m = p.outH * p.outW * p.outC;
    const x = Float32Array.from({ length: 2 * n }, () => (r() < 0.2 ? 0.75 : 0));
    const a = new Float32Array(2 * m);
    const opsCopy = convolveWasm(p, x, a, 2);
    const [xa, oa] = allocateArena([2 * n, 2 * m], 1 << 16)!;
    try {
      xa.set(x);
      const stats = { events: 0 };
      expect(convolveWasm(p, xa, oa, 2, stats)).toBe(opsCopy);
      expect(stats.events).toBe(x.filter((v) => v !== 0).length);
      expect(Array.from(oa)).toEqual(Array.from(a));
      const b = new Float32Array(2 * m);
      convEventsJs(p, eventLists(x, p.inW, p.inC, 2, m), b);
      expect(Array.from(b)).toEqual(Array.from(a));
    } finally {
      releaseArena();
    }
  });

  it('ships the bytes conv-events.wat compiles to', async () => {
    const bytes: Buffer = await compileWat(
      new URL('../../../src/core/sim/wasm/conv-events.wat', import.meta.url).pathname,
    );
    expect(bytes.toString('base64')).toBe(CONV_EVENTS_WASM);
  });
});

describe('event lists', () => {
  it.each([
    ['4-channel groups', 8, 1],
    ['3 channels (one at a time)', 3, 1],
    ['several samples', 12, 3],
    ['16-channel groups', 32, 2],
  ])('%s: WebAssembly = JavaScript', (_name, inC, samples) => {
    const r = mulberry32(inC);
    const inW = 5;
    const n = 6 * inW * inC * samples;
    // spikes, analog values, −0 (not an event) and whole zero groups
    const x = Float32Array.from({ length: n }, () => {
      const u = r();
      return u < 0.1 ? 0.5 : u < 0.2 ? r() - 0.5 : u < 0.3 ? -0 : 0;
    });
    const outPlane = 77;
    const js = eventLists(x, inW, inC, samples, outPlane);
    const wasm = eventListsWasm(x, inW, inC, samples, outPlane)!;
    expect(wasm.events).toBe(js.events);
    expect(wasm.maxPerChannel).toBe(js.maxPerChannel);
    expect(wasm.stride).toBe(js.stride);
    expect(Array.from(wasm.count)).toEqual(Array.from(js.count));
    expect(Array.from(wasm.pos)).toEqual(Array.from(js.pos));
    expect(Array.from(wasm.val)).toEqual(Array.from(js.val));
    expect(Array.from(wasm.smp)).toEqual(Array.from(js.smp));
  });
});

describe('integrate-and-fire step', () => {
  it('WebAssembly = JavaScript bit for bit (membranes, outputs, spikes), over several steps', () => {
    const r = mulberry32(3);
    const n = 103; // four at a time, and a remainder
    const theta = 0.7;
    const th = Math.fround(theta);
    const v0 = Float32Array.from({ length: n }, (_, i) => (i % 9 === 0 ? th : i % 13 === 0 ? -0 : r() * 1.4 - 0.3));
    const [v, cur, out] = allocateArena([n, n, n], 0)!;
    try {
      const vj = Float32Array.from(v0);
      const oj = new Float32Array(n);
      v.set(v0);
      for (let t = 0; t < 6; t++) {
        const c = Float32Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 0 : i % 7 === 0 ? -0 : r() - 0.3));
        cur.set(c);
        const fj = integrateAndFire(vj, c, oj, theta);
        const fw = integrateAndFireWasm(v, cur, out, theta);
        expect(fw).toBe(fj);
        expect(Array.from(v)).toEqual(Array.from(vj));
        expect(Array.from(out)).toEqual(Array.from(oj));
        v.forEach((x, i) => expect(Object.is(x, vj[i])).toBe(true));
      }
    } finally {
      releaseArena();
    }
  });

  it('is not used on buffers outside WebAssembly memory', () => {
    const a = new Float32Array(4);
    expect(integrateAndFireWasm(a, a.slice(), a.slice(), 1)).toBeUndefined();
  });
});

describe('2×2 max pooling', () => {
  it.each([8, 6])('WebAssembly = JavaScript (%i channels, odd input size)', (c) => {
    const r = mulberry32(c);
    const p = { inH: 7, inW: 9, c, outH: 3, outW: 4, kh: 2, kw: 2, sh: 2, sw: 2, ph: 0, pw: 0, countIncludePad: false };
    const x = Float32Array.from({ length: 7 * 9 * c }, () => (r() < 0.3 ? 0.5 : r() < 0.5 ? -0 : 0));
    const js = new Float32Array(3 * 4 * c);
    maxPool2x2(p, x, js);
    const [xa, oa] = allocateArena([x.length, js.length], 0)!;
    try {
      xa.set(x);
      expect(maxPool2x2Wasm(p, xa, oa)).toBe(true);
      oa.forEach((v, i) => expect(Object.is(v, js[i])).toBe(true));
    } finally {
      releaseArena();
    }
    expect(maxPool2x2Wasm(p, x, js)).toBe(false);
  });
});
