// With no fixed ANN density the QNN twin's density follows Theorem 2 (ρ = 2rT/(T+1)), so both
// twins move with the rate; the break-even stays exact.
import { describe, expect, it } from 'vitest';
import { architecturesOf, type ArchitectureDocument } from '../../../src/core/energy/architecture';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { analyze } from '../../../src/core/analysis/analyze';

const doc: ArchitectureDocument = {
  id: 'toy',
  version: '1.0.0',
  name: 'toy',
  description: 'test',
  sources: { t: 'test' },
  parameters: {},
  qnn: {
    synapticOp: { components: [{ label: 'mac', kind: 'compute', pJ: 1, source: 't' }] },
    neuronUpdate: { components: [{ label: 'write', kind: 'memory', pJ: 30, source: 't' }] },
  },
  snn: { synapticOp: { components: [{ label: 'acc', kind: 'compute', pJ: 0.5, source: 't' }] } },
};
const spec = `{ "input": { "shape": [100] }, "timesteps": 6, "layers": [
  { "name": "a", "type": "linear", "outFeatures": 100, "spikeRate": 0.2 },
  { "name": "b", "type": "linear", "outFeatures": 10 } ] }`;

describe('Theorem 2 density in the QNN twin', () => {
  it('gives s* = N_out·c / (N_syn·(T/2 − 2T/(T+1))) for layer b (hand formula)', () => {
    const a = analyze(parseLayerSpec(spec).value!, architecturesOf(doc), {
      defaultSpikeRate: 0.1,
      view: 'per-layer',
      nearMargin: 0,
    });
    const b = a.architectures[0].layers[1];
    // QNN = ρ·N_syn·1 + N_out·30 with ρ = 12r/7; SNN = 6·r·N_syn·0.5  ⇒  s* = 10·30 / (1000·(3 − 12/7))
    expect(b.breakEvenSpikeRate!).toBeCloseTo(300 / (1000 * (3 - 12 / 7)), 12);
    // at r = 0.2: QNN = (12·0.2/7)·1000 + 300; SNN = 6·0.2·1000·0.5
    expect(b.qnnEnergyJ).toBeCloseTo(((12 * 0.2) / 7) * 1000e-12 + 300e-12, 18);
    expect(b.snnEnergyJ).toBeCloseTo(600e-12, 18);
    expect(b.annDensity).toBeCloseTo((12 * 0.2) / 7, 12);
  });
});
