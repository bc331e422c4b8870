import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimGraph } from '../../../src/core/sim/types';
import { simulate } from '../../../src/core/sim/run';
import { buildSimGraph } from '../../../src/core/sim/graph';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { bufferSource } from '../../../src/core/model/onnx/wire';

/** input [1] → gemm w=1, b=0 → IF → gemm (output). The IF sees a constant current x every step. */
function oneNeuron(): SimGraph {
  const one = { inH: 1, inW: 1, outH: 1, outW: 1, kh: 1, kw: 1, sh: 1, sw: 1, ph: 0, pw: 0, dh: 1, dw: 1 };
  const ident = (n: number) => ({
    conv: { ...one, inC: 1, outC: 1, groups: 1, w: new Float32Array([n]), b: new Float32Array([0]) },
  });
  return {
    ops: [
      { kind: 'gemm', name: 'fc1', input: 0, output: 1, ...ident(1) },
      { kind: 'relu', name: 'if1', input: 1, output: 2, max: Infinity },
      { kind: 'gemm', name: 'fc2', input: 2, output: 3, ...ident(1) },
    ],
    shapes: [[1], [1], [1], [1]],
    input: 0,
    output: 3,
    inputShape: [1],
  };
}

describe('integrate-and-fire dynamics (hand computed)', () => {
  it('with θ = 1 (the largest calibration activation), v(0) = 0.5, current 0.375 for T = 6 fires twice', () => {
    // calibration inputs 1.0 and 0.375: positive ReLU outputs {1, 0.375}, p100 → θ = 1 (values exact in binary)
    // v: 0.5 → 0.875 → 1.25 (fire, 0.25) → 0.625 → 1.0 (fire, 0) → 0.375 → 0.75: spikes at t = 2 and t = 4
    const r = simulate(oneNeuron(), [new Float32Array([0.375])], [new Float32Array([1]), new Float32Array([0.375])], {
      timesteps: 6,
      thresholdPercentile: 100,
      vInit: 0.5,
      encoding: 'direct',
      seed: 0,
    });
    expect(r.layers[0].threshold).toBe(1);
    expect(r.layers[0].spikeRate).toBeCloseTo(2 / 6, 12);
    expect(r.layers[0].spikesPerNeuron).toBe(2);
  });

  it('never fires on a negative current, and fires every step on a current of θ', () => {
    const opts = { timesteps: 4, thresholdPercentile: 100, vInit: 0, encoding: 'direct' as const, seed: 0 };
    expect(simulate(oneNeuron(), [new Float32Array([-2])], [new Float32Array([1])], opts).layers[0].spikeRate).toBe(0);
    expect(simulate(oneNeuron(), [new Float32Array([1])], [new Float32Array([1])], opts).layers[0].spikeRate).toBe(1);
  });

  it('is deterministic: the same seed gives the same counts, another seed others (Poisson)', () => {
    const b = bufferSource(new Uint8Array(readFileSync(new URL('../../fixtures/onnx/cnn_bn.onnx', import.meta.url))));
    const g = buildSimGraph(readOnnx(b).value!, b);
    if ('error' in g) throw new Error(g.error);
    const x = [Float32Array.from({ length: 768 }, (_, i) => (i % 17) / 17)];
    const run = (seed: number) =>
      simulate(g, x, x, { timesteps: 6, thresholdPercentile: 99.9, vInit: 0.5, encoding: 'poisson', seed }).layers.map(
        (l) => l.spikes,
      );
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });
});

describe('batching', () => {
  it('does not change the counts: 20 samples at once (a batch of 16 and one of 4) = 16 + 4 in two runs', () => {
    const b = bufferSource(
      new Uint8Array(readFileSync(new URL('../../fixtures/onnx/resnet_tiny.onnx', import.meta.url))),
    );
    const g = buildSimGraph(readOnnx(b).value!, b);
    if ('error' in g) throw new Error(g.error);
    const x = Array.from({ length: 20 }, (_, k) =>
      Float32Array.from({ length: 192 }, (_, i) => ((i * 7 + k) % 13) / 13),
    );
    const opts = { timesteps: 5, thresholdPercentile: 99.9, vInit: 0.5, encoding: 'direct' as const, seed: 0 };
    const spikes = (r: ReturnType<typeof simulate>) => r.layers.map((l) => l.spikes);
    const all = spikes(simulate(g, x, x, opts));
    const first = spikes(simulate(g, x.slice(0, 16), x, opts));
    const rest = spikes(simulate(g, x.slice(16), x, opts));
    expect(all).toEqual(first.map((s, i) => s + rest[i]));
  });
});
