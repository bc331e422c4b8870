/**
 * DATA TABLE: the output-shape rule of every ONNX op the linter knows (`RULES`, keyed by op type), one short
 * rule each, with the attribute readers the rules share. Kept as one table on purpose, so it is exempt from the
 * ~300-line limit (test/unit/architecture/file-size.test.ts lists it with this reason).
 */
import type { AttributeValue, OnnxNode } from './types';
import { einsumSizes, parseEinsum } from './einsum';

/**
 * Output shapes per op, following the ONNX operator specs (onnx/docs/Operators.md), opset-aware where the
 * signature changed. Shapes are full ONNX shapes (batch included). A rule returns undefined when it lacks
 * an input shape or a constant it needs; the caller then falls back to value_info.
 */
export interface RuleContext {
  readonly node: OnnxNode;
  readonly opset: number;
  /** Shape of input i, if known. */
  shape(i: number): number[] | undefined;
  /** Small integer constant value of input i, if known (shape plumbing). */
  value(i: number): number[] | undefined;
  /** Whether input i is present (optional inputs may be ''). */
  has(i: number): boolean;
}

export type Rule = (c: RuleContext) => (number[] | undefined)[] | undefined;

export function attrInt(n: OnnxNode, name: string, fallback: number): number {
  const a = n.attributes.get(name);
  return a?.type === 'int' ? a.value : fallback;
}

export function attrInts(n: OnnxNode, name: string): number[] | undefined {
  const a: AttributeValue | undefined = n.attributes.get(name);
  return a?.type === 'ints' ? [...a.value] : undefined;
}

export function attrString(n: OnnxNode, name: string, fallback: string): string {
  const a = n.attributes.get(name);
  return a?.type === 'string' ? a.value : fallback;
}

export function attrFloats(n: OnnxNode, name: string): number[] | undefined {
  const a = n.attributes.get(name);
  return a?.type === 'floats' ? [...a.value] : undefined;
}

const same: Rule = (c) => (c.shape(0) ? c.node.outputs.map(() => c.shape(0)) : undefined);

function broadcast(shapes: (number[] | undefined)[]): number[] | undefined {
  if (shapes.some((s) => !s)) return undefined;
  const rank = Math.max(...shapes.map((s) => s!.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let d = 1;
    for (const s of shapes) {
      const x = s![s!.length - rank + i] ?? 1;
      if (x !== 1) {
        if (d !== 1 && d !== x) return undefined;
        d = x;
      }
    }
    out.push(d);
  }
  return out;
}

const elementwise: Rule = (c) => {
  const b = broadcast(c.node.inputs.map((_, i) => (c.has(i) ? c.shape(i) : [])));
  return b && [b];
};

const norm = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

/** Spatial output of a sliding window with ONNX's pads/auto_pad/ceil_mode (opset ≥ 10 for ceil_mode). */
function windowed(c: RuleContext, kernel: number[], x: number[]): number[] | undefined {
  const n = c.node;
  const k = kernel.length;
  const strides = attrInts(n, 'strides') ?? new Array<number>(k).fill(1);
  const dil = attrInts(n, 'dilations') ?? new Array<number>(k).fill(1);
  const pads = attrInts(n, 'pads') ?? new Array<number>(2 * k).fill(0);
  const autoPad = attrString(n, 'auto_pad', 'NOTSET');
  const ceil = attrInt(n, 'ceil_mode', 0) === 1;
  const spatial = x.slice(2);
  if (spatial.length !== k) return undefined;
  return spatial.map((size, i) => {
    const eff = dil[i] * (kernel[i] - 1) + 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return Math.ceil(size / strides[i]);
    if (autoPad === 'VALID') return Math.floor((size - eff) / strides[i]) + 1;
    const span = size + pads[i] + pads[i + k] - eff;
    let out = (ceil ? Math.ceil(span / strides[i]) : Math.floor(span / strides[i])) + 1;
    // with ceil_mode the last window must start inside the input or left padding (PyTorch, ONNX ≥ 19)
    if (ceil && (out - 1) * strides[i] >= size + pads[i]) out--;
    return out;
  });
}

const conv: Rule = (c) => {
  const x = c.shape(0);
  const w = c.shape(1);
  if (!x || !w) return undefined;
  const kernel = attrInts(c.node, 'kernel_shape') ?? w.slice(2);
  const sp = windowed(c, kernel, x);
  return sp && [[x[0], w[0], ...sp]];
};

const convTranspose: Rule = (c) => {
  const x = c.shape(0);
  const w = c.shape(1);
  if (!x || !w) return undefined;
  const n = c.node;
  const k = w.length - 2;
  const group = attrInt(n, 'group', 1);
  const kernel = attrInts(n, 'kernel_shape') ?? w.slice(2);
  const strides = attrInts(n, 'strides') ?? new Array<number>(k).fill(1);
  const dil = attrInts(n, 'dilations') ?? new Array<number>(k).fill(1);
  const pads = attrInts(n, 'pads') ?? new Array<number>(2 * k).fill(0);
  const outPad = attrInts(n, 'output_padding') ?? new Array<number>(k).fill(0);
  const explicit = attrInts(n, 'output_shape');
  const autoPad = attrString(n, 'auto_pad', 'NOTSET');
  const sp = explicit
    ? explicit.slice(-k)
    : autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER'
      ? x.slice(2).map((s, i) => s * strides[i])
      : x
          .slice(2)
          .map((s, i) => strides[i] * (s - 1) + outPad[i] + (kernel[i] - 1) * dil[i] + 1 - pads[i] - pads[i + k]);
  return [[x[0], w[1] * group, ...sp]];
};

const gemm: Rule = (c) => {
  const a = c.shape(0);
  const b = c.shape(1);
  if (!a || !b || a.length !== 2 || b.length !== 2) return undefined;
  const m = attrInt(c.node, 'transA', 0) ? a[1] : a[0];
  const n = attrInt(c.node, 'transB', 0) ? b[0] : b[1];
  return [[m, n]];
};

const matmul: Rule = (c) => {
  const a = c.shape(0);
  const b = c.shape(1);
  if (!a || !b) return undefined;
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const batch = broadcast([a2.slice(0, -2), b2.slice(0, -2)]);
  if (!batch) return undefined;
  const out = [...batch, a2[a2.length - 2], b2[b2.length - 1]];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.pop();
  return [out];
};

const pool: Rule = (c) => {
  const x = c.shape(0);
  const kernel = attrInts(c.node, 'kernel_shape');
  if (!x || !kernel) return undefined;
  const sp = windowed(c, kernel, x);
  return sp && c.node.outputs.map(() => [x[0], x[1], ...sp]);
};

const globalPool: Rule = (c) => {
  const x = c.shape(0);
  return x && [[x[0], x[1], ...x.slice(2).map(() => 1)]];
};

const flatten: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const axis = norm(attrInt(c.node, 'axis', 1), x.length);
  const prod = (s: number[]) => s.reduce((p, d) => p * d, 1);
  return [[prod(x.slice(0, axis)), prod(x.slice(axis))]];
};

