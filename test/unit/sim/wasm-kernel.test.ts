// The WebAssembly SIMD scatter against the JavaScript one: bit-identical sums, same op counts;
// and the committed bytes are what scripts/build-wasm.mjs makes from conv-events.wat.
import { describe, expect, it } from 'vitest';
import type { ConvParams } from '../../../src/core/sim/graph';
import { convEventsJs } from '../../../src/core/sim/kernels';
import { convEventsWasm } from '../../../src/core/sim/wasm/kernel';
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
  const w = Float64Array.from({ length: (base.inC / base.groups) * base.kh * base.kw * base.outC }, () => r() - 0.5);
  // our layout indexes weights by global input channel: size inC·kh·kw·(outC/groups)
  const wl = Float64Array.from(
    { length: base.inC * base.kh * base.kw * (base.outC / base.groups) },
    (_, i) => w[i % w.length],
  );
  return { ...base, outH, outW, w: wl, b: Float64Array.from({ length: base.outC }, () => r()) };
}

describe('WebAssembly scatter = JavaScript scatter', () => {
  it.each([
    ['plain 3×3', {}],
    ['odd output channels', { outC: 7 }],
    ['stride 2, dilation 2', { sh: 2, sw: 2, dh: 2, dw: 2, ph: 2, pw: 2 }],
    ['groups', { inC: 6, outC: 9, groups: 3 }],
    ['depthwise, 5×3 kernel', { inC: 4, outC: 4, groups: 4, kh: 5, kw: 3, ph: 2 }],
  ])('%s', (_name, o) => {
    const r = mulberry32(11);
    const p = params(r, o);
    const x = Float64Array.from({ length: p.inH * p.inW * p.inC }, () => (r() < 0.2 ? 0.7 : 0));
    const a = new Float64Array(p.outH * p.outW * p.outC);
    const b = new Float64Array(p.outH * p.outW * p.outC);
    const opsJs = convEventsJs(p, x, a);
    const opsWasm = convEventsWasm(p, x, b);
    expect(opsWasm).toBe(opsJs);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('ships the bytes conv-events.wat compiles to', async () => {
    const bytes: Buffer = await compileWat(
      new URL('../../../src/core/sim/wasm/conv-events.wat', import.meta.url).pathname,
    );
    expect(bytes.toString('base64')).toBe(CONV_EVENTS_WASM);
  });
});
