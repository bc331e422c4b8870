import type { LayerCounts, LayerKind } from '../ir';
import { convCounts, linearCounts, product } from '../counts';
import type { Fields } from './json-nodes';

/** What a layer type's rule returns: its output shape and, for weighted layers, its counts. */
export interface Inferred {
  readonly outputShape: number[];
  readonly counts?: LayerCounts;
  readonly elements?: number;
  readonly attributes: Record<string, number | string | readonly number[]>;
}

export interface LayerType {
  readonly kind: LayerKind;
  /** Fields this type reads besides the common ones (for unknown-field hints and the schema test). */
  readonly fields: readonly string[];
  /** At least this many inputs (2 for add/concat). */
  readonly minInputs?: number;
  /** Returns undefined after reporting a problem through `f`. */
  infer(f: Fields, inputs: readonly (readonly number[])[]): Inferred | undefined;
}

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

function needImage(f: Fields, s: readonly number[], type: string): s is [number, number, number] {
  if (s.length === 3) return true;
  f.problem(
    'shape-mismatch',
    `${type} needs an image input [channels, height, width], but gets ${shapeText(s)}: put it before "flatten"`,
  );
  return false;
}

/** Output size of a sliding window: ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 (⌈⌉ with ceilMode). */
export function windowOut(n: number, k: number, s: number, p: number, d = 1, ceil = false): number {
  const span = n + 2 * p - d * (k - 1) - 1;
  return (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
}

function spatialOut(
  f: Fields,
  type: string,
  hw: readonly number[],
  k: number[],
  s: number[],
  p: number[],
  d: number[],
  ceil = false,
): number[] | undefined {
  const out = hw.map((n, i) => windowOut(n, k[i], s[i], p[i], d[i], ceil));
  if (out.some((o) => o < 1)) {
    f.problem(
      'shape-mismatch',
      `${type} with kernel ${shapeText(k)} does not fit its ${shapeText(hw)} input (output ${shapeText(out)}): use a smaller kernel or more padding`,
    );
    return undefined;
  }
  return out;
}

function padding(f: Fields, k: number[], d: number[]): number[] | undefined {
  const v = f.value('padding');
  if (v?.type === 'string') {
    if (v.value !== 'same')
      return (f.problem('invalid-field', `"padding" must be a whole number, a list of 2, or "same"`, v), undefined);
    return k.map((ki, i) => Math.floor((d[i] * (ki - 1)) / 2));
  }
  return f.ints('padding', 2, PADDING_OPTS);
}

// option objects shared by every layer (a large spec parses thousands of layers)
const PADDING_OPTS = { min: 0, fallback: Object.freeze([0, 0]) as number[] };
const OUT_CHANNELS_OPTS = { required: true, example: 64 };
const REQUIRED = { required: true };
const ONES = { fallback: Object.freeze([1, 1]) as number[] };

const conv2d: LayerType = {
  kind: 'conv',
  fields: ['outChannels', 'kernel', 'stride', 'padding', 'dilation', 'groups', 'bias'],
  infer(f, [input]) {
    const out = f.int('outChannels', OUT_CHANNELS_OPTS);
    const k = f.ints('kernel', 2, REQUIRED);
    const s = f.ints('stride', 2, ONES);
    const d = f.ints('dilation', 2, ONES);
    const g = f.int('groups') ?? 1;
    const bias = f.bool('bias') ?? true;
    if (out === undefined || !k || !s || !d || !needImage(f, input, 'conv2d')) return undefined;
    const p = padding(f, k, d);
    if (!p) return undefined;
    const [c] = input;
    if (c % g !== 0 || out % g !== 0) {
      f.problem(
        'shape-mismatch',
        `"groups" ${g} must divide both the input channels (${c}) and "outChannels" (${out})`,
        f.value('groups'),
      );
      return undefined;
    }
    const hw = spatialOut(f, 'conv2d', input.slice(1), k, s, p, d);
    if (!hw) return undefined;
    return {
      outputShape: [out, ...hw],
      counts: convCounts(c, out, k, hw, g, bias),
      attributes: { kernel: k, stride: s, padding: p, dilation: d, groups: g },
    };
  },
};

const linear: LayerType = {
  kind: 'linear',
  fields: ['outFeatures', 'bias'],
  infer(f, [input]) {
    const out = f.int('outFeatures', { required: true, example: 10 });
    const bias = f.bool('bias') ?? true;
    if (out === undefined) return undefined;
    if (input.length !== 1) {
      const at = f.node.offset;
      f.problem(
        'shape-mismatch',
        `linear needs a flat input, but gets ${shapeText(input)}: add { "type": "flatten" } before it`,
        f.node,
        {
          title: 'Add a flatten layer before it',
          safe: false,
          replace: { range: { start: at, end: at }, text: `{ "name": "${flattenName(f)}", "type": "flatten" }, ` },
        },
      );
      return undefined;
    }
    return {
      outputShape: [out],
      counts: linearCounts(input[0], out, 1, bias),
      attributes: { inFeatures: input[0], outFeatures: out },
    };
  },
};

function pool(kind: 'maxpool' | 'avgpool', type: string): LayerType {
  return {
    kind,
    fields: ['kernel', 'stride', 'padding', 'ceilMode'],
    infer(f, [input]) {
      const k = f.ints('kernel', 2, { required: true });
      const s = f.ints('stride', 2, { fallback: k });
      const p = f.ints('padding', 2, { min: 0, fallback: [0, 0] });
      const ceil = f.bool('ceilMode') ?? false;
      if (!k || !s || !p || !needImage(f, input, type)) return undefined;
      const hw = spatialOut(f, type, input.slice(1), k, s, p, [1, 1], ceil);
      return hw && { outputShape: [input[0], ...hw], attributes: { kernel: k, stride: s, padding: p } };
    },
  };
}

const passThrough = (kind: LayerKind, fields: string[] = []): LayerType => ({
  kind,
  fields,
  infer: (_f, [input]) => ({ outputShape: [...input], attributes: {} }),
});

const globalAvgPool: LayerType = {
  kind: 'globalavgpool',
  fields: [],
  infer: (f, [input]) =>
    needImage(f, input, 'globalavgpool2d') ? { outputShape: [input[0], 1, 1], attributes: {} } : undefined,
};

const flatten: LayerType = {
  kind: 'flatten',
  fields: [],
  infer: (_f, [input]) => ({ outputShape: [product(input)], attributes: {} }),
};

const add: LayerType = {
  kind: 'add',
  fields: [],
  minInputs: 2,
  infer(f, inputs) {
    const first = inputs[0];
    const bad = inputs.find((s) => shapeText(s) !== shapeText(first));
    if (bad) {
      f.problem(
        'shape-mismatch',
        `add needs inputs of one shape, but gets ${inputs.map(shapeText).join(' and ')}`,
        f.value('inputs'),
      );
      return undefined;
    }
    return { outputShape: [...first], elements: product(first), attributes: {} };
  },
};

const concat: LayerType = {
  kind: 'concat',
  fields: ['axis'],
  minInputs: 2,
  infer(f, inputs) {
    const axis = f.int('axis', { min: 0 }) ?? 0;
    const first = inputs[0];
    const ok = inputs.every((s) => s.length === first.length && s.every((d, i) => i === axis || d === first[i]));
    if (!ok || axis >= first.length) {
      f.problem(
        'shape-mismatch',
        `concat along axis ${axis} needs inputs that agree on every other axis, but gets ${inputs.map(shapeText).join(' and ')}`,
        f.value('inputs'),
      );
      return undefined;
    }
    const out = [...first];
    out[axis] = inputs.reduce((s, x) => s + x[axis], 0);
    return { outputShape: out, elements: product(out), attributes: { axis } };
  },
};

/** Every layer type a spec may use. Keep in sync with schemas/layer-spec.schema.json (a test checks). */
export const LAYER_TYPES: Readonly<Record<string, LayerType>> = {
  conv2d,
  linear,
  maxpool2d: pool('maxpool', 'maxpool2d'),
  avgpool2d: pool('avgpool', 'avgpool2d'),
  globalavgpool2d: globalAvgPool,
  flatten,
  batchnorm2d: passThrough('batchnorm', ['eps']),
  relu: passThrough('activation'),
  dropout: passThrough('dropout', ['p']),
  add,
  concat,
};

/** A name for a flatten layer inserted before this one ("flatten_fc"). */
function flattenName(f: Fields): string {
  const name = f.value('name');
  return `flatten_${name?.type === 'string' ? String(name.value) : 'input'}`;
}
