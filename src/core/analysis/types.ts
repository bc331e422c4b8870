import type { FindingCode, LayerKind, Severity, TextRange } from '../model/ir';
import type { QnnAction, SnnAction } from '../energy/architecture';
import type { MeasuredActivity } from '../model/measurements';

export type AggregationView = 'per-layer' | 'network-mean';

/** Where a spike rate used by the analysis came from. */
export type RateOrigin = 'declared' | 'sparsity' | 'measured' | 'default' | 'analog' | 'none';

/** Re-exported: the analysis consumes what model/measurements.ts parses. */
export type { MeasuredActivity } from '../model/measurements';

export interface AnalysisOptions {
  /** Overrides the model's timesteps; default 6 (the paper's VGG16 setting) when neither is set. */
  readonly timesteps?: number;
  /** Overrides the model's weight bits; default 8. */
  readonly weightBits?: number;
  /** Spike rate for layers without a declared or measured one. */
  readonly defaultSpikeRate: number;
  readonly view: AggregationView;
  /** `near-break-even` when the rate is within this share below s* (0.1 = within 10% of s*). */
  readonly nearMargin: number;
  readonly measured?: ReadonlyMap<string, MeasuredActivity>;
  /** Largest T tried for "largest T that breaks even" and the T sweep. */
  readonly maxTimesteps?: number;
  /**
   * Give the verdict on the accounted part of an incomplete model (the share is shown); by default an
   * incomplete model gets no verdict and one error-level `incomplete-model` finding.
   */
  readonly allowIncomplete?: boolean;
  /** 'lint' skips the T sweep (diagnostics do not need it); 'full' (default) computes everything. */
  readonly detail?: 'full' | 'lint';
}

export type Verdict = 'snn-cheaper' | 'qnn-cheaper';
/** s* as a number in [0,1], or a verdict when the solution falls outside. */
export type BreakEven =
  | { readonly kind: 'rate'; readonly rate: number }
  | { readonly kind: 'never' } // SNN never cheaper (s* < 0)
  | { readonly kind: 'always' }; // SNN always cheaper (s* > 1)

export interface LayerResult {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly kind: LayerKind;
  readonly synapses: number;
  readonly weights: number;
  readonly neurons: number;
  readonly fanIn: number;
  readonly reuse: number;
  /** Rate of the layer's own output spikes (0 for the output layer). */
  readonly spikeRate: number;
  readonly spikeRateOrigin: RateOrigin;
  /** Rate of the spikes it consumes (undefined for the analog first layer). */
  readonly inputSpikeRate?: number;
  readonly inputSpikeRateOrigin: RateOrigin;
  /** The layer whose spikes it consumes. */
  readonly producer?: string;
  /** ρ of the QNN activations it consumes. */
  readonly annDensity: number;
  readonly qnnEnergyJ: number;
  readonly snnEnergyJ: number;
  readonly ratio: number;
  readonly qnnComputeJ: number;
  readonly snnComputeJ: number;
  readonly breakEven: BreakEven;
  /** s* as a number, or null when it is a verdict. */
  readonly breakEvenSpikeRate: number | null;
  readonly verdict: Verdict;
  /** Largest T ≤ maxTimesteps at which the SNN is no dearer at the layer's rates; 0 when none. */
  readonly largestBreakEvenT: number;
  readonly breakdown: {
    readonly qnn: Readonly<Record<QnnAction, number>>;
    readonly snn: Readonly<Record<SnnAction, number>>;
  };
  readonly execution: 'snn' | 'qnn';
  readonly cheaperAs: 'snn' | 'qnn';
  /** The approximation behind the cost when the paper gives no formula (attention products). */
  readonly approximation?: string;
}

export interface SweepPoint {
  readonly timesteps: number;
  readonly activationBits: number;
  readonly qnnEnergyJ: number;
  readonly snnEnergyJ: number;
  readonly ratio: number;
  readonly breakEvenSpikeRate: number | null;
}

/** Energies (J) of the QNN twin and of the SNN at spike rate x. */
export interface CurvePoint {
  readonly x: number;
  readonly qnnJ: number;
  readonly snnJ: number;
}

export interface EnergyCurves {
  /** The whole model when every layer spikes at rate x (the model break-even s* is where they cross). */
  readonly model: readonly CurvePoint[];
  /**
   * One curve per weighted layer, in the analysis's layer order: the layer's energies when the rate it
   * consumes is x (its own output rate follows x only if nothing declared it), as the per-layer s*.
   * The first layer consumes analog input: its x is its own output rate.
   */
  readonly layers: readonly { readonly name: string; readonly points: readonly CurvePoint[] }[];
}

