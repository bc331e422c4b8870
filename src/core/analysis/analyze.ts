import type { Layer, LayerCounts, Network } from '../model/ir';
import { isWeighted } from '../model/ir';
import type { Architecture } from '../energy/architecture';
import { PJ } from '../energy/layer-energy';
import { layerDetail, VEC, type LayerDetail } from '../energy/fast';
import { activationBits } from '../energy/theorems';
import { resolveActivity, type WeightedActivity } from './activity';
import {
  activityOf,
  layerBreakEven,
  layerDelta,
  largestBreakEvenT,
  TableCache,
  theorem2,
  type RateMode,
} from './evaluate';
import { findingsFor, spikeRateFindings } from './findings';
import { networkMeanActivity, networkMeanCounts, summarize } from './summary';
import { breakEvenFrom, breakEvenRate, breakpoints } from './solve';
import type { Analysis, AnalysisOptions, AnalysisSettings, ArchitectureResult, LayerResult, SweepPoint } from './types';

export const DEFAULT_TIMESTEPS = 6;
export const DEFAULT_WEIGHT_BITS = 8;
export const DEFAULT_MAX_TIMESTEPS = 32;
export const SWEEP_TIMESTEPS = 16;

/**
 * The whole analysis of a network on a set of architectures: per-layer and model energies of the QNN
 * twin and the SNN, break-even spike rates, the T sweep, the hybrid plan and the findings.
 * Pure: the same inputs give the same result.
 */
export function analyze(net: Network, archs: readonly Architecture[], opts: AnalysisOptions): Analysis {
  const settings = settingsOf(net, opts);
  const resolved = resolveActivity(net, settings.defaultSpikeRate, opts.measured);
  const model = summarize(net, resolved);
  const mean = settings.view === 'network-mean';
  const activity = mean ? networkMeanActivity(resolved) : resolved;
  const ctx: Ctx = {
    net,
    settings,
    activity,
    maxT: Math.max(opts.maxTimesteps ?? DEFAULT_MAX_TIMESTEPS, settings.timesteps),
    detail: opts.detail ?? 'full',
    meanCounts: mean ? networkMeanCounts(model) : undefined,
  };
  const results = archs.map((a) => analyzeArchitecture(ctx, a));
  const findings = [
    ...net.problems.map((p) => ({ ...p, nodeIndex: layerNode(net, p.layer) })),
    ...spikeRateFindings(net, resolved),
    ...results.flatMap((r) => findingsFor(net, activity, r, settings)),
  ];
  return { model, settings, architectures: results, findings };
}

function layerNode(net: Network, name: string | undefined): number | undefined {
  return name === undefined ? undefined : net.layers.find((l) => l.name === name)?.nodeIndex;
}

export function settingsOf(net: Network, opts: AnalysisOptions): AnalysisSettings {
  const timesteps = opts.timesteps ?? net.timesteps ?? DEFAULT_TIMESTEPS;
  return {
    timesteps,
    activationBits: activationBits(timesteps),
    weightBits: opts.weightBits ?? net.weightBits ?? DEFAULT_WEIGHT_BITS,
    defaultSpikeRate: net.defaultSpikeRate ?? opts.defaultSpikeRate,
    view: opts.view,
    nearMargin: opts.nearMargin,
  };
}

interface Ctx {
  readonly net: Network;
  readonly settings: AnalysisSettings;
  readonly activity: readonly WeightedActivity[];
  readonly maxT: number;
  readonly detail: 'full' | 'lint';
  meanCounts: ((l: Layer) => LayerCounts) | undefined;
}

function countsOf(ctx: Ctx, l: Layer): LayerCounts {
  return ctx.meanCounts ? ctx.meanCounts(l) : l.counts!;
}

function weightBitsOf(ctx: Ctx, l: Layer): number {
  return l.weightBits ?? ctx.settings.weightBits;
}

/** Action tables per architecture and weight-bit width, kept across analyses (architectures are immutable). */
const TABLES = new WeakMap<Architecture, Map<number, TableCache>>();

function cachesFor(arch: Architecture) {
  let caches = TABLES.get(arch);
  if (!caches) TABLES.set(arch, (caches = new Map()));
  return (bits: number) => {
    let c = caches!.get(bits);
    if (!c) caches!.set(bits, (c = new TableCache(arch, bits)));
    return c;
  };
}

/** Energies of one layer at its actual rates for every T in [1, maxT]: qnn[base + T], snn[base + T]. */
interface PerT {
  readonly qnn: Float64Array;
  readonly snn: Float64Array;
  readonly base: number;
}

