import { layerDetail, type LayerDetail } from '../energy/fast';
import type { WeightedActivity } from './activity';
import { ACTUAL, countsOf, energiesPerT, type Ctx } from './context';
import { activityOf, largestBreakEvenT, type TableCache } from './evaluate';
import { breakEvenRate } from './solve';
import type { ArchitectureResult, LayerResult } from './types';
import { cheaperTwin, ratio } from './verdict';

/**
 * A layer's result. The breakdown by action and the compute-only energies are computed on first read:
 * diagnostics never read them, reports, hovers and the panel do.
 */
export class LayerResultImpl implements LayerResult {
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
  get approximation(): string | undefined {
    return this.wa.layer.approximation;
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
  get cheaperAs(): 'snn' | 'qnn' {
    return cheaperTwin(this.snnEnergyJ, this.qnnEnergyJ);
  }
  get verdict(): LayerResult['verdict'] {
    return this.cheaperAs === 'snn' ? 'snn-cheaper' : 'qnn-cheaper';
  }
  /** Largest T ≤ maxT at which the SNN is no dearer at the layer's rates (every T evaluated on first read). */
  get largestBreakEvenT(): number {
    if (this.largestT === undefined) {
      const q = new Float64Array(this.ctx.maxT + 1);
      const s = new Float64Array(this.ctx.maxT + 1);
      energiesPerT(this.ctx, this.wa, this.cache, q, s);
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
export function lazyComputeOnly(layers: readonly LayerResult[]): ArchitectureResult['computeOnly'] {
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
