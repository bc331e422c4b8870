import type { LayerCounts } from '../model/ir';
import type { Architecture } from '../energy/architecture';
import { actionTable, type ActionTable } from '../energy/action-energy';
import type { LayerActivity } from '../energy/layer-energy';
import { energiesOf, tableVector, VEC } from '../energy/fast';
import { theorem2Density } from '../energy/theorems';
import type { WeightedActivity } from './activity';

/** Per-architecture action tables, one per T, built on first use. */
export class TableCache {
  private readonly tables = new Map<number, ActionTable>();
  private vectors: Float64Array | undefined;
  constructor(
    readonly arch: Architecture,
    private readonly weightBits: number,
  ) {}
  at(T: number): ActionTable {
    let t = this.tables.get(T);
    if (!t) this.tables.set(T, (t = actionTable(this.arch, { timesteps: T, weightBits: this.weightBits })));
    return t;
  }
  /** tableVector() of T = 1..maxT (at least), VEC numbers each, at offset T·VEC. */
  vectorsUpTo(maxT: number): Float64Array {
    if (this.vectors && this.vectors.length >= (maxT + 1) * VEC) return this.vectors;
    const v = new Float64Array((maxT + 1) * VEC);
    for (let T = 1; T <= maxT; T++) tableVector(this.at(T), v, T * VEC);
    return (this.vectors = v);
  }
  /** E_QNN and E_SNN (J) of a layer at T: energiesOf with this architecture's energies at T. */
  energies(c: LayerCounts, a: LayerActivity, T: number, out: { qnn: number; snn: number }): void {
    energiesOf(c, a, this.vectorsUpTo(T), T * VEC, T, out);
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

type MutableActivity = { -readonly [K in keyof LayerActivity]: LayerActivity[K] };

/** The activity of a weighted layer at T under a rate mode; written into `into` when given (hot loops). */
export function activityOf(
  wa: WeightedActivity,
  T: number,
  rho: number | undefined,
  mode: RateMode,
  into?: MutableActivity,
): LayerActivity {
  const analogInput = wa.input === undefined;
  const x = mode.kind === 'actual' ? undefined : mode.x;
  const rIn = analogInput ? 0 : (x ?? wa.input!.value);
  let rOut = wa.output.value;
  if (wa.emitsSpikes && x !== undefined && (mode.kind === 'uniform' || analogInput || wa.output.origin === 'default'))
    rOut = x;
  const a = into ?? ({} as MutableActivity);
  a.analogInput = analogInput;
  a.rIn = rIn;
  a.rOut = rOut;
  a.rhoIn = analogInput ? 1 : (wa.measuredRhoIn ?? rho ?? theorem2Density(rIn, T));
  a.rhoOut = wa.emitsSpikes ? (wa.measuredRhoOut ?? rho ?? theorem2Density(rOut, T)) : 1;
  return a;
}

const scratch = { qnn: 0, snn: 0 };

/** E_SNN − E_QNN of one layer at T, J. */
export function layerDelta(c: LayerCounts, a: LayerActivity, cache: TableCache, T: number): number {
  cache.energies(c, a, T, scratch);
  return scratch.snn - scratch.qnn;
}

/** Largest T in [1, maxT] with E_SNN(T) ≤ E_QNN(T), from energies indexed by T (index 0 unused); 0 if none. */
export function largestBreakEvenT(qnn: ArrayLike<number>, snn: ArrayLike<number>, maxT: number, base = 0): number {
  for (let T = maxT; T >= 1; T--) if (snn[base + T] <= qnn[base + T]) return T;
  return 0;
}