function energiesPerT(
  ctx: Ctx,
  wa: WeightedActivity,
  cache: TableCache,
  qnn: Float64Array,
  snn: Float64Array,
  base: number,
): PerT {
  const n = ctx.maxT + 1;
  const c = countsOf(ctx, wa.layer);
  const syn = c.synapses;
  const w = c.weights;
  const neu = c.neurons;
  const analog = wa.input === undefined;
  const rIn = analog ? 0 : wa.input!.value;
  const rOut = wa.output.value;
  const rhoInFixed = analog ? 1 : (wa.measuredRhoIn ?? cache.rho);
  const rhoOutFixed = wa.emitsSpikes ? (wa.measuredRhoOut ?? cache.rho) : 1;
  const v = cache.vectorsUpTo(ctx.maxT);
  for (let t = 1; t < n; t++) {
    const o = t * VEC;
    const rhoIn = rhoInFixed ?? theorem2(rIn, t);
    const rhoOut = rhoOutFixed ?? theorem2(rOut, t);
    qnn[base + t] = (rhoIn * syn * v[o] + w * v[o + 1] + neu * v[o + 2] + rhoOut * neu * v[o + 3]) * PJ;
    snn[base + t] =
      ((analog ? syn * v[o + 4] : t * rIn * syn * v[o + 5]) +
        w * v[o + 6] +
        t * neu * v[o + 7] +
        t * rOut * neu * v[o + 8]) *
      PJ;
  }
  return { qnn, snn, base };
}

const ACTUAL: RateMode = { kind: 'actual' };

function analyzeArchitecture(ctx: Ctx, arch: Architecture): ArchitectureResult {
  const T = ctx.settings.timesteps;
  const cacheFor = cachesFor(arch);
  const caches = ctx.activity.map((wa) => cacheFor(weightBitsOf(ctx, wa.layer)));
  const stride = ctx.maxT + 1;
  const allQ = new Float64Array(ctx.activity.length * stride);
  const allS = new Float64Array(ctx.activity.length * stride);
  const perT = ctx.activity.map((wa, i) => energiesPerT(ctx, wa, caches[i], allQ, allS, i * stride));
  const layers = ctx.activity.map((wa, i) => layerResult(ctx, wa, caches[i], T, perT[i]));
  const sum = (f: (l: LayerResult) => number) => layers.reduce((s, l) => s + f(l), 0);
  const qnn = sum((l) => l.qnnEnergyJ);
  const snn = sum((l) => l.snnEnergyJ);
  const best = sum((l) => Math.min(l.qnnEnergyJ, l.snnEnergyJ));
  const modelQ = new Float64Array(ctx.maxT + 1);
  const modelS = new Float64Array(ctx.maxT + 1);
  for (const p of perT)
    for (let t = 1; t <= ctx.maxT; t++) {
      modelQ[t] += p.qnn[p.base + t];
      modelS[t] += p.snn[p.base + t];
    }
  const scratch = {} as Parameters<typeof activityOf>[4] & object;
  const modelBreakEven = (t: number) =>
    breakEvenFrom(
      breakpoints(t).map((x) => {
        const mode: RateMode = { kind: 'uniform', x };
        let d = 0;
        ctx.activity.forEach((wa, i) => {
          d += layerDelta(countsOf(ctx, wa.layer), activityOf(wa, t, caches[i].rho, mode, scratch), caches[i].at(t), t);
        });
        return [x, d] as const;
      }),
    );
  const breakEven = modelBreakEven(T);
  const sweep: SweepPoint[] = [];
  const sweepTo = ctx.detail === 'lint' ? 0 : Math.min(SWEEP_TIMESTEPS, ctx.maxT);
  for (let t = 1; t <= sweepTo; t++)
    sweep.push({
      timesteps: t,
      activationBits: activationBits(t),
      qnnEnergyJ: modelQ[t],
      snnEnergyJ: modelS[t],
      ratio: ratio(modelS[t], modelQ[t]),
      breakEvenSpikeRate: breakEvenRate(modelBreakEven(t)),
    });
  return {
    id: arch.id,
    name: arch.name,
    qnnEnergyJ: qnn,
    snnEnergyJ: snn,
    ratio: ratio(snn, qnn),
    breakEven,
    breakEvenSpikeRate: breakEvenRate(breakEven),
    computeOnly: lazyComputeOnly(layers),
    hybrid: {
      declaredEnergyJ: sum((l) => (l.execution === 'qnn' ? l.qnnEnergyJ : l.snnEnergyJ)),
      bestEnergyJ: best,
      bestRatio: ratio(best, qnn),
      qnnLayers: layers.filter((l) => l.cheaperAs === 'qnn').map((l) => l.name),
    },
    largestBreakEvenT: largestBreakEvenT(modelQ, modelS, ctx.maxT),
    sweep,
    layers,
  };
}

