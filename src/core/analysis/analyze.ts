import type { Layer, LayerCounts, Network } from '../model/ir';
import { isWeighted } from '../model/ir';
import type { Architecture } from '../energy/architecture';
import { breakdownOf, energyOf, qnnCounts, snnCounts } from '../energy/layer-energy';
import { activationBits } from '../energy/theorems';
import { resolveActivity, type WeightedActivity } from './activity';
import { activityOf, layerBreakEven, layerDelta, largestBreakEvenT, TableCache, type RateMode } from './evaluate';
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
    maxT: opts.maxTimesteps ?? DEFAULT_MAX_TIMESTEPS,
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

function analyzeArchitecture(ctx: Ctx, arch: Architecture): ArchitectureResult {
  const T = ctx.settings.timesteps;
  const cacheFor = cachesFor(arch);
  const layers = ctx.activity.map((wa) => layerResult(ctx, wa, cacheFor(weightBitsOf(ctx, wa.layer)), T));
  const sum = (f: (l: LayerResult) => number) => layers.reduce((s, l) => s + f(l), 0);
  const qnn = sum((l) => l.qnnEnergyJ);
  const snn = sum((l) => l.snnEnergyJ);
  const qnnCompute = sum((l) => l.qnnComputeJ);
  const snnCompute = sum((l) => l.snnComputeJ);
  const best = sum((l) => Math.min(l.qnnEnergyJ, l.snnEnergyJ));
  const modelDelta = (t: number, mode: RateMode) =>
    ctx.activity.reduce((s, wa) => {
      const c = cacheFor(weightBitsOf(ctx, wa.layer));
      return s + layerDelta(countsOf(ctx, wa.layer), activityOf(wa, t, c.rho, mode), c.at(t), t);
    }, 0);
  const modelBreakEven = (t: number) => breakEvenFrom(breakpoints(t).map((x) => [x, modelDelta(t, { kind: 'uniform', x })] as const));
  const breakEven = modelBreakEven(T);
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
    largestBreakEvenT: largestBreakEvenT((t) => modelDelta(t, { kind: 'actual' }), ctx.maxT),
    sweep: sweep(ctx, cacheFor, modelBreakEven),
    layers,
  };
}

function sweep(
  ctx: Ctx,
  cacheFor: (bits: number) => TableCache,
  modelBreakEven: (t: number) => ReturnType<typeof breakEvenFrom>,
): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (let t = 1; t <= SWEEP_TIMESTEPS; t++) {
    let qnn = 0;
    let snn = 0;
    for (const wa of ctx.activity) {
      const c = cacheFor(weightBitsOf(ctx, wa.layer));
      const e = energies(countsOf(ctx, wa.layer), activityOf(wa, t, c.rho, { kind: 'actual' }), c, t);
      qnn += e.qnn;
      snn += e.snn;
    }
    points.push({
      timesteps: t,
      activationBits: activationBits(t),
      qnnEnergyJ: qnn,
      snnEnergyJ: snn,
      ratio: ratio(snn, qnn),
      breakEvenSpikeRate: breakEvenRate(modelBreakEven(t)),
    });
  }
  return points;
}

function energies(c: LayerCounts, a: ReturnType<typeof activityOf>, cache: TableCache, T: number) {
  const t = cache.at(T);
  return { qnn: energyOf(qnnCounts(c, a, t), t.qnn), snn: energyOf(snnCounts(c, a, t, T), t.snn) };
}

function layerResult(ctx: Ctx, wa: WeightedActivity, cache: TableCache, T: number): LayerResult {
  const l = wa.layer;
  const counts = countsOf(ctx, l);
  const t = cache.at(T);
  const a = activityOf(wa, T, cache.rho, { kind: 'actual' });
  const qc = qnnCounts(counts, a, t);
  const sc = snnCounts(counts, a, t, T);
  const qnn = energyOf(qc, t.qnn);
  const snn = energyOf(sc, t.snn);
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
    qnnComputeJ: energyOf(qc, t.qnn, 'compute'),
    snnComputeJ: energyOf(sc, t.snn, 'compute'),
    breakEven,
    breakEvenSpikeRate: breakEvenRate(breakEven),
    verdict: snn <= qnn ? 'snn-cheaper' : 'qnn-cheaper',
    largestBreakEvenT: largestBreakEvenT(
      (tt) => layerDelta(counts, activityOf(wa, tt, cache.rho, { kind: 'actual' }), cache.at(tt), tt),
      ctx.maxT,
    ),
    breakdown: { qnn: breakdownOf(qc, t.qnn), snn: breakdownOf(sc, t.snn) },
    execution: l.execution ?? 'snn',
    cheaperAs: snn <= qnn ? 'snn' : 'qnn',
  };
}

export function ratio(a: number, b: number): number {
  return b === 0 ? (a === 0 ? 1 : Infinity) : a / b;
}

export { isWeighted };
