export type Severity = 'error' | 'warning' | 'information';

export interface RuleInfo {
  readonly severity: Severity;
  readonly title: string;
  readonly help: string;
}

/**
 * Every finding code the product emits, with the one-line help shown in SARIF and the docs page at
 * docs/rules/<code>.md. Codes are stable: never rename one. A problem or finding can only carry a
 * code of this table (FindingCode), so a new code does not compile until it has its rule here; a
 * unit test checks each has its docs page.
 */
export const RULES = {
  'below-break-even': {
    severity: 'warning',
    title: 'Spike rate above break-even',
    help: "This layer's spikes are too dense for the SNN to use less energy than its quantized twin on this architecture. Raise sparsity (the paper's L1 activation regularizer), lower T, or run the consuming layer as a QNN.",
  },
  'near-break-even': {
    severity: 'information',
    title: 'Spike rate near break-even',
    help: 'The SNN is still cheaper here, but within the configured margin of the break-even spike rate.',
  },
  'missing-spike-rate': {
    severity: 'information',
    title: 'No spike rate declared or measured',
    help: 'The layer uses the default spike rate. Declare "spikeRate" or "sparsity", or run the simulator to measure it.',
  },
  'unmodelled-op': {
    severity: 'warning',
    title: 'Operation not costed',
    help: 'The energy model does not cost this operation; its energy is not in the totals.',
  },
  'incomplete-model': {
    severity: 'error',
    title: 'Model not fully accounted: no verdict',
    help: 'A node that may carry compute is not costed (unknown shape, no rule for the op, non-finite counts), or the input has errors. The verdict is withheld; the finding names the first node where knowledge was lost and why. --allow-incomplete gives the verdict on the accounted part, with the share shown.',
  },
  'json-syntax': {
    severity: 'error',
    title: 'JSON syntax error',
    help: 'The file is not valid JSON (comments and trailing commas are allowed).',
  },
  'missing-field': {
    severity: 'error',
    title: 'Required field missing',
    help: 'A required field of the spec or of a layer is missing.',
  },
  'invalid-field': {
    severity: 'error',
    title: 'Invalid or unknown field',
    help: 'A field has the wrong type or value, or is not part of the layer spec.',
  },
  'unknown-layer-type': {
    severity: 'error',
    title: 'Unknown layer type',
    help: 'The layer type is not one the spec supports.',
  },
  'unknown-layer-input': {
    severity: 'error',
    title: 'Unknown layer input',
    help: '"inputs" names a layer that does not exist above this one.',
  },
  'duplicate-layer-name': {
    severity: 'error',
    title: 'Duplicate layer name',
    help: 'Two layers share a name; each layer needs its own.',
  },
  'shape-mismatch': {
    severity: 'error',
    title: 'Shape mismatch',
    help: 'The layer cannot take the shape its inputs produce.',
  },
  'rate-out-of-range': {
    severity: 'error',
    title: 'Rate outside [0, 1]',
    help: 'Spike rates, sparsities and densities are fractions from 0 to 1.',
  },
  'invalid-architecture': {
    severity: 'error',
    title: 'Invalid architecture document',
    help: 'The *.arch.json document does not match schemas/architecture.schema.json.',
  },
  'onnx-unreadable': {
    severity: 'error',
    title: 'ONNX model unreadable',
    help: 'The file is not an ONNX model, or it is truncated or malformed.',
  },
  'invalid-shape': {
    severity: 'error',
    title: 'Impossible layer sizes',
    help: 'A dimension ≤ 0, more than 2^53 elements, or window attributes (kernel, strides, dilations, pads, group) outside the ONNX operator specs: no energy is computed for the layer.',
  },
  'invalid-result': {
    severity: 'error',
    title: 'Result withheld',
    help: 'The energy model produced NaN, infinity or a negative number; the analysis is withheld instead of shown.',
  },
  'duplicate-key': {
    severity: 'warning',
    title: 'Duplicate JSON key',
    help: 'The same key appears twice in one object: this linter reads the first value, JSON.parse and Python the last. Delete one.',
  },
} as const satisfies Record<string, RuleInfo>;

export type FindingCode = keyof typeof RULES;

export const FINDING_CODES = Object.keys(RULES) as FindingCode[];
