import type { Layer, LayerCounts, Network } from '../model/ir';
import type { Architecture } from '../energy/architecture';
import { fastEnergies } from '../energy/fast';
import { resolveActivity, type WeightedActivity } from './activity';
import { settingsOf } from './analyze';
import { activityOf, TableCache, type RateMode } from './evaluate';
import { breakpoints } from './solve';
import { networkMeanActivity, networkMeanCounts, summarize } from './summary';
import type { AnalysisOptions } from './types';

/** Energies (J) of the QNN twin and of the SNN at spike rate x. */
export interface CurvePoint {
  readonly x: number;
  readonly qnnJ: number;
  readonly snnJ: number;
}

export interface EnergyCurves {
  /** The whole model when every layer spikes at rate x (the model break-even s* is where they cross). */
  readonly model: readonly CurvePoint[];
  /**
   * One curve per weighted layer, in the analysis's layer order: the layer's energies when the rate it
   * consumes is x (its own output rate follows x only if nothing declared it), as the per-layer s*.
   * The first layer consumes analog input: its x is its own output rate.
   */
  readonly layers: readonly { readonly name: string; readonly points: readonly CurvePoint[] }[];
}

/**
 * The break-even curves of a network on one architecture, for the comparison panel.
 *
 * E_QNN(x) and E_SNN(x) are piecewise affine in the rate x: counts are linear in x, and the QNN's
 * activation density (Theorem 2, 2xT/(T+1), capped at 1) bends once, at the knee of `breakpoints(T)`.
 * So the values at those breakpoints (0, the knee, 1) are the exact curves, joined by straight lines.
 * The same evaluation as `analyze` (settings, per-layer or network-mean view, per-layer weight bits).
 *
 * Example: `energyCurves(net, arch, opts).layers[3].points` → `[{ x: 0, … }, { x: 0.583, … }, { x: 1, … }]`.
 */
export function energyCurves(net: Network, arch: Architecture, opts: AnalysisOptions): EnergyCurves {
  const s = settingsOf(net, opts);
  const T = s.timesteps;
  const resolved = resolveActivity(net, s.defaultSpikeRate, opts.measured);
  const mean = s.view === 'network-mean';
  const activity = mean ? networkMeanActivity(resolved) : resolved;
  const meanCounts = mean ? networkMeanCounts(summarize(net, resolved)) : undefined;
  const countsOf = (l: Layer): LayerCounts => (meanCounts ? meanCounts(l) : l.counts!);
  const caches = new Map<number, TableCache>();
  const cacheFor = (bits: number) => caches.get(bits) ?? caches.set(bits, new TableCache(arch, bits)).get(bits)!;
  const xs = breakpoints(T);
  const e = { qnn: 0, snn: 0 };
  const at = (wa: WeightedActivity, mode: RateMode) => {
    const c = cacheFor(wa.layer.weightBits ?? s.weightBits);
    fastEnergies(countsOf(wa.layer), activityOf(wa, T, c.rho, mode), c.at(T), T, e);
    return { qnnJ: e.qnn, snnJ: e.snn };
  };
  const layerMode = mean ? 'uniform' : 'free';
  const layers = activity.map((wa) => ({
    name: wa.layer.name,
    points: xs.map((x) => ({ x, ...at(wa, { kind: layerMode, x }) })),
  }));
  const model = xs.map((x) => {
    let qnnJ = 0;
    let snnJ = 0;
    for (const wa of activity) {
      const p = at(wa, { kind: 'uniform', x });
      qnnJ += p.qnnJ;
      snnJ += p.snnJ;
    }
    return { x, qnnJ, snnJ };
  });
  return { model, layers };
}
