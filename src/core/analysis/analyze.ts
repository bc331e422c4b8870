import type { Layer, LayerCounts, Network } from '../model/ir';
import { isWeighted } from '../model/ir';
import type { Architecture } from '../energy/architecture';
import { PJ } from '../energy/layer-energy';
import { fastEnergies, layerDetail, VEC, type LayerDetail } from '../energy/fast';
import { activationBits, theorem2Density } from '../energy/theorems';
import { resolveActivity, type WeightedActivity } from './activity';
import { activityOf, layerDelta, largestBreakEvenT, TableCache, type RateMode } from './evaluate';
import { findingsFor, spikeRateFindings } from './findings';
import { networkMeanActivity, networkMeanCounts, summarize } from './summary';
import { breakEvenAt, breakEvenFrom, breakEvenRate, breakpoints } from './solve';
import type {
  Analysis,
  AnalysisOptions,
  AnalysisSettings,
  ArchitectureResult,
  Finding,
  LayerResult,
  SweepPoint,
} from './types';

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
  const findings: Finding[] = net.problems.map((p) => ({ ...p, nodeIndex: layerNode(net, p.layer) }));
  for (const f of spikeRateFindings(net, resolved)) findings.push(f);
  for (const r of results) for (const f of findingsFor(net, activity, r, settings)) findings.push(f);
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
function energiesPerT(
  ctx: Ctx,
  wa: WeightedActivity,
  cache: TableCache,
  qnn: Float64Array,
  snn: Float64Array,
  base: number,
): void {
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
    const rhoIn = rhoInFixed ?? theorem2Density(rIn, t);
    const rhoOut = rhoOutFixed ?? theorem2Density(rOut, t);
    qnn[base + t] = (rhoIn * syn * v[o] + w * v[o + 1] + neu * v[o + 2] + rhoOut * neu * v[o + 3]) * PJ;
    snn[base + t] =
      ((analog ? syn * v[o + 4] : t * rIn * syn * v[o + 5]) +
        w * v[o + 6] +
        t * neu * v[o + 7] +
        t * rOut * neu * v[o + 8]) *
      PJ;
  }
}

