import type { WeightedActivity } from './activity';
import type { Architecture } from '../energy/architecture';
import { countsOf, elementwiseAt, tablesAt, weightBitsOf, type Ctx } from './context';
import type { RateMode, TableCache } from './evaluate';
import { activityOf } from './evaluate';
import { breakpoints } from './solve';
import type { CurvePoint, EnergyCurves } from './types';

/**
 * The break-even curves of a network on one architecture (the comparison panel's), computed when an
 * architecture result's `curves` is first read.
 *
 * E_QNN(x) and E_SNN(x) are piecewise affine in the rate x: counts are linear in x, and the QNN's
 * activation density (Theorem 2, 2xT/(T+1), capped at 1) bends once, at the knee of `breakpoints(T)`, and an
 * SNN allowed the dense dataflow bends where it switches to it. So the values at those breakpoints are the
 * exact curves, joined by straight lines.
 * The same evaluation as the analysis (settings, per-layer or network-mean view, per-layer weight bits).
 *
 * Example: `analysis.architectures[0].curves.layers[3].points` → `[{ x: 0, … }, { x: 0.583, … }, { x: 1, … }]`.
 */
export function curvesOf(ctx: Ctx, arch: Architecture, cacheFor: (bits: number) => TableCache): EnergyCurves {
  const T = ctx.settings.timesteps;
  const xs = breakpoints(T, tablesAt(ctx, arch, cacheFor, T));
  const e = { qnn: 0, snn: 0 };
  const at = (wa: WeightedActivity, mode: RateMode) => {
    const c = cacheFor(weightBitsOf(ctx, wa.layer));
    c.energies(countsOf(ctx, wa.layer), activityOf(wa, T, c.rho, mode), T, e);
    return { qnnJ: e.qnn, snnJ: e.snn };
  };
  const layerMode = ctx.meanCounts ? 'uniform' : 'free';
  const layers = ctx.activity.map((wa) => ({
    name: wa.layer.name,
    points: xs.map((x): CurvePoint => ({ x, ...at(wa, { kind: layerMode, x }) })),
  }));
  // the element-wise work does not depend on the rate: the same offset at every x
  const elem = elementwiseAt(ctx, cacheFor(ctx.settings.weightBits), T);
  const model = xs.map((x): CurvePoint => {
    let qnnJ = elem.qnn;
    let snnJ = elem.snn;
    for (const wa of ctx.activity) {
      const p = at(wa, { kind: 'uniform', x });
      qnnJ += p.qnnJ;
      snnJ += p.snnJ;
    }
    return { x, qnnJ, snnJ };
  });
  return { model, layers };
}
