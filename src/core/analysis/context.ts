import type { Layer, LayerCounts, Network } from '../model/ir';
import { isWeighted } from '../model/ir';
import { PJ } from '../energy/layer-energy';
import type { Architecture } from '../energy/architecture';
import type { WeightedActivity } from './activity';
import { activityOf, TableCache, type RateMode } from './evaluate';
import type { AnalysisSettings } from './types';

/** What one analysis evaluates every architecture with. */
export interface Ctx {
  readonly net: Network;
  readonly settings: AnalysisSettings;
  readonly activity: readonly WeightedActivity[];
  readonly maxT: number;
  readonly detail: 'full' | 'lint';
  readonly meanCounts: ((l: Layer) => LayerCounts) | undefined;
  /** Element-wise operations per sample of the non-weighted layers (LayerNorm, Softmax, GELU, Add, embeddings). */
  readonly elementOps: number;
}

/** Σ element-wise operations: ONNX layers say theirs; a spec's Add/Mul counts one per element. */
export function elementOpsOf(net: Network): number {
  let ops = 0;
  for (const l of net.layers)
    ops += l.elementOps ?? ((l.kind === 'add' || l.kind === 'mul') && !isWeighted(l) ? (l.elements ?? 0) : 0);
  return ops;
}

/**
 * Energies (J) of the element-wise work at T: once in the QNN twin, every timestep in the SNN, priced by the
 * architecture's `elementwise` action (0 in the paper's v1 presets). Independent of the spike rate.
 */
export function elementwiseAt(ctx: Ctx, cache: TableCache, T: number): { qnn: number; snn: number } {
  if (!ctx.elementOps) return { qnn: 0, snn: 0 };
  const t = cache.at(T);
  return { qnn: ctx.elementOps * t.qnn.elementwise.total * PJ, snn: T * ctx.elementOps * t.snn.elementwise.total * PJ };
}

export function countsOf(ctx: Ctx, l: Layer): LayerCounts {
  return ctx.meanCounts ? ctx.meanCounts(l) : l.counts!;
}

export function weightBitsOf(ctx: Ctx, l: Layer): number {
  return l.weightBits ?? ctx.settings.weightBits;
}

/** Action tables per architecture and weight-bit width, kept across analyses (architectures are immutable). */
const TABLES = new WeakMap<Architecture, Map<number, TableCache>>();

export function cachesFor(arch: Architecture): (bits: number) => TableCache {
  let caches = TABLES.get(arch);
  if (!caches) TABLES.set(arch, (caches = new Map()));
  return (bits: number) => {
    let c = caches!.get(bits);
    if (!c) caches!.set(bits, (c = new TableCache(arch, bits)));
    return c;
  };
}

export const ACTUAL: RateMode = { kind: 'actual' };

/**
 * The action tables at T of the weight widths in use, when they can bend E_SNN (the architecture allows the
 * dense dataflow): their dataflow knees are breakpoints of the break-even solver (`breakpoints`).
 */
export function tablesAt(ctx: Ctx, arch: Architecture, cacheFor: (bits: number) => TableCache, T: number) {
  if (arch.snnDataflow === 'sparse') return [];
  const widths = new Set(ctx.activity.map((wa) => weightBitsOf(ctx, wa.layer)));
  return [...widths].map((w) => cacheFor(w).at(T));
}

/** Energies of one layer at its actual rates for every T in [1, maxT]: qnn[T], snn[T]. */
export function energiesPerT(ctx: Ctx, wa: WeightedActivity, cache: TableCache, qnn: Float64Array, snn: Float64Array) {
  const c = countsOf(ctx, wa.layer);
  const e = { qnn: 0, snn: 0 };
  const scratch = {} as Parameters<typeof activityOf>[4] & object;
  for (let t = 1; t <= ctx.maxT; t++) {
    cache.energies(c, activityOf(wa, t, cache.rho, ACTUAL, scratch), t, e);
    qnn[t] = e.qnn;
    snn[t] = e.snn;
  }
}
