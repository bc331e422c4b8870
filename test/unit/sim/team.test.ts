// A team's pieces: bands of output rows add up to the whole convolution bit for bit (event-driven in WebAssembly
// and JavaScript, dense), on strided, padded, dilated and grouped layers and several samples; a barrier lets a
// cancel or a failed thread through instead of waiting forever.
import { describe, expect, it } from 'vitest';
import type { ConvParams } from '../../../src/core/sim/types';
import { convParams } from './conv-params';
import { convolve, convolveBand, convolveJs } from '../../../src/core/sim/kernels';
import { convDense } from '../../../src/core/sim/dense';
import { Cancelled } from '../../../src/core/sim/forward';
import { mulberry32 } from '../../../src/core/sim/prng';
import { barrier, failTeam, TeamFailed, teamBuffers, type Team } from '../../../src/core/sim/team';

const params = (r: () => number, o: Partial<ConvParams>) => convParams(r, { inH: 11, inW: 7, inC: 6, outC: 8, ...o });

type Kernel = (
  p: ConvParams,
  x: Float32Array,
  out: Float32Array,
  n: number,
  stats: { events: number },
  band?: [number, number],
) => number;
const kernels: [string, Kernel][] = [
  ['event-driven', (p, x, o, n, st, band) => convolve(p, x, o, n, st, band)],
  [
    'event-driven, JavaScript',
    (p, x, o, n, st, band) =>
      band ? convolveBand(p, x, o, n, band, st, (q, xs, os) => convolveJs(q, xs, os, 1)) : convolveJs(p, x, o, n, st),
  ],
  ['dense', (p, x, o, n, st, band) => convDense(p, x, o, n, st, band)],
];
const layers: [string, Partial<ConvParams>][] = [
  ['3×3 pad 1', {}],
  ['3×3 stride 2 pad 1', { sh: 2, sw: 2 }],
  ['5×5 dilated 2 pad 3', { kh: 5, kw: 5, dh: 2, dw: 2, ph: 3, pw: 3 }],
  ['3×3 grouped (2) stride 2 pad 0', { groups: 2, sh: 2, ph: 0, pw: 0 }],
];

describe('bands of output rows', () => {
  for (const [kName, kernel] of kernels)
    it.each(layers)(
      `${kName}: the bands of 2, 3 and 4 threads make the whole output and count every input once (%s)`,
      (_, o) => {
        const r = mulberry32(7);
        const p = params(r, o);
        const samples = 2;
        const x = Float32Array.from({ length: samples * p.inH * p.inW * p.inC }, () => (r() < 0.3 ? 0.8 : 0));
        const whole = new Float32Array(samples * p.outH * p.outW * p.outC);
        const all = { events: 0 };
        const ops = kernel(p, x, whole, samples, all);
        expect(all.events).toBe(x.filter((v) => v !== 0).length);
        const plane = whole.length / samples;
        for (const size of [2, 3, 4]) {
          const got = new Float32Array(whole.length).fill(NaN);
          let sum = 0;
          const events = { events: 0 };
          for (let rank = 0; rank < size; rank++) {
            const band: [number, number] = [
              Math.floor((p.outH * rank) / size),
              Math.floor((p.outH * (rank + 1)) / size),
            ];
            const mine = new Float32Array(whole.length).fill(NaN);
            sum += kernel(p, x, mine, samples, events, band);
            const [a, b] = band.map((row) => row * p.outW * p.outC);
            for (let s = 0; s < samples; s++) got.set(mine.subarray(s * plane + a, s * plane + b), s * plane + a);
          }
          expect(Array.from(got)).toEqual(Array.from(whole));
          expect(sum).toBe(ops);
          expect(events.events).toBe(all.events); // each band counts its share of the input rows
        }
      },
    );
});

function team(size: number, cancelled: () => boolean): Team {
  const t = teamBuffers(4);
  const exchange: [Float32Array, Float32Array] = [new Float32Array(t.exchange[0]), new Float32Array(t.exchange[1])];
  return { rank: 0, size, exchange, sync: new Int32Array(t.sync), cancelled, turn: 0 };
}

describe('barrier', () => {
  it('lets the last thread to arrive through at once', () => {
    const t = team(1, () => false);
    expect(() => barrier(t, () => new Cancelled())).not.toThrow();
  });

  it('stops waiting for a thread that never comes when the run is cancelled', () => {
    let polls = 0;
    const t = team(2, () => ++polls > 2);
    const t0 = performance.now();
    expect(() => barrier(t, () => new Cancelled())).toThrow(Cancelled);
    expect(performance.now() - t0).toBeLessThan(1000); // two 20 ms waits, not forever
    // and the other thread, arriving later, does not wait either
    expect(() => barrier({ ...t, rank: 1, cancelled: () => false }, () => new Cancelled())).toThrow(TeamFailed);
  });

  it('a failed thread releases the others', () => {
    const t = team(2, () => false);
    failTeam(t.sync);
    expect(() => barrier(t, () => new Cancelled())).toThrow(TeamFailed);
  });
});
