import type { LayerCounts } from '../model/ir';
import type { Architecture } from '../energy/architecture';
import { actionTable, type ActionTable } from '../energy/action-energy';
import type { LayerActivity } from '../energy/layer-energy';
import { energyOf, qnnCounts, snnCounts } from '../energy/layer-energy';
import type { WeightedActivity } from './activity';
import { breakEvenFrom, breakpoints } from './solve';
import type { BreakEven } from './types';

/** Per-architecture action tables, one per T, built on first use. */
export class TableCache {
  private readonly tables = new Map<number, ActionTable>();
  constructor(
    readonly arch: Architecture,
    private readonly weightBits: number,
  ) {}
  at(T: number): ActionTable {
    let t = this.tables.get(T);
    if (!t) this.tables.set(T, (t = actionTable(this.arch, { timesteps: T, weightBits: this.weightBits })));
    return t;
  }
  /** The architecture's fixed ANN density, if it has one. */
  get rho(): number | undefined {
    return this.arch.parameters.annDensity?.value;
  }
}

/** How the spike rates of a layer are set when evaluating it. */
export type RateMode =
  | { readonly kind: 'actual' }
  /** per-layer break-even: the consumed rate is x; the own rate follows x only if nothing declared it */
  | { readonly kind: 'free'; readonly x: number }
  /** model-level break-even: every rate is x */
  | { readonly kind: 'uniform'; readonly x: number };

export function activityOf(wa: WeightedActivity, T: number, rho: number | undefined, mode: RateMode): LayerActivity {
  const analogInput = wa.input === undefined;
  const x = mode.kind === 'actual' ? undefined : mode.x;
  const rIn = analogInput ? 0 : (x ?? wa.input!.value);
  let rOut = wa.output.value;
  if (wa.emitsSpikes && x !== undefined && (mode.kind === 'uniform' || analogInput || wa.output.origin === 'default'))
    rOut = x;
  const theorem2 = (r: number) => Math.min(1, (2 * r * T) / (T + 1));
  return {
    analogInput,
    rIn,
    rOut,
    rhoIn: analogInput ? 1 : (wa.measuredRhoIn ?? rho ?? theorem2(rIn)),
    rhoOut: wa.emitsSpikes ? (wa.measuredRhoOut ?? rho ?? theorem2(rOut)) : 1,
  };
}

/** E_SNN − E_QNN of one layer, J. */
export function layerDelta(c: LayerCounts, a: LayerActivity, t: ActionTable, T: number): number {
  return energyOf(snnCounts(c, a, t, T), t.snn) - energyOf(qnnCounts(c, a, t), t.qnn);
}

/** Per-layer break-even s*: the consumed rate at which the layer's SNN and QNN energies meet. */
export function layerBreakEven(
  wa: WeightedActivity,
  counts: LayerCounts,
  cache: TableCache,
  T: number,
  mode: 'free' | 'uniform' = 'free',
): BreakEven {
  const t = cache.at(T);
  return breakEvenFrom(
    breakpoints(T).map((x) => [x, layerDelta(counts, activityOf(wa, T, cache.rho, { kind: mode, x }), t, T)] as const),
  );
}

/** Largest T in [1, maxT] at which the layer is no dearer as an SNN at its actual rates; 0 if none. */
export function largestBreakEvenT(
  deltaAt: (T: number) => number,
  maxT: number,
): number {
  for (let T = maxT; T >= 1; T--) if (deltaAt(T) <= 0) return T;
  return 0;
}
