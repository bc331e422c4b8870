import { describe, expect, it } from 'vitest';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';
import { actionTable } from '../../../src/core/energy/action-energy';
import { energiesOf, layerDetail, tableVector, VEC } from '../../../src/core/energy/fast';
import { breakdownOf, energyOf, qnnCounts, snnCounts, type LayerActivity } from '../../../src/core/energy/layer-energy';
import { convCounts } from '../../../src/core/model/counts';
import type { Architecture } from '../../../src/core/energy/architecture';

const counts = convCounts(64, 128, [3, 3], [16, 16]);
const activities: LayerActivity[] = [
  { analogInput: true, rIn: 0, rOut: 0.1, rhoIn: 1, rhoOut: 0.3 },
  { analogInput: false, rIn: 0.07, rOut: 0.05, rhoIn: 0.45, rhoOut: 0.45 },
  { analogInput: false, rIn: 0.2, rOut: 0, rhoIn: 0.34, rhoOut: 1 },
];

/** Equal to rounding: the two forms add the same terms in a different order (a few ulps of a joule-sized sum). */
const closeTo = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-14 * Math.abs(b));

// the neuromorphic documents again with the dense SNN dataflow allowed; at r_in = 0.5 it is the cheaper one
const withDense = BUILTIN_ARCHITECTURES.filter((a) => a.id.startsWith('neuromorphic')).map((a): Architecture => ({
  ...a,
  id: `${a.id} (sparse-or-dense)`,
  snnDataflow: 'sparse-or-dense',
}));
activities.push({ analogInput: false, rIn: 0.5, rOut: 0.4, rhoIn: 0.8, rhoOut: 0.7 });

describe('the vector energy sum equals counts × energy per action', () => {
  it('takes the dense dataflow where it is cheaper', () => {
    const t = actionTable(withDense[0], { timesteps: 6, weightBits: 8 });
    expect(snnCounts(counts, activities[3], t, 6).denseDelivery).toBe(6 * counts.synapses);
    expect(snnCounts(counts, activities[1], t, 6).denseDelivery).toBe(0);
  });

  for (const arch of [...BUILTIN_ARCHITECTURES, ...withDense])
    for (const T of [1, 6, 15])
      it(`on ${arch.id} at T=${T}`, () => {
        const t = actionTable(arch, { timesteps: T, weightBits: 8 });
        for (const a of activities) {
          const out = { qnn: 0, snn: 0 };
          const v = new Float64Array(2 * VEC);
          tableVector(t, v, VEC);
          energiesOf(counts, a, v, VEC, T, out);
          const qc = qnnCounts(counts, a, t);
          const sc = snnCounts(counts, a, t, T);
          closeTo(out.qnn, energyOf(qc, t.qnn));
          closeTo(out.snn, energyOf(sc, t.snn));
          const d = layerDetail(counts, a, t, T);
          const bq = breakdownOf(qc, t.qnn);
          const bs = breakdownOf(sc, t.snn);
          for (const k of Object.keys(bq) as (keyof typeof bq)[]) expect(d.qnn[k]).toBeCloseTo(bq[k], 18);
          for (const k of Object.keys(bs) as (keyof typeof bs)[]) expect(d.snn[k]).toBeCloseTo(bs[k], 18);
          expect(d.qnnCompute).toBeCloseTo(energyOf(qc, t.qnn, 'compute'), 18);
          expect(d.snnCompute).toBeCloseTo(energyOf(sc, t.snn, 'compute'), 18);
        }
      });
});
