import type { FindingCode, Severity } from '../rules';

/**
 * The Network IR: what every input format (JSON layer spec, ONNX) is turned into, and what the
 * energy model, the analysis, the simulator's reports, the CLI, the editor and the panel read.
 *
 * Shapes are per sample (no batch dimension): [C, H, W] for images, [F] for vectors.
 * Counts are per inference of one sample.
 */

/** A span in the text the network was parsed from: character offsets, end exclusive. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export type { FindingCode, Severity };

/** A problem found while reading or checking an input. Parsers return these; they never throw. */
export interface Problem {
  /** Stable kebab-case code of core/rules.ts, documented in docs/rules/<code>.md. */
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  /** Where in the source text (layer specs). */
  readonly range?: TextRange;
  /** The layer (by name) it concerns, when any. ONNX problems use this to find the node's line in the text view. */
  readonly layer?: string;
  /** The change the message proposes, when it names one (a quick fix in the editor). */
  readonly fix?: ProblemFix;
}

/**
 * A change a problem's message proposes: replace a span (a did-you-mean, a percentage written as a rate),
 * or add a property to the JSON object that starts at `object` (a missing field, with an example value).
 * `safe` fixes restore what the user evidently meant; "fix all" applies only those.
 */
export interface ProblemFix {
  readonly title: string;
  readonly safe: boolean;
  readonly replace?: { readonly range: TextRange; readonly text: string };
  readonly insert?: { readonly object: number; readonly key: string; readonly value: unknown };
}

/** Operation kinds the energy model and the analysis understand. */
export type LayerKind =
  // weighted layers: they carry synapses
  | 'conv' // Conv / conv2d (1-D and 3-D convolutions map here too)
  | 'conv-transpose'
  | 'linear' // Gemm / Linear / MatMul with a constant weight
  | 'recurrent' // LSTM / GRU / RNN: synapses counted over the sequence length
  // no synapses
  | 'input'
  | 'maxpool'
  | 'avgpool'
  | 'globalavgpool'
  | 'flatten'
  | 'reshape' // Reshape, Transpose, Squeeze, Unsqueeze, Identity: data layout only
  | 'batchnorm' // folded into the preceding weighted layer
  | 'activation' // ReLU, Clip, LeakyReLU: becomes the preceding layer's spiking (IF) neurons
  | 'nonlinearity' // Sigmoid, Tanh, Softmax: elementwise, not spiking
  | 'dropout'
  | 'add'
  | 'mul'
  | 'concat'
  | 'pad'
  | 'resize'
  | 'subgraph' // If / Loop / Scan: listed, not costed
  | 'unmodelled'; // anything else: reported as `unmodelled-op`, never a silent zero

export const WEIGHTED_KINDS: ReadonlySet<LayerKind> = new Set(['conv', 'conv-transpose', 'linear', 'recurrent']);

/** Synapse, weight and neuron counts of a weighted layer (energy-model.md §1). */
export interface LayerCounts {
  /** N_syn: MACs of one dense inference. */
  readonly synapses: number;
  /** N_w: weights, bias excluded. */
  readonly weights: number;
  /** Bias parameters (not in N_w). */
  readonly biases: number;
  /** N_out: output neurons. */
  readonly neurons: number;
  /** F = N_syn / N_out. */
  readonly fanIn: number;
  /** R = N_syn / N_w: weight reuse. */
  readonly reuse: number;
}

/** Where a declared activity figure came from. */
export type ActivitySource = 'declared' | 'sparsity' | 'measured';

export interface Layer {
  /** Index in Network.layers (topological order). */
  readonly index: number;
  /** Unique name (spec: `name`; ONNX: node name, or a generated one like `Conv_3`). */
  readonly name: string;
  readonly kind: LayerKind;
  /** The op as the source wrote it: `conv2d` in a spec, `Conv` in ONNX. */
  readonly op: string;
  /** Indices of the layers whose outputs this layer consumes (network input = the `input` layer). */
  readonly inputs: readonly number[];
  /** Output shape per sample, or undefined when it could not be inferred (a problem says why). */
  readonly outputShape?: readonly number[];
  /** Present on weighted layers. */
  readonly counts?: LayerCounts;
  /** Elements this layer produces (for element-wise ops such as Add/Concat). */
  readonly elements?: number;
  /** Hyper-parameters as read (kernel, stride, padding, groups, ...), for hovers and the text view. */
  readonly attributes?: Readonly<Record<string, number | string | readonly number[]>>;
  /** Declared spike rate of this layer's own output neurons, in [0, 1]. */
  readonly spikeRate?: number;
  readonly spikeRateSource?: ActivitySource;
  /** Declared ANN activation density of this layer's output (share of non-zero), in [0, 1]. */
  readonly annDensity?: number;
  /** Hybrid plan: run this layer as spiking (default) or as quantized. */
  readonly execution?: 'snn' | 'qnn';
  /** Weight bits for this layer (overrides the model's). */
  readonly weightBits?: number;
  /** Whole layer object in the source text (specs); for ONNX, the node's line in the text view. */
  readonly range?: TextRange;
  /** The layer's `name` value in the source text (specs), the node's line (ONNX): where findings are shown. */
  readonly nameRange?: TextRange;
  /** The layer's `type` value in the source text (specs). */
  readonly typeRange?: TextRange;
  /** ONNX node index in graph.node, when the layer comes from an ONNX node. */
  readonly nodeIndex?: number;
  /**
   * Why a layer that may carry compute is not costed (unknown shapes, no rule for the op, non-finite
   * counts). Any such layer makes the model incomplete: the verdict is withheld (issue 12).
   */
  readonly notCosted?: string;
  /**
   * Element-wise operations per sample (LayerNorm, Softmax, GELU, residual Add, embedding reads, …), priced by
   * the architecture's `elementwise` action in both twins (the SNN every timestep).
   */
  readonly elementOps?: number;
  /** The approximation behind this layer's cost, when the paper gives no formula for it (docs/energy-model.md). */
  readonly approximation?: string;
}

export type NetworkFormat = 'layer-spec' | 'onnx';

export interface Network {
  readonly name: string;
  readonly format: NetworkFormat;
  /** Per-sample input shape. */
  readonly inputShape: readonly number[];
  /** Timesteps declared by the model, if any (settings or CLI may override). */
  readonly timesteps?: number;
  /** Weight bits declared by the model, if any. */
  readonly weightBits?: number;
  /** Default spike rate declared by the model for layers without one. */
  readonly defaultSpikeRate?: number;
  /** Topologically ordered; layers[i].index === i. */
  readonly layers: readonly Layer[];
  readonly problems: readonly Problem[];
  /** How the batch was taken out of the counts ("counts per sample: ..."), stated in reports. */
  readonly batchRule?: string;
}

/** Result of every parser: never throws on user input. */
export interface ParseResult<T> {
  readonly value: T | undefined;
  readonly problems: readonly Problem[];
}

export function isWeighted(layer: Layer): boolean {
  return WEIGHTED_KINDS.has(layer.kind);
}
