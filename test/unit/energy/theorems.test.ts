// The paper's Theorems 1 and 2 (Yan, Bai, Wong, arXiv 2409.08290), checked through the analysis that
// uses them: every expected number below is the paper's formula worked by hand.
import { describe, expect, it } from 'vitest';
import { architecturesOf, type ArchitectureDocument } from '../../../src/core/energy/architecture';
import { activationBits, theorem2Density } from '../../../src/core/energy/theorems';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { analyze } from '../../../src/core/analysis/analyze';

/** A compute-only chip: one MAC / one ACC per synaptic op, nothing else costs energy. */
function chip(qnnOp: object, snnOp: object, annDensity?: number): ArchitectureDocument {
  return {
    id: 'toy',
    version: '1.0.0',
    name: 'toy',
    description: 'test',
    sources: { t: 'test' },
    parameters: annDensity === undefined ? {} : { annDensity: { value: annDensity, source: 't' } },
    qnn: { synapticOp: { components: [{ label: 'mac', kind: 'compute', source: 't', ...qnnOp }] } },
    snn: { synapticOp: { components: [{ label: 'acc', kind: 'compute', source: 't', ...snnOp }] } },
  };
}

/** Layer b consumes layer a's spikes at rate r. */
function layerB(doc: ArchitectureDocument, T: number, r: number) {
  const spec = `{ "input": { "shape": [100] }, "timesteps": ${T}, "layers": [
    { "name": "a", "type": "linear", "outFeatures": 100, "spikeRate": ${r} },
    { "name": "b", "type": "linear", "outFeatures": 10 } ] }`;
  const a = analyze(parseLayerSpec(spec).value!, architecturesOf(doc), {
    defaultSpikeRate: 0.1,
    view: 'per-layer',
    nearMargin: 0,
  });
  return a.architectures[0].layers[1];
}

describe('Theorem 1', () => {
  it('gives the QNN twin ⌈log2(T+1)⌉-bit activations: 3 bits at T = 6', () => {
    expect(activationBits(6)).toBe(3);
    expect(activationBits(7)).toBe(3);
    expect(activationBits(8)).toBe(4);
  });
});

describe('Theorem 2', () => {
  it('maps the average-case rate of a T=5 SNN whose QNN twin has 55% sparsity back to density 0.45', () => {
    // by hand: r = (1 − 0.55)·(1/5 + 1)/2 = 0.27; ρ = 2rT/(T+1) = 2·0.27·5/6 = 0.45
    expect(Math.abs(theorem2Density(0.27, 5) - 0.45)).toBeLessThanOrEqual(1e-12);
  });

  it('never gives a density above 1', () => {
    // 2·0.9·5/6 = 1.5 → 1
    expect(theorem2Density(0.9, 5)).toBe(1);
  });
});

describe('compute-only check (v2+)', () => {
  it.each([
    [3, 1.5],
    [7, 7 / 3],
    [15, 3.75],
  ])('the dense-regime ratio at T=%i is T/⌈log2(T+1)⌉ = %f', (T, r) => {
    // a MAC costs 1 pJ per activation bit, an ACC 1 pJ; every activation non-zero, every input spiking
    const b = layerB(chip({ pJPerBit: 1, bits: 'activation' }, { pJ: 1 }, 1), T, 1);
    expect(Math.abs(b.ratio - r)).toBeLessThanOrEqual(1e-9);
  });

  // k = E_MAC/E_ACC; the SNN's compute wins iff T·r ≤ k·(1 − γ), so s* = k·(1 − γ)/T. With γ = 0.55, T = 6,
  // k = 1, (1+T)/2 and T put s* at Theorem 2's lower bound, average and upper bound of the rate.
  it.each([
    [1, 0.45 / 6],
    [3.5, (0.45 * (1 / 6 + 1)) / 2],
    [6, 0.45],
  ])('with k = %f the break-even rate is %f', (k, sStar) => {
    const b = layerB(chip({ pJ: 0.03 * k }, { pJ: 0.03 }, 0.45), 6, 0.1);
    expect(b.breakEvenSpikeRate!).toBeCloseTo(sStar, 12);
  });

  it('says the SNN wins iff T·r ≤ k·(1 − γ) at 45 nm (k = 0.23/0.03, Horowitz)', () => {
    const k = 0.23 / 0.03;
    const at = (r: number) => layerB(chip({ pJ: 0.23 }, { pJ: 0.03 }, 0.45), 6, r);
    expect(at((k * 0.45) / 6 - 1e-6).cheaperAs).toBe('snn');
    expect(at((k * 0.45) / 6 + 1e-6).cheaperAs).toBe('qnn');
  });
});
