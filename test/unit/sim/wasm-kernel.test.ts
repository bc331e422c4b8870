// The WebAssembly SIMD scatter against the JavaScript one: bit-identical float32 sums, same op counts;
// both against a plain dense convolution (float64); and the committed bytes are what
// scripts/build-wasm.mjs makes from conv-events.wat.
import { describe, expect, it } from 'vitest';
import type { ConvParams } from '../../../src/core/sim/graph';
import { convEventsJs, eventLists } from '../../../src/core/sim/events';
import { convEventsWasm, wasmAvailable } from '../../../src/core/sim/wasm/kernel';
import { CONV_EVENTS_WASM } from '../../../src/core/sim/wasm/conv-events.wasm';
import { mulberry32 } from '../../../src/core/sim/prng';
// @ts-expect-error plain .mjs helper without types
import { compileWat } from '../../../scripts/build-wasm.mjs';

function params(r: () => number, o: Partial<ConvParams>): ConvParams {
  const base = {
    inH: 9,
    inW: 7,
    inC: 6,
    outC: 10,
    kh: 3,
    kw: 3,
    sh: 1,
    sw: 1,
    ph: 1,
    pw: 1,
    dh: 1,
    dw: 1,
    groups: 1,
    ...o,
  };
  const outH = Math.floor((base.inH + 2 * base.ph - base.dh * (base.kh - 1) - 1) / base.sh) + 1;
  const outW = Math.floor((base.inW + 2 * base.pw - base.dw * (base.kw - 1) - 1) / base.sw) + 1;
  // our layout indexes weights by global input channel: size inC·kh·kw·(outC/groups)
  const w = Float32Array.from({ length: base.inC * base.kh * base.kw * (base.outC / base.groups) }, () => r() - 0.5);
  return { ...base, outH, outW, w, b: Float32Array.from({ length: base.outC }, () => r()) };
}

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
    const d = dense(p, x);
    a.forEach((v, i) => expect(Math.abs(v - d[i])).toBeLessThan(1e-5));
  });

  it('counts one synaptic op per event and reached output', () => {
    const p = params(mulberry32(1), { inH: 3, inW: 3, inC: 1, outC: 2 });
    const x = new Float32Array(9);
    x[4] = 1; // the centre pixel reaches all 9 outputs (3×3, padding 1)
    x[0] = 1; // a corner reaches 4
    expect(convEventsJs(p, eventLists(x, 3, 1), new Float32Array(18))).toBe((9 + 4) * 2);
  });

  it('ships the bytes conv-events.wat compiles to', async () => {
    const bytes: Buffer = await compileWat(
      new URL('../../../src/core/sim/wasm/conv-events.wat', import.meta.url).pathname,
    );
    expect(bytes.toString('base64')).toBe(CONV_EVENTS_WASM);
  });
});
