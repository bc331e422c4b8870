import type { Layer, LayerCounts, Network } from '../model/ir';
import { isWeighted } from '../model/ir';
import type { Architecture } from '../energy/architecture';
import { PJ } from '../energy/layer-energy';
import { layerDetail, VEC } from '../energy/fast';
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

/** Caches per weight-bit width (layers may override the model's). */
function cachesFor(arch: Architecture) {
  const caches = new Map<number, TableCache>();
  return (bits: number) => {
    let c = caches.get(bits);
    if (!c) caches.set(bits, (c = new TableCache(arch, bits)));
    return c;
  };
}

/** Energies of one layer at its actual rates for every T in [1, maxT] (index 0 unused). */
interface PerT {
  readonly qnn: Float64Array;
  readonly snn: Float64Array;
}

function energiesPerT(ctx: Ctx, wa: WeightedActivity, cache: TableCache): PerT {
  const n = ctx.maxT + 1;
  const qnn = new Float64Array(n);
  const snn = new Float64Array(n);
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
    qnn[t] = (rhoIn * syn * v[o] + w * v[o + 1] + neu * v[o + 2] + rhoOut * neu * v[o + 3]) * PJ;
    snn[t] =
      ((analog ? syn * v[o + 4] : t * rIn * syn * v[o + 5]) +
        w * v[o + 6] +
        t * neu * v[o + 7] +
        t * rOut * neu * v[o + 8]) *
      PJ;
  }
  return { qnn, snn };
}

const ACTUAL: RateMode = { kind: 'actual' };

function analyzeArchitecture(ctx: Ctx, arch: Architecture): ArchitectureResult {
  const T = ctx.settings.timesteps;
  const cacheFor = cachesFor(arch);
  const caches = ctx.activity.map((wa) => cacheFor(weightBitsOf(ctx, wa.layer)));
  const perT = ctx.activity.map((wa, i) => energiesPerT(ctx, wa, caches[i]));
  const layers = ctx.activity.map((wa, i) => layerResult(ctx, wa, caches[i], T, perT[i]));
  const sum = (f: (l: LayerResult) => number) => layers.reduce((s, l) => s + f(l), 0);
  const qnn = sum((l) => l.qnnEnergyJ);
  const snn = sum((l) => l.snnEnergyJ);
  const qnnCompute = sum((l) => l.qnnComputeJ);
  const snnCompute = sum((l) => l.snnComputeJ);
  const best = sum((l) => Math.min(l.qnnEnergyJ, l.snnEnergyJ));
  const modelQ = new Float64Array(ctx.maxT + 1);
  const modelS = new Float64Array(ctx.maxT + 1);
  for (const p of perT)
    for (let t = 1; t <= ctx.maxT; t++) {
      modelQ[t] += p.qnn[t];
      modelS[t] += p.snn[t];
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
    computeOnly: { qnnEnergyJ: qnnCompute, snnEnergyJ: snnCompute, ratio: ratio(snnCompute, qnnCompute) },
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

function layerResult(ctx: Ctx, wa: WeightedActivity, cache: TableCache, T: number, perT: PerT): LayerResult {
  const l = wa.layer;
  const counts = countsOf(ctx, l);
  const t = cache.at(T);
  const a = activityOf(wa, T, cache.rho, ACTUAL);
  const detail = layerDetail(counts, a, t, T);
  const qnn = perT.qnn[T];
  const snn = perT.snn[T];
  const breakEven = layerBreakEven(wa, counts, cache, T, ctx.meanCounts ? 'uniform' : 'free');
  const real = l.counts!;
  return {
    index: l.index,
    name: l.name,
    type: l.op,
    kind: l.kind,
    synapses: real.synapses,
    weights: real.weights,
    neurons: real.neurons,
    fanIn: real.fanIn,
    reuse: real.reuse,
    spikeRate: wa.output.value,
    spikeRateOrigin: wa.output.origin,
    inputSpikeRate: wa.input?.value,
    inputSpikeRateOrigin: wa.input?.origin ?? 'analog',
    producer: wa.producer === undefined ? undefined : ctx.net.layers[wa.producer].name,
    annDensity: a.rhoIn,
    qnnEnergyJ: qnn,
    snnEnergyJ: snn,
    ratio: ratio(snn, qnn),
    qnnComputeJ: detail.qnnCompute,
    snnComputeJ: detail.snnCompute,
    breakEven,
    breakEvenSpikeRate: breakEvenRate(breakEven),
    verdict: snn <= qnn ? 'snn-cheaper' : 'qnn-cheaper',
    largestBreakEvenT: largestBreakEvenT(perT.qnn, perT.snn, ctx.maxT),
    breakdown: { qnn: detail.qnn, snn: detail.snn },
    execution: l.execution ?? 'snn',
    cheaperAs: snn <= qnn ? 'snn' : 'qnn',
  };
}

export function ratio(a: number, b: number): number {
  return b === 0 ? (a === 0 ? 1 : Infinity) : a / b;
}

export { isWeighted };