const reshape: Rule = (c) => {
  const x = c.shape(0);
  const target = c.opset >= 5 ? c.value(1) : attrInts(c.node, 'shape');
  if (!x || !target) return undefined;
  const allowZero = attrInt(c.node, 'allowzero', 0) === 1;
  const out = target.map((d, i) => (d === 0 && !allowZero ? x[i] : d));
  const known = out.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
  const total = x.reduce((p, d) => p * d, 1);
  const inferred = out.map((d) => (d === -1 ? (known ? total / known : 0) : d));
  return inferred.every((d) => Number.isInteger(d) && d >= 0) ? [inferred] : undefined;
};

const transpose: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const perm = attrInts(c.node, 'perm') ?? x.map((_, i) => x.length - 1 - i);
  return [perm.map((p) => x[p])];
};

const concat: Rule = (c) => {
  const shapes = c.node.inputs.map((_, i) => c.shape(i));
  if (shapes.some((s) => !s)) return undefined;
  const first = shapes[0]!;
  const axis = norm(attrInt(c.node, 'axis', 0), first.length);
  const out = [...first];
  out[axis] = shapes.reduce((s, x) => s + x![axis], 0);
  return [out];
};

const axesOf = (c: RuleContext, since: number): number[] | undefined =>
  c.opset >= since ? (c.has(1) ? c.value(1) : undefined) : attrInts(c.node, 'axes');

const squeeze: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const axes = axesOf(c, 13);
  if (c.opset >= 13 && c.has(1) && !axes) return undefined;
  const drop = new Set((axes ?? x.flatMap((d, i) => (d === 1 ? [i] : []))).map((a) => norm(a, x.length)));
  return [x.filter((_, i) => !drop.has(i))];
};

const unsqueeze: Rule = (c) => {
  const x = c.shape(0);
  const axes = axesOf(c, 13);
  if (!x || !axes) return undefined;
  const rank = x.length + axes.length;
  const at = new Set(axes.map((a) => norm(a, rank)));
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < rank; i++) out.push(at.has(i) ? 1 : x[j++]);
  return [out];
};

const gather: Rule = (c) => {
  const x = c.shape(0);
  const idx = c.shape(1);
  if (!x || !idx) return undefined;
  const axis = norm(attrInt(c.node, 'axis', 0), x.length);
  return [[...x.slice(0, axis), ...idx, ...x.slice(axis + 1)]];
};

