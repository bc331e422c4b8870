import type { Network } from '../model/ir';
import { isWeighted } from '../model/ir';
import type { Architecture } from '../energy/architecture';
import { activationBits } from '../energy/theorems';
import { resolveActivity } from './activity';
import {
  ACTUAL,
  cachesFor,
  countsOf,
  elementOpsOf,
  elementwiseAt,
  energiesPerT,
  tablesAt,
  weightBitsOf,
  type Ctx,
} from './context';
import { curvesOf } from './curve';
import { activityOf, layerDelta, largestBreakEvenT, type RateMode } from './evaluate';
import { findingsFor, spikeRateFindings } from './findings';
import { LayerResultImpl, lazyComputeOnly } from './layer-result';
import { coverageOf, incompleteFinding } from './coverage';
import { networkMeanActivity, networkMeanCounts, summarize } from './summary';
import { breakEvenAt, breakEvenFrom, breakEvenRate, breakpoints } from './solve';
import type {
  Analysis,
  AnalysisOptions,
  AnalysisSettings,
  ArchitectureResult,
  EnergyCurves,
  Finding,
  LayerResult,
  SweepPoint,
} from './types';
import { cheaperTwin, ratio } from './verdict';

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
    elementOps: elementOpsOf(net),
  };
  const results = archs.map((a) => analyzeArchitecture(ctx, a));
  const findings: Finding[] = net.problems.map((p) => ({ ...p, nodeIndex: layerNode(net, p.layer) }));
  const coverage = coverageOf(net);
  const verdictWithheld = !coverage.complete && !opts.allowIncomplete;
  const incomplete = incompleteFinding(coverage, opts.allowIncomplete ?? false);
  // a spec with errors already says what is wrong; an ONNX model gets one finding naming the first loss
  if (incomplete && !net.problems.some((p) => p.severity === 'error')) findings.push(incomplete);
  if (!verdictWithheld) {
    for (const f of spikeRateFindings(net, resolved)) findings.push(f);
    for (const r of results) for (const f of findingsFor(net, activity, r, settings)) findings.push(f);
  }
  return { model, settings, architectures: results, findings, coverage, verdictWithheld };
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

/** The model's energies for T = 1..maxT (index T), summed over its layers. */
interface ModelPerT {
  readonly qnn: Float64Array;
  readonly snn: Float64Array;
}

/**
 * One architecture. The diagnostics' path (detail 'lint') evaluates each layer at T and at the few
 * breakpoints of its piecewise-affine energy curve, in straight-line arithmetic; what needs every T
 * (the largest T that breaks even, per layer and for the model) is computed on first read.
 */
