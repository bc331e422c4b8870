// The TypeScript simulator against the PyTorch reference implementation of the same semantics
// (test/reference/sim_reference.py; its outputs are committed): per-layer spike rates within 1e-3.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import { buildSimGraph } from '../../../src/core/sim/graph';
import type { SimGraph } from '../../../src/core/sim/types';
import { randomInputs, samplesFrom } from '../../../src/core/sim/inputs';
import { parseNpy } from '../../../src/core/sim/npy';
import { simulate } from '../../../src/core/sim/run';

const DIR = new URL('../../reference/expected/', import.meta.url);
const ROOT = new URL('../../../', import.meta.url);

interface Expected {
  model: string;
  inputs: string;
  samples: number;
  timesteps: number;
  encoding: 'direct' | 'poisson';
  seed: number;
  thresholdPercentile: number;
  vInit: number;
  layers: { name: string; spikeRate: number; threshold: number; annDensity: number }[];
  meanSpikeRate: number;
  agreement: number;
}

function graph(model: string): SimGraph {
  const b = bufferSource(new Uint8Array(readFileSync(new URL(model, ROOT))));
  const g = buildSimGraph(readOnnx(b).value!, b);
  if ('error' in g) throw new Error(g.error);
  return g;
}

describe('simulator = PyTorch reference', () => {
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.sim.json'))) {
    const e = JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as Expected;
    it(`${f.replace('.sim.json', '')}: ${e.samples} samples, T=${e.timesteps}, ${e.encoding}`, () => {
      const g = graph(e.model);
      const npy = parseNpy(new Uint8Array(readFileSync(new URL(e.inputs, DIR))));
      if ('error' in npy) throw new Error(npy.error);
      const inputs = samplesFrom(npy.shape, npy.data, g.inputShape);
      if ('error' in inputs) throw new Error(inputs.error);
      const r = simulate(g, inputs, inputs, {
        timesteps: e.timesteps,
        thresholdPercentile: e.thresholdPercentile,
        vInit: e.vInit,
        encoding: e.encoding,
        seed: e.seed,
      });
      expect(r.layers.map((l) => l.name)).toEqual(e.layers.map((l) => l.name));
      r.layers.forEach((l, i) => {
        expect(Math.abs(l.spikeRate - e.layers[i].spikeRate), l.name).toBeLessThanOrEqual(1e-3);
        // float32 here, float64 there: thresholds agree to float32 precision
        expect(Math.abs(l.threshold / e.layers[i].threshold - 1), l.name).toBeLessThan(1e-5);
        expect(Math.abs(l.annDensity - e.layers[i].annDensity), l.name).toBeLessThanOrEqual(1e-4);
      });
      expect(Math.abs(r.meanSpikeRate - e.meanSpikeRate)).toBeLessThanOrEqual(1e-3);
      expect(r.agreement).toBeCloseTo(e.agreement, 9);
    });
  }

  it('draws the same seeded random inputs as the reference (mulberry32 in both)', () => {
    const npy = parseNpy(new Uint8Array(readFileSync(new URL('cnn_bn.inputs.npy', DIR))));
    if ('error' in npy) throw new Error(npy.error);
    const ours = randomInputs(16, [16, 16, 3], 0);
    expect(ours.shape).toEqual(npy.shape);
    expect(Array.from(ours.data)).toEqual(Array.from(npy.data));
  });
});