/**
 * A layer's result. The breakdown by action and the compute-only energies are computed on first read:
 * diagnostics never read them, reports, hovers and the panel do.
 */
class LayerResultImpl {
  private detail?: LayerDetail;
  constructor(
    readonly index: number,
    readonly name: string,
    readonly type: string,
    readonly kind: LayerResult['kind'],
    readonly synapses: number,
    readonly weights: number,
    readonly neurons: number,
    readonly fanIn: number,
    readonly reuse: number,
    readonly spikeRate: number,
    readonly spikeRateOrigin: LayerResult['spikeRateOrigin'],
    readonly inputSpikeRate: number | undefined,
    readonly inputSpikeRateOrigin: LayerResult['inputSpikeRateOrigin'],
    readonly producer: string | undefined,
    readonly annDensity: number,
    readonly qnnEnergyJ: number,
    readonly snnEnergyJ: number,
    readonly breakEven: LayerResult['breakEven'],
    readonly largestBreakEvenT: number,
    readonly execution: 'snn' | 'qnn',
    private readonly inputs: readonly [
      LayerCounts,
      ReturnType<typeof activityOf>,
      ReturnType<TableCache['at']>,
      number,
    ],
  ) {}
  get ratio(): number {
    return ratio(this.snnEnergyJ, this.qnnEnergyJ);
  }
  get breakEvenSpikeRate(): number | null {
    return breakEvenRate(this.breakEven);
  }
  get verdict(): LayerResult['verdict'] {
    return this.snnEnergyJ <= this.qnnEnergyJ ? 'snn-cheaper' : 'qnn-cheaper';
  }
  get cheaperAs(): 'snn' | 'qnn' {
    return this.snnEnergyJ <= this.qnnEnergyJ ? 'snn' : 'qnn';
  }
  private get d(): LayerDetail {
    return (this.detail ??= layerDetail(...this.inputs));
  }
  get qnnComputeJ(): number {
    return this.d.qnnCompute;
  }
  get snnComputeJ(): number {
    return this.d.snnCompute;
  }
  get breakdown(): LayerResult['breakdown'] {
    return { qnn: this.d.qnn, snn: this.d.snn };
  }
}

function layerResult(ctx: Ctx, wa: WeightedActivity, cache: TableCache, T: number, perT: PerT): LayerResult {
  const l = wa.layer;
  const counts = countsOf(ctx, l);
  const t = cache.at(T);
  const a = activityOf(wa, T, cache.rho, ACTUAL);
  const real = l.counts!;
  return new LayerResultImpl(
    l.index,
    l.name,
    l.op,
    l.kind,
    real.synapses,
    real.weights,
    real.neurons,
    real.fanIn,
    real.reuse,
    wa.output.value,
    wa.output.origin,
    wa.input?.value,
    wa.input?.origin ?? 'analog',
    wa.producer === undefined ? undefined : ctx.net.layers[wa.producer].name,
    a.rhoIn,
    perT.qnn[perT.base + T],
    perT.snn[perT.base + T],
    layerBreakEven(wa, counts, cache, T, ctx.meanCounts ? 'uniform' : 'free'),
    largestBreakEvenT(perT.qnn, perT.snn, ctx.maxT, perT.base),
    l.execution ?? 'snn',
    [counts, a, t, T],
  );
}

/** The compute-only totals, summed on first read (they force every layer's breakdown). */
function lazyComputeOnly(layers: readonly LayerResult[]): ArchitectureResult['computeOnly'] {
  let v: { qnnEnergyJ: number; snnEnergyJ: number; ratio: number } | undefined;
  const get = () => {
    if (!v) {
      const q = layers.reduce((s, l) => s + l.qnnComputeJ, 0);
      const sn = layers.reduce((s, l) => s + l.snnComputeJ, 0);
      v = { qnnEnergyJ: q, snnEnergyJ: sn, ratio: ratio(sn, q) };
    }
    return v;
  };
  return {
    get qnnEnergyJ() {
      return get().qnnEnergyJ;
    },
    get snnEnergyJ() {
      return get().snnEnergyJ;
    },
    get ratio() {
      return get().ratio;
    },
  };
}

export function ratio(a: number, b: number): number {
  return b === 0 ? (a === 0 ? 1 : Infinity) : a / b;
}

export { isWeighted };