function analyzeArchitecture(ctx: Ctx, arch: Architecture): ArchitectureResult {
  const T = ctx.settings.timesteps;
  const cacheFor = cachesFor(arch);
  const n = ctx.activity.length;
  const xs = breakpoints(T, tablesAt(ctx, arch, cacheFor, T));
  const layerModes = xs.map((x): RateMode => ({ kind: ctx.meanCounts ? 'uniform' : 'free', x }));
  const uniformModes = xs.map((x): RateMode => ({ kind: 'uniform', x }));
  const modelD = new Float64Array(xs.length);
  const layerD = new Float64Array(xs.length);
  const scratch = {} as Parameters<typeof activityOf>[4] & object;
  const e = { qnn: 0, snn: 0 };
  const layers: LayerResult[] = new Array<LayerResult>(n);
  let qnn = 0;
  let snn = 0;
  let best = 0;
  let declared = 0;
  const qnnLayers: string[] = [];
  for (let i = 0; i < n; i++) {
    const wa = ctx.activity[i];
    const cache = cacheFor(weightBitsOf(ctx, wa.layer));
    const counts = countsOf(ctx, wa.layer);
    const rho = cache.rho;
    cache.energies(counts, activityOf(wa, T, rho, ACTUAL, scratch), T, e);
    const q = e.qnn;
    const s = e.snn;
    for (let j = 0; j < xs.length; j++) {
      layerD[j] = layerDelta(counts, activityOf(wa, T, rho, layerModes[j], scratch), cache, T);
      modelD[j] += ctx.meanCounts
        ? layerD[j]
        : layerDelta(counts, activityOf(wa, T, rho, uniformModes[j], scratch), cache, T);
    }
    const r = new LayerResultImpl(ctx, wa, cache, q, s, breakEvenAt(xs, layerD));
    layers[i] = r;
    qnn += q;
    snn += s;
    best += Math.min(q, s);
    declared += r.execution === 'qnn' ? q : s;
    if (r.cheaperAs === 'qnn') qnnLayers.push(r.name);
  }
  // element-wise work is rate-independent: it shifts the model's totals and its break-even, not the layers'
  const elem = elementwiseAt(ctx, cacheFor(ctx.settings.weightBits), T);
  qnn += elem.qnn;
  snn += elem.snn;
  best += Math.min(elem.qnn, elem.snn);
  declared += elem.snn;
  for (let j = 0; j < xs.length; j++) modelD[j] += elem.snn - elem.qnn;
  let perT: ModelPerT | undefined;
  const modelPerT = (): ModelPerT => {
    if (perT) return perT;
    const stride = ctx.maxT + 1;
    const q = new Float64Array(stride);
    const s = new Float64Array(stride);
    const mq = new Float64Array(stride);
    const ms = new Float64Array(stride);
    for (const wa of ctx.activity) {
      energiesPerT(ctx, wa, cacheFor(weightBitsOf(ctx, wa.layer)), q, s);
      for (let t = 1; t <= ctx.maxT; t++) {
        mq[t] += q[t];
        ms[t] += s[t];
      }
    }
    for (let t = 1; t <= ctx.maxT; t++) {
      const e = elementwiseAt(ctx, cacheFor(ctx.settings.weightBits), t);
      mq[t] += e.qnn;
      ms[t] += e.snn;
    }
    return (perT = { qnn: mq, snn: ms });
  };
  const modelBreakEven = (t: number) =>
    breakEvenFrom(
      breakpoints(t, tablesAt(ctx, arch, cacheFor, t)).map((x) => {
        const mode: RateMode = { kind: 'uniform', x };
        const e = elementwiseAt(ctx, cacheFor(ctx.settings.weightBits), t);
        let d = e.snn - e.qnn;
        for (const wa of ctx.activity) {
          const c = cacheFor(weightBitsOf(ctx, wa.layer));
          d += layerDelta(countsOf(ctx, wa.layer), activityOf(wa, t, c.rho, mode, scratch), c, t);
        }
        return [x, d] as const;
      }),
    );
  const breakEven = breakEvenAt(xs, modelD);
  const sweep: SweepPoint[] = [];
  const sweepTo = ctx.detail === 'lint' ? 0 : Math.min(SWEEP_TIMESTEPS, ctx.maxT);
  for (let t = 1; t <= sweepTo; t++) {
    const m = modelPerT();
    sweep.push({
      timesteps: t,
      activationBits: activationBits(t),
      qnnEnergyJ: m.qnn[t],
      snnEnergyJ: m.snn[t],
      ratio: ratio(m.snn[t], m.qnn[t]),
      breakEvenSpikeRate: breakEvenRate(t === T ? breakEven : modelBreakEven(t)),
    });
  }
  let largestT: number | undefined;
  let curves: EnergyCurves | undefined;
  return {
    id: arch.id,
    name: arch.name,
    provenance: arch.provenance,
    qnnEnergyJ: qnn,
    snnEnergyJ: snn,
    elementwise: { operations: ctx.elementOps, qnnEnergyJ: elem.qnn, snnEnergyJ: elem.snn },
    ratio: ratio(snn, qnn),
    breakEven,
    breakEvenSpikeRate: breakEvenRate(breakEven),
    cheaperAs: cheaperTwin(snn, qnn),
    computeOnly: lazyComputeOnly(layers),
    hybrid: { declaredEnergyJ: declared, bestEnergyJ: best, bestRatio: ratio(best, qnn), qnnLayers },
    get largestBreakEvenT() {
      const m = modelPerT();
      return (largestT ??= largestBreakEvenT(m.qnn, m.snn, ctx.maxT));
    },
    sweep,
    layers,
    get curves() {
      return (curves ??= curvesOf(ctx, arch, cacheFor));
    },
  };
}

export { isWeighted };
