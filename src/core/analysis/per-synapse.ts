import type { Architecture } from '../energy/architecture';
import { finish } from '../model/counts';
import { theorem2Density } from '../energy/theorems';
import { layerDelta, TableCache } from './evaluate';
import { PJ, type LayerActivity } from '../energy/layer-energy';
import { breakEvenFrom, breakpoints } from './solve';
import type { BreakEven } from './types';

export interface PerSynapseInput {
  readonly timesteps: number;
  /** R̄: mean weight reuse. */
  readonly reuse: number;
  /** F̄: mean fan-in. */
  readonly fanIn: number;
  readonly weightBits?: number;
}

/**
 * The paper's per-synapse view (network-mean): one synapse of a network with mean reuse R̄ and
 * mean fan-in F̄, every rate r. Energies in pJ per synapse.
 * Example: memory-hierarchy, T=6, R̄=216, F̄=2395, r=0.0581 → E_ANN 45.4554 pJ, E_SNN 38.6149 pJ.
 */
export function perSynapse(arch: Architecture, p: PerSynapseInput) {
  const cache = new TableCache(arch, p.weightBits ?? 8);
  const T = p.timesteps;
  const counts = finish(1, 1 / p.reuse, 0, 1 / p.fanIn);
  const activity = (r: number): LayerActivity => {
    const rho = cache.rho ?? theorem2Density(r, T);
    return { analogInput: false, rIn: r, rOut: r, rhoIn: rho, rhoOut: rho };
  };
  return {
    /** pJ per synapse of the QNN twin and of the SNN at spike rate r. */
    energies(r: number): { qnn: number; snn: number } {
      const e = { qnn: 0, snn: 0 };
      cache.energies(counts, activity(r), T, e);
      return { qnn: e.qnn / PJ, snn: e.snn / PJ };
    },
    breakEven(): BreakEven {
      return breakEvenFrom(
        breakpoints(T, [cache.at(T)]).map((x) => [x, layerDelta(counts, activity(x), cache, T)] as const),
      );
    },
  };
}
