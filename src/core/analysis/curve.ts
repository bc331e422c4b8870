import type { Network } from '../model/ir';
import type { Architecture } from '../energy/architecture';
import { resolveActivity } from './activity';
import { activityOf, TableCache } from './evaluate';
import { fastEnergies } from '../energy/fast';
import { settingsOf } from './analyze';
import { networkMeanActivity, networkMeanCounts, summarize } from './summary';
import type { AnalysisOptions } from './types';

/**
 * The model's QNN and SNN energy (J) when every layer spikes at the same rate x, for each x: the
 * break-even curve the comparison panel draws. Exact: the same evaluation as the analysis.
 */
export function modelCurve(
  net: Network,
  arch: Architecture,
  opts: AnalysisOptions,
  xs: readonly number[],
): { x: number; qnnJ: number; snnJ: number }[] {
  const s = settingsOf(net, opts);
  const resolved = resolveActivity(net, s.defaultSpikeRate, opts.measured);
  const mean = s.view === 'network-mean';
  const activity = mean ? networkMeanActivity(resolved) : resolved;
  const meanCounts = mean ? networkMeanCounts(summarize(net, resolved)) : undefined;
  const caches = new Map<number, TableCache>();
  const cacheFor = (bits: number) => caches.get(bits) ?? caches.set(bits, new TableCache(arch, bits)).get(bits)!;
  const e = { qnn: 0, snn: 0 };
  return xs.map((x) => {
    let qnnJ = 0;
    let snnJ = 0;
    for (const wa of activity) {
      const c = cacheFor(wa.layer.weightBits ?? s.weightBits);
      fastEnergies(
        meanCounts ? meanCounts(wa.layer) : wa.layer.counts!,
        activityOf(wa, s.timesteps, c.rho, { kind: 'uniform', x }),
        c.at(s.timesteps),
        s.timesteps,
        e,
      );
      qnnJ += e.qnn;
      snnJ += e.snn;
    }
    return { x, qnnJ, snnJ };
  });
}