export interface ArchitectureResult {
  readonly id: string;
  readonly name: string;
  /** The architecture document's one-line provenance (where its numbers come from), if it has one. */
  readonly provenance?: string;
  readonly qnnEnergyJ: number;
  readonly snnEnergyJ: number;
  /**
   * The element-wise work of the non-weighted layers (LayerNorm, Softmax, GELU, residual Add, embedding reads),
   * in the totals above: operations per sample and their energies in each twin.
   */
  readonly elementwise: { readonly operations: number; readonly qnnEnergyJ: number; readonly snnEnergyJ: number };
  readonly ratio: number;
  readonly breakEven: BreakEven;
  readonly breakEvenSpikeRate: number | null;
  /** Which twin is cheaper for the whole model (verdict.ts's rule). */
  readonly cheaperAs: 'snn' | 'qnn';
  readonly computeOnly: { readonly qnnEnergyJ: number; readonly snnEnergyJ: number; readonly ratio: number };
  /** Energy with each layer run as declared (`execution`), and the cheapest per-layer mix. */
  readonly hybrid: {
    readonly declaredEnergyJ: number;
    readonly bestEnergyJ: number;
    readonly bestRatio: number;
    readonly qnnLayers: readonly string[];
  };
  readonly largestBreakEvenT: number;
  /** Model energies and s* for T = 1..16; empty with detail 'lint'. */
  readonly sweep: readonly SweepPoint[];
  readonly layers: readonly LayerResult[];
  /** The break-even curves (model and per layer), computed on first read. */
  readonly curves: EnergyCurves;
}

export interface RelatedLocation {
  readonly layer: string;
  readonly message: string;
  readonly range?: TextRange;
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly layer?: string;
  readonly architecture?: string;
  readonly message: string;
  readonly range?: TextRange;
  readonly nodeIndex?: number;
  readonly related?: readonly RelatedLocation[];
  /** The numbers behind the message. */
  readonly data?: {
    readonly spikeRate?: number;
    readonly breakEvenSpikeRate?: number | null;
    readonly ratio?: number;
    readonly consumer?: string;
    readonly largestBreakEvenT?: number;
  };
}

export interface ModelSummary {
  readonly name: string;
  readonly format: string;
  readonly source?: string;
  readonly layerCount: number;
  readonly weightedLayerCount: number;
  readonly synapses: number;
  readonly weights: number;
  readonly neurons: number;
  /** R̄ and F̄ of the network-mean view. */
  readonly meanReuse: number;
  readonly meanFanIn: number;
  /** Neuron-weighted mean of the spike rates used. */
  readonly meanSpikeRate: number;
}

export interface AnalysisSettings {
  readonly timesteps: number;
  readonly activationBits: number;
  readonly weightBits: number;
  readonly defaultSpikeRate: number;
  readonly view: AggregationView;
  readonly nearMargin: number;
}

export interface Analysis {
  readonly model: ModelSummary;
  readonly settings: AnalysisSettings;
  readonly architectures: readonly ArchitectureResult[];
  readonly findings: readonly Finding[];
  /** Which compute was accounted for, and where knowledge was first lost. */
  readonly coverage: Coverage;
  /** True when the model is incomplete and a partial verdict was not asked for: show no verdict anywhere. */
  readonly verdictWithheld: boolean;
}

/** Where the analysis first lost knowledge of the model, and why. */
export interface CoverageLoss {
  readonly layer?: string;
  readonly nodeIndex?: number;
  readonly range?: TextRange;
  readonly reason: string;
}

/**
 * Which compute the analysis accounted for (issue 12): a verdict that rests on something the code did not
 * understand is withheld. `complete` is false when a node that may carry compute is not costed, or when
 * the input has errors (a layer spec with errors is partial, whatever it parsed).
 */
export interface Coverage {
  /** MACs of the costed layers. */
  readonly accountedMacs: number;
  /** Accounted MACs plus those of layers whose count is known but not costed. */
  readonly knownMacs: number;
  /** Nodes that may carry compute but are not costed. */
  readonly notCosted: number;
  readonly complete: boolean;
  /** The first place knowledge was lost (in topological order), when incomplete. */
  readonly firstLoss?: CoverageLoss;
  /** "accounted compute: X of Y known MACs; N nodes not costed". */
  readonly text: string;
  /** How the batch was taken out of the counts. */
  readonly batchRule?: string;
}
