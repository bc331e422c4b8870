// The break-even solver is exact only if E_SNN − E_QNN is affine between the breakpoints it is given. The v4
// neuromorphic model ties the QNN's density to the spike rate (Theorem 2, capped at 1) and, with the dense
// dataflow allowed, takes the cheaper of two SNN dataflows per layer: both bend the curves. These tests check
// the affinity between breakpoints directly and the solver against a brute-force root search.
import { describe, expect, it } from 'vitest';
import { BUILTIN_ARCHITECTURES, findBuiltin } from '../../../src/core/energy/builtins';
import { actionTable } from '../../../src/core/energy/action-energy';
import type { Architecture } from '../../../src/core/energy/architecture';
import type { LayerActivity } from '../../../src/core/energy/layer-energy';
import { convCounts, linearCounts } from '../../../src/core/model/counts';
import { layerDelta, TableCache } from '../../../src/core/analysis/evaluate';
import { theorem2Density } from '../../../src/core/energy/theorems';
import { breakEvenFrom, breakpoints, dataflowKnee } from '../../../src/core/analysis/solve';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { analyze } from '../../../src/core/analysis/analyze';
import { parseArchitecture } from '../../../src/core/energy/validate-architecture';

const dense = (a: Architecture): Architecture => ({ ...a, id: `${a.id}+dense`, snnDataflow: 'sparse-or-dense' });
const archs = [...BUILTIN_ARCHITECTURES, ...BUILTIN_ARCHITECTURES.filter((a) => a.id.startsWith('neuro')).map(dense)];
const layers = [convCounts(64, 128, [3, 3], [16, 16]), linearCounts(4096, 1), linearCounts(64, 10)];

/** A layer consuming rate x whose own rate is x too (the paper's uniform rate), QNN density by Theorem 2 unless fixed. */
function activity(x: number, T: number, rho: number | undefined): LayerActivity {
  const d = rho ?? theorem2Density(x, T);
  return { analogInput: false, rIn: x, rOut: x, rhoIn: d, rhoOut: d };
}

describe('E_SNN − E_QNN is affine between the breakpoints', () => {
  for (const arch of archs)
    it(`on ${arch.id}`, () => {
      for (const T of [1, 2, 3, 5, 6, 16])
        for (const w of [4, 8]) {
          const cache = new TableCache(arch, w);
          const t = cache.at(T);
          const rho = arch.parameters.annDensity?.value;
          const xs = breakpoints(T, [t]);
          for (const c of layers) {
            const d = (x: number) => layerDelta(c, activity(x, T, rho), cache, T);
            for (let i = 1; i < xs.length; i++) {
              const [a, b] = [xs[i - 1], xs[i]];
              for (const f of [0.25, 0.5, 0.75]) {
                const x = a + f * (b - a);
                const lin = d(a) + f * (d(b) - d(a));
                expect(Math.abs(d(x) - lin)).toBeLessThanOrEqual(1e-9 * (Math.abs(d(a)) + Math.abs(d(b))));
              }
            }
          }
        }
    });

  it('needs the dataflow knee: without it, the dense-dataflow curve is not affine across it', () => {
    const arch = dense(findBuiltin('neuromorphic')!);
    const cache = new TableCache(arch, 4);
    const t = cache.at(5);
    const knee = dataflowKnee(t)!;
    // hand calculation at 0.64 hops: (4·0.0403 + 0.25·0.64) / (4·0.0403 + 3.0·0.64)
    expect(knee).toBeCloseTo((4 * 0.0403 + 0.16) / (4 * 0.0403 + 1.92), 12);
    expect(breakpoints(5, [t])).toEqual([0, knee, 0.6, 1]); // 0.6 = Theorem 2's knee (T+1)/(2T)
    const c = linearCounts(4096, 1);
    const d = (x: number) => layerDelta(c, activity(x, 5, undefined), cache, 5);
    expect(Math.abs(d(0.3) - (d(0) + (0.3 / 0.6) * (d(0.6) - d(0))))).toBeGreaterThan(1e-15);
    expect(dataflowKnee(actionTable(findBuiltin('neuromorphic')!, { timesteps: 5, weightBits: 4 }))).toBeUndefined();
  });
});