/** Shape with start/end (opset 15+): negative ends count from the back, both clamp to [0, rank]. */
const shapeOp: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const clamp = (a: number) => Math.max(0, Math.min(x.length, norm(a, x.length)));
  return [[Math.max(0, clamp(attrInt(c.node, 'end', x.length)) - clamp(attrInt(c.node, 'start', 0)))]];
};

const range: Rule = (c) => {
  const [start, limit, delta] = [c.value(0)?.[0], c.value(1)?.[0], c.value(2)?.[0]];
  if (start === undefined || limit === undefined || !delta) return undefined;
  return [[Math.max(0, Math.ceil((limit - start) / delta))]];
};

const pad: Rule = (c) => {
  const x = c.shape(0);
  const pads = c.opset >= 11 ? c.value(1) : (attrInts(c.node, 'pads') ?? attrInts(c.node, 'paddings'));
  if (!x || !pads) return undefined;
  const r = x.length;
  const axes = c.opset >= 18 && c.has(3) ? c.value(3)?.map((a) => norm(a, r)) : undefined;
  const out = [...x];
  (axes ?? x.map((_, i) => i)).forEach((ax, i, all) => (out[ax] += pads[i] + pads[i + all.length]));
  return [out];
};

const resize: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const op = c.node.opType;
  let scales: number[] | undefined;
  let sizes: number[] | undefined;
  if (op === 'Upsample') scales = c.opset >= 9 ? c.value(1) : attrFloats(c.node, 'scales');
  else if (c.opset < 11) scales = c.value(1);
  else {
    sizes = c.has(3) ? c.value(3) : undefined;
    scales = c.has(2) ? c.value(2) : undefined;
  }
  if (sizes && sizes.length === x.length) return [sizes];
  if (scales && scales.length === x.length) return [x.map((d, i) => Math.floor(d * scales![i]))];
  return undefined;
};

const reduce: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const since = c.node.opType === 'ReduceSum' ? 13 : 18;
  if (c.opset >= since && c.has(1) && !c.value(1)) return undefined; // axes given at run time
  const axes = axesOf(c, since);
  const keep = attrInt(c.node, 'keepdims', 1) === 1;
  const all = new Set((axes && axes.length ? axes : x.map((_, i) => i)).map((a) => norm(a, x.length)));
  return [keep ? x.map((d, i) => (all.has(i) ? 1 : d)) : x.filter((_, i) => !all.has(i))];
};

const recurrent: Rule = (c) => {
  const x = c.shape(0);
  const w = c.shape(1);
  if (!x || !w) return undefined;
  const layout = attrInt(c.node, 'layout', 0);
  const [seq, batch] = layout ? [x[1], x[0]] : [x[0], x[1]];
  const dirs = w[0];
  const hidden = attrInt(c.node, 'hidden_size', 0) || w[1] / ({ LSTM: 4, GRU: 3 }[c.node.opType as 'LSTM'] ?? 1);
  const y = layout ? [batch, seq, dirs, hidden] : [seq, dirs, batch, hidden];
  const h = layout ? [batch, dirs, hidden] : [dirs, batch, hidden];
  return [y, h, h];
};

const split: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const axis = norm(attrInt(c.node, 'axis', 0), x.length);
  const parts = c.opset >= 13 ? (c.has(1) ? c.value(1) : undefined) : attrInts(c.node, 'split');
  const n = c.node.outputs.length;
  const sizes =
    parts ?? new Array<number>(n).fill(Math.ceil(x[axis] / n)).map((s, i) => (i === n - 1 ? x[axis] - s * (n - 1) : s));
  return sizes.map((s) => x.map((d, i) => (i === axis ? s : d)));
};

const slice: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const legacy = c.opset < 10;
  const starts = legacy ? attrInts(c.node, 'starts') : c.value(1);
  const ends = legacy ? attrInts(c.node, 'ends') : c.value(2);
  const axes = legacy ? attrInts(c.node, 'axes') : c.has(3) ? c.value(3) : undefined;
  const steps = legacy ? undefined : c.has(4) ? c.value(4) : undefined;
  if (!starts || !ends || (!legacy && c.has(3) && !axes) || (c.has(4) && !legacy && !steps)) return undefined;
  const out = [...x];
  starts.forEach((s, i) => {
    const ax = norm(axes?.[i] ?? i, x.length);
    const dim = x[ax];
    const step = steps?.[i] ?? 1;
    const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v < 0 ? v + dim : v));
    const b = step > 0 ? clamp(s, 0, dim) : clamp(s, -1, dim - 1);
    const e = step > 0 ? clamp(ends[i], 0, dim) : clamp(ends[i], -1, dim - 1);
    out[ax] = Math.max(0, Math.ceil((e - b) / step));
  });
  return [out];
};