const ACTUAL: RateMode = { kind: 'actual' };

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
  const xs = breakpoints(T);
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
    const table = cache.at(T);
    const rho = cache.rho;
    fastEnergies(counts, activityOf(wa, T, rho, ACTUAL, scratch), table, T, e);
    const q = e.qnn;
    const s = e.snn;
    for (let j = 0; j < xs.length; j++) {
      layerD[j] = layerDelta(counts, activityOf(wa, T, rho, layerModes[j], scratch), table, T);
      modelD[j] += ctx.meanCounts
        ? layerD[j]
        : layerDelta(counts, activityOf(wa, T, rho, uniformModes[j], scratch), table, T);
    }
    const r = new LayerResultImpl(ctx, wa, cache, q, s, breakEvenAt(xs, layerD));
    layers[i] = r;
    qnn += q;
    snn += s;
    best += Math.min(q, s);
    declared += r.execution === 'qnn' ? q : s;
    if (s > q) qnnLayers.push(r.name);
  }
  let perT: ModelPerT | undefined;
  const modelPerT = (): ModelPerT => {
    if (perT) return perT;
    const stride = ctx.maxT + 1;
    const q = new Float64Array(stride);
    const s = new Float64Array(stride);
    const mq = new Float64Array(stride);
    const ms = new Float64Array(stride);
    for (const wa of ctx.activity) {
      energiesPerT(ctx, wa, cacheFor(weightBitsOf(ctx, wa.layer)), q, s, 0);
      for (let t = 1; t <= ctx.maxT; t++) {
        mq[t] += q[t];
        ms[t] += s[t];
      }
    }
    return (perT = { qnn: mq, snn: ms });
  };
  const modelBreakEven = (t: number) =>
    breakEvenFrom(
      breakpoints(t).map((x) => {
        const mode: RateMode = { kind: 'uniform', x };
        let d = 0;
        for (const wa of ctx.activity) {
          const c = cacheFor(weightBitsOf(ctx, wa.layer));
          d += layerDelta(countsOf(ctx, wa.layer), activityOf(wa, t, c.rho, mode, scratch), c.at(t), t);
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
  return {
    id: arch.id,
    name: arch.name,
    qnnEnergyJ: qnn,
    snnEnergyJ: snn,
    ratio: ratio(snn, qnn),
    breakEven,
    breakEvenSpikeRate: breakEvenRate(breakEven),
    computeOnly: lazyComputeOnly(layers),
    hybrid: { declaredEnergyJ: declared, bestEnergyJ: best, bestRatio: ratio(best, qnn), qnnLayers },
    get largestBreakEvenT() {
      const m = modelPerT();
      return (largestT ??= largestBreakEvenT(m.qnn, m.snn, ctx.maxT));
    },
    sweep,
    layers,
  };
}

/**
 * A layer's result. The breakdown by action and the compute-only energies are computed on first read:
 * diagnostics never read them, reports, hovers and the panel do.
 */
class LayerResultImpl implements LayerResult {
  private detail?: LayerDetail;
  private largestT?: number;
  private act?: ReturnType<typeof activityOf>;
  constructor(
    private readonly ctx: Ctx,
    private readonly wa: WeightedActivity,
    private readonly cache: TableCache,
    readonly qnnEnergyJ: number,
    readonly snnEnergyJ: number,
    readonly breakEven: LayerResult['breakEven'],
  ) {}
  get index(): number {
    return this.wa.layer.index;
  }
  get name(): string {
    return this.wa.layer.name;
  }
  get type(): string {
    return this.wa.layer.op;
  }
  get kind(): LayerResult['kind'] {
    return this.wa.layer.kind;
  }
  get synapses(): number {
    return this.wa.layer.counts!.synapses;
  }
  get weights(): number {
    return this.wa.layer.counts!.weights;
  }
  get neurons(): number {
    return this.wa.layer.counts!.neurons;
  }
  get fanIn(): number {
    return this.wa.layer.counts!.fanIn;
  }
  get reuse(): number {
    return this.wa.layer.counts!.reuse;
  }
  get spikeRate(): number {
    return this.wa.output.value;
  }
  get spikeRateOrigin(): LayerResult['spikeRateOrigin'] {
    return this.wa.output.origin;
  }
  get inputSpikeRate(): number | undefined {
    return this.wa.input?.value;
  }
  get inputSpikeRateOrigin(): LayerResult['inputSpikeRateOrigin'] {
    return this.wa.input?.origin ?? 'analog';
  }
  get execution(): 'snn' | 'qnn' {
    return this.wa.layer.execution ?? 'snn';
  }
  get producer(): string | undefined {
    return this.wa.producer === undefined ? undefined : this.ctx.net.layers[this.wa.producer].name;
  }
  /** The layer's activity at its actual rates and T. */
  private get activity(): ReturnType<typeof activityOf> {
    return (this.act ??= activityOf(this.wa, this.ctx.settings.timesteps, this.cache.rho, ACTUAL));
  }
  get annDensity(): number {
    return this.activity.rhoIn;
  }
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
  /** Largest T ≤ maxT at which the SNN is no dearer at the layer's rates (every T evaluated on first read). */
  get largestBreakEvenT(): number {
    if (this.largestT === undefined) {
      const q = new Float64Array(this.ctx.maxT + 1);
      const s = new Float64Array(this.ctx.maxT + 1);
      energiesPerT(this.ctx, this.wa, this.cache, q, s, 0);
      this.largestT = largestBreakEvenT(q, s, this.ctx.maxT);
    }
    return this.largestT;
  }
  private get d(): LayerDetail {
    const T = this.ctx.settings.timesteps;
    return (this.detail ??= layerDetail(countsOf(this.ctx, this.wa.layer), this.activity, this.cache.at(T), T));
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
