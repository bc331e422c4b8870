import { size } from './forward';
import type { SimGraph, SimOp, SimOptions } from './types';

export interface IfLayerReport {
  /** The ReLU node's layer name. */
  readonly name: string;
  readonly neurons: number;
  readonly spikes: number;
  /** spikes / (neurons × T × samples) */
  readonly spikeRate: number;
  /** T × spikeRate */
  readonly spikesPerNeuron: number;
  readonly threshold: number;
  /** Share of non-zero ReLU outputs in the ANN. */
  readonly annDensity: number;
}

export interface WeightedReport {
  /** The Conv/Gemm/MatMul node's layer name (a folded BatchNormalization keeps its Conv's name). */
  readonly name: string;
  /** Non-zero inputs per input element and timestep: the spike rate it consumes (1-ish for analog inputs). */
  readonly inputSpikeRate: number;
  /** Synaptic operations performed (multiply-accumulates of the event-driven kernel). */
  readonly synapticOps: number;
  /** Fed the analog input (direct encoding). */
  readonly analogInput: boolean;
  /** The IF layer its output drives (through a folded BN, Dropout, Add, Concat, Pad, Flatten), if any. */
  readonly outputLayer?: string;
  /** That IF layer's spike rate: the rate of this layer's own output neurons in the energy model. */
  readonly outputSpikeRate?: number;
}

export interface SimResult {
  readonly samples: number;
  readonly timesteps: number;
  readonly layers: readonly IfLayerReport[];
  readonly weighted: readonly WeightedReport[];
  /** All spikes / (all IF neurons × T × samples). */
  readonly meanSpikeRate: number;
  /** Share of samples where the SNN's argmax equals the ANN's. */
  readonly agreement: number;
  readonly options: SimOptions;
}

/** What the run counts. */
export interface Counts {
  readonly spikes: Map<SimOp, number>;
  readonly inNonZero: Map<SimOp, number>;
  readonly synOps: Map<SimOp, number>;
  agree: number;
}

export function report(
  g: SimGraph,
  samples: number,
  opts: SimOptions,
  thresholds: ReadonlyMap<SimOp, number>,
  annNonZero: ReadonlyMap<SimOp, number>,
  counts: Counts,
): SimResult {
  const T = opts.timesteps;
  const layers = g.ops.flatMap((op) => {
    if (op.kind !== 'relu') return [];
    const neurons = size(g.shapes[op.output]);
    const s = counts.spikes.get(op) ?? 0;
    const rate = s / (neurons * T * samples);
    const density = (annNonZero.get(op) ?? 0) / (neurons * samples);
    return [
      {
        name: op.name,
        neurons,
        spikes: s,
        spikeRate: rate,
        spikesPerNeuron: s / (neurons * samples),
        threshold: thresholds.get(op)!,
        annDensity: density,
      },
    ];
  });
  const byName = new Map(layers.map((l) => [l.name, l]));
  const weighted = g.ops.flatMap((op): WeightedReport[] => {
    if (op.kind !== 'conv' && op.kind !== 'gemm') return [];
    const outputLayer = neuronsAfter(g, op)?.name;
    return [
      {
        name: op.name,
        inputSpikeRate: (counts.inNonZero.get(op) ?? 0) / (size(g.shapes[op.input]) * T * samples),
        synapticOps: counts.synOps.get(op) ?? 0,
        analogInput: op.input === g.input && opts.encoding === 'direct',
        ...(outputLayer ? { outputLayer, outputSpikeRate: byName.get(outputLayer)!.spikeRate } : {}),
      },
    ];
  });
  const allSpikes = layers.reduce((a, l) => a + l.spikes, 0);
  const allNeurons = layers.reduce((a, l) => a + l.neurons, 0);
  return {
    samples,
    timesteps: T,
    layers,
    weighted,
    meanSpikeRate: allNeurons ? allSpikes / (allNeurons * T * samples) : 0,
    agreement: samples ? counts.agree / samples : 0,
    options: opts,
  };
}

/** The IF layer a weighted op drives: its output's first consumer, through ops that only combine or relayout. */
function neuronsAfter(g: SimGraph, op: SimOp): SimOp | undefined {
  let value = op.output;
  for (let guard = 0; guard < g.ops.length; guard++) {
    const next = g.ops.find((o) => ('inputs' in o ? o.inputs.includes(value) : o.input === value));
    if (!next) return undefined;
    if (next.kind === 'relu') return next;
    if ((next.kind === 'conv' || next.kind === 'gemm') && next.affine) {
      value = next.output;
      continue;
    }
    if (!['identity', 'add', 'concat', 'pad', 'flatten'].includes(next.kind)) return undefined;
    value = next.output;
  }
  return undefined;
}
