import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimGraph } from '../../../src/core/sim/graph';
import { simulate } from '../../../src/core/sim/run';
import { percentile } from '../../../src/core/sim/percentile';
import { parseNpy, writeNpy } from '../../../src/core/sim/npy';
import { parseJsonInputs } from '../../../src/core/sim/inputs';
import { buildSimGraph } from '../../../src/core/sim/graph';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { bufferSource } from '../../../src/core/model/onnx/wire';

/** input [1] → gemm w=1, b=0 → IF → gemm (output). The IF sees a constant current x every step. */
function oneNeuron(): SimGraph {
  const ident = (n: number) => ({ w: new Float64Array([n]), b: new Float64Array([0]), inF: 1, outF: 1 });
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
  it('with θ = 1 (the largest calibration activation), v(0) = 0.5, current 0.3 for T = 6 fires twice', () => {
    // calibration inputs 1.0 and 0.3: positive ReLU outputs {1, 0.3}, p100 → θ = 1
    // v: 0.5 → 0.8 → 1.1 (fire, 0.1) → 0.4 → 0.7 → 1.0 (fire, 0) → 0.3: spikes at t = 2 and t = 5
    const r = simulate(oneNeuron(), [new Float64Array([0.3])], [new Float64Array([1]), new Float64Array([0.3])], {
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
    expect(simulate(oneNeuron(), [new Float64Array([-2])], [new Float64Array([1])], opts).layers[0].spikeRate).toBe(0);
    expect(simulate(oneNeuron(), [new Float64Array([1])], [new Float64Array([1])], opts).layers[0].spikeRate).toBe(1);
  });

  it('is deterministic: the same seed gives the same counts, another seed others (Poisson)', () => {
    const b = bufferSource(new Uint8Array(readFileSync(new URL('../../fixtures/onnx/cnn_bn.onnx', import.meta.url))));
    const g = buildSimGraph(readOnnx(b).value!, b);
    if ('error' in g) throw new Error(g.error);
    const x = [Float64Array.from({ length: 768 }, (_, i) => (i % 17) / 17)];
    const run = (seed: number) =>
      simulate(g, x, x, { timesteps: 6, thresholdPercentile: 99.9, vInit: 0.5, encoding: 'poisson', seed }).layers.map(
        (l) => l.spikes,
      );
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });
});

describe('percentile (NumPy linear)', () => {
  it.each([
    [[1, 2, 3, 4], 50, 2.5],
    [[1, 2, 3, 4], 100, 4],
    [[1, 2, 3, 4], 0, 1],
    [[10, 0, 5], 99.9, 9.99],
  ])('of %j at p%d is %d', (xs, p, v) => expect(percentile(Float64Array.from(xs), p)).toBeCloseTo(v, 12));
});

describe('.npy inputs', () => {
  it('round-trips float32 arrays', () => {
    const r = parseNpy(writeNpy([2, 3], Float32Array.from([1, 2, 3, 4, 5, 6.5])));
    expect(r).toEqual({ shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6.5]) });
  });

  it('refuses other dtypes, Fortran order and truncation with a clear message', () => {
    const f32 = writeNpy([2], Float32Array.from([1, 2]));
    const asText = (b: Uint8Array) => new TextDecoder('latin1').decode(b);
    const replace = (from: string, to: string) =>
      new Uint8Array(Array.from(asText(f32).replace(from, to), (c) => c.charCodeAt(0)));
    expect(parseNpy(replace("'<f4'", "'<f8'"))).toEqual({
      error: '.npy dtype <f8 is not supported: save the array as float32 (x.astype(np.float32))',
    });
    expect(parseNpy(replace('False', 'True '))).toEqual({
      error: '.npy array is in Fortran order: save it with np.ascontiguousarray(x)',
    });
    expect(parseNpy(f32.subarray(0, f32.length - 2))).toMatchObject({ error: expect.stringMatching(/truncated/) });
    expect(parseNpy(new TextEncoder().encode('hello'))).toEqual({ error: 'not a .npy file (no \\x93NUMPY magic)' });
  });

  it('reads JSON arrays and refuses ragged ones', () => {
    expect(parseJsonInputs('[[1, 2], [3, 4]]')).toEqual({ shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) });
    expect(parseJsonInputs('[[1, 2], [3]]')).toEqual({
      error: 'inputs JSON must be a rectangular array of numbers, N×C×H×W or N×F',
    });
  });
});

describe('ops the simulator cannot simulate', () => {
  it('are an error naming the op and the node', () => {
    const b = bufferSource(new Uint8Array(readFileSync(new URL('../../fixtures/onnx/lstm.onnx', import.meta.url))));
    const g = buildSimGraph(readOnnx(b).value!, b);
    expect(g).toEqual({
      error: expect.stringMatching(
        /^the simulator cannot simulate (Shape|LSTM) \(node \/lstm\/(Shape|LSTM)\): supported are Conv/,
      ),
    });
  });
});