describe('the solver finds the first root exactly', () => {
  /** Brute force: scan 20,000 steps for the first sign change of d, then bisect to 1e-13. */
  function bruteForce(d: (x: number) => number): number | 'never' | 'always' {
    const n = 20_000;
    let prev = d(0);
    if (prev === 0) return 0;
    for (let i = 1; i <= n; i++) {
      const x = i / n;
      const v = d(x);
      if (Math.sign(v) !== Math.sign(prev)) {
        let lo = (i - 1) / n;
        let hi = x;
        for (let k = 0; k < 60; k++) {
          const m = (lo + hi) / 2;
          if (Math.sign(d(m)) === Math.sign(prev)) lo = m;
          else hi = m;
        }
        return (lo + hi) / 2;
      }
      prev = v;
    }
    return d(0) > 0 ? 'never' : 'always';
  }

  for (const arch of archs)
    it(`on ${arch.id}`, () => {
      for (const T of [1, 2, 5, 16]) {
        const cache = new TableCache(arch, 8);
        const t = cache.at(T);
        const rho = arch.parameters.annDensity?.value;
        for (const c of layers) {
          const d = (x: number) => layerDelta(c, activity(x, T, rho), cache, T);
          const b = breakEvenFrom(breakpoints(T, [t]).map((x) => [x, d(x)] as const));
          const ref = bruteForce(d);
          if (typeof ref === 'number') {
            expect(b.kind, `${arch.id} T=${T}`).toBe('rate');
            if (b.kind === 'rate') expect(b.rate).toBeCloseTo(ref, 9);
          } else expect(b.kind).toBe(ref);
        }
      }
    });

  it('finds a root past the dataflow knee, by hand: a document of its own with the dense dataflow allowed', () => {
    // Per synapse of fc2 (fan-in 100, T = 1, so b = 1 and ρ = x): E_QNN = 1 + 2x; E_SNN = 0.05x + min(3x, 1) + 1.1
    // (110 pJ per neuron per step over 100 synapses). d(0) = 0.1 > 0; sparse d = 0.1 + 1.05x rises to the knee
    // x = 1/3; dense d = 1.1 − 1.95x crosses zero at x = 1.1/1.95. Without the knee the solver would say 0.1/0.95.
    const doc = {
      id: 'toy-dense',
      version: '1.0.0',
      name: 'Toy dense',
      description: 'hand-made',
      snnDataflow: 'sparse-or-dense',
      sources: { hand: 'a hand calculation' },
      parameters: {},
      qnn: {
        synapticOp: { components: [{ label: 'MAC', kind: 'compute', pJ: 2, source: 'hand' }] },
        activationDelivery: { components: [{ label: 'input', kind: 'movement', pJ: 1, source: 'hand' }] },
      },
      snn: {
        synapticOp: { components: [{ label: 'accumulate', kind: 'compute', pJ: 0.05, source: 'hand' }] },
        spikeDelivery: { components: [{ label: 'event', kind: 'movement', pJ: 3, source: 'hand' }] },
        denseDelivery: { components: [{ label: 'bit', kind: 'movement', pJ: 1, source: 'hand' }] },
        neuronUpdate: { components: [{ label: 'membrane', kind: 'memory', pJ: 110, source: 'hand' }] },
      },
    };
    const parsed = parseArchitecture(JSON.stringify(doc));
    expect(parsed.problems).toEqual([]);
    const spec = {
      name: 'two-fc',
      input: { shape: [100] },
      timesteps: 1,
      layers: [
        { name: 'fc1', type: 'linear', outFeatures: 100 },
        { name: 'fc2', type: 'linear', outFeatures: 10 },
      ],
    };
    const net = parseLayerSpec(JSON.stringify(spec)).value!;
    const r = analyze(net, parsed.value!, { view: 'per-layer', nearMargin: 0.1, defaultSpikeRate: 0.5 });
    const fc2 = r.architectures[0].layers[1];
    expect(fc2.breakEvenSpikeRate!).toBeCloseTo(1.1 / 1.95, 12);
    // at 0.5 the layer is in the dense regime: 10 neurons·110 + 1000·(0.05·0.5 + 1) pJ against 1000·(1 + 2·0.5) pJ
    expect(fc2.snnEnergyJ).toBeCloseTo((1100 + 1000 * 1.025) * 1e-12, 18);
    expect(fc2.qnnEnergyJ).toBeCloseTo(2000 * 1e-12, 18);
    expect(fc2.breakdown.snn.denseDelivery).toBeCloseTo(1000 * 1e-12, 18);
    expect(fc2.breakdown.snn.spikeDelivery).toBe(0);
    // the per-T path (sweep, largest T) agrees with the per-layer one at T = 1
    const whole = r.architectures[0];
    expect(whole.sweep[0].snnEnergyJ).toBeCloseTo(whole.snnEnergyJ, 18);
    expect(whole.sweep[0].qnnEnergyJ).toBeCloseTo(whole.qnnEnergyJ, 18);
  });
});