const expand: Rule = (c) => {
  const x = c.shape(0);
  const s = c.value(1);
  const b = x && s && broadcast([x, s]);
  return b ? [b] : undefined;
};

const constantOfShape: Rule = (c) => {
  const v = c.value(0);
  return v && [v];
};

const tile: Rule = (c) => {
  const x = c.shape(0);
  const r = c.value(1);
  return x && r && r.length === x.length ? [x.map((d, i) => d * r[i])] : undefined;
};

const argReduce: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const axis = norm(attrInt(c.node, 'axis', 0), x.length);
  const keep = attrInt(c.node, 'keepdims', 1) === 1;
  return [keep ? x.map((d, i) => (i === axis ? 1 : d)) : x.filter((_, i) => i !== axis)];
};

const UNARY = [
  'Relu',
  'LeakyRelu',
  'PRelu',
  'Sigmoid',
  'Tanh',
  'Softmax',
  'LogSoftmax',
  'Clip',
  'Identity',
  'Elu',
  'Selu',
  'HardSigmoid',
  'HardSwish',
  'Softplus',
  'Softsign',
  'Exp',
  'Log',
  'Neg',
  'Abs',
  'Sqrt',
  'Reciprocal',
  'Floor',
  'Ceil',
  'Erf',
  'Cast',
  'Not',
  'Sign',
  'Round',
  'Sin',
  'Cos',
  'LRN',
  'InstanceNormalization',
  'Gelu',
  'Mish',
  'ThresholdedRelu',
  'Celu',
  'Shrink',
  'CastLike',
  'Trilu',
  'CumSum',
  'ScatterND',
  'ScatterElements',
  'IsNaN',
  'IsInf',
];
const BINARY = [
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Max',
  'Min',
  'Sum',
  'Mean',
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'And',
  'Or',
  'Xor',
  'Where',
  'Mod',
  'BitShift',
];

const constantOp: Rule = (c) => {
  const n = c.node;
  const a = n.attributes.get('value');
  if (a?.type === 'tensor') return [[...a.value.dims]];
  const ints = n.attributes.get('value_ints') ?? n.attributes.get('value_floats');
  if (ints?.type === 'ints' || ints?.type === 'floats') return [[ints.value.length]];
  if (n.attributes.has('value_int') || n.attributes.has('value_float')) return [[]];
  return undefined;
};

/** Training-mode BatchNormalization also outputs running mean and variance, shaped like its scale. */
const batchNorm: Rule = (c) => {
  const x = c.shape(0);
  return x && c.node.outputs.map((_, i) => (i === 0 ? x : c.shape(1)));
};

/** LayerNormalization's Mean and InvStdDev keep the leading axes and reduce the rest to 1. */
const layerNorm: Rule = (c) => {
  const x = c.shape(0);
  if (!x) return undefined;
  const axis = norm(attrInt(c.node, 'axis', -1), x.length);
  const stat = x.map((d, i) => (i < axis ? d : 1));
  return c.node.outputs.map((_, i) => (i === 0 ? x : stat));
};

/** Output shape of an einsum from its equation and operand shapes. */
const einsumRule: Rule = (c) => {
  const eq = parseEinsum(attrString(c.node, 'equation', ''));
  const size =
    eq &&
    einsumSizes(
      eq,
      c.node.inputs.map((_, i) => c.shape(i)),
    );
  return eq && size ? [[...eq.output].map((l) => size.get(l)!)] : undefined;
};

export const RULES: Readonly<Record<string, Rule>> = {
  Constant: constantOp,
  BatchNormalization: batchNorm,
  LayerNormalization: layerNorm,
  ...Object.fromEntries(UNARY.map((op) => [op, same])),
  ...Object.fromEntries(BINARY.map((op) => [op, elementwise])),
  Dropout: (c) => c.shape(0) && [c.shape(0), c.shape(0)],
  Conv: conv,
  ConvTranspose: convTranspose,
  Gemm: gemm,
  MatMul: matmul,
  MaxPool: pool,
  AveragePool: pool,
  LpPool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  Flatten: flatten,
  Reshape: reshape,
  Transpose: transpose,
  Concat: concat,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Gather: gather,
  Shape: shapeOp,
  Size: () => [[]],
  Pad: pad,
  Upsample: resize,
  Resize: resize,
  ReduceMean: reduce,
  ReduceSum: reduce,
  ReduceMax: reduce,
  ReduceMin: reduce,
  ReduceProd: reduce,
  ReduceL2: reduce,
  LSTM: recurrent,
  GRU: recurrent,
  RNN: recurrent,
  Split: split,
  Slice: slice,
  Expand: expand,
  ConstantOfShape: constantOfShape,
  Tile: tile,
  Range: range,
  Einsum: einsumRule,
  ArgMax: argReduce,
  ArgMin: argReduce,
};
