import { product } from '../counts';
import { attrInt, attrInts, type RuleContext } from './shape-rules';
import { readSmallValues } from './tensor-data';
import type { ByteSource, OnnxNode } from './types';

/** Largest tensor folded: shape plumbing and masks of small models; bigger values stay unknown. */
export const MAX_FOLDED = 4096;

/** The ops whose values are folded (others leave their outputs' values unknown). */
export const FOLDED_OPS: ReadonlySet<string> = new Set([
  'Constant', 'ConstantOfShape', 'Shape', 'Size', 'Gather', 'Identity', 'Cast', 'CastLike', 'Reshape', 'Flatten',
  'Unsqueeze', 'Squeeze', 'Concat', 'Slice', 'Split', 'Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow', 'Max', 'Min',
  'Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor', 'Not', 'Neg', 'Abs', 'Floor',
  'Ceil', 'Sqrt', 'Where', 'Range', 'Expand', 'Tile', 'ScatterND', 'ReduceSum', 'ReduceProd', 'ReduceMax',
  'ReduceMin', 'Trilu', 'CumSum', 'Transpose', 'Sign',
]); // prettier-ignore

type Values = readonly number[];

function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * shape[i + 1];
  return s;
}

/** Element of `v` (shaped `shape`) seen at multi-index `idx` of a broadcast output of rank idx.length. */
function at(v: Values, shape: readonly number[], idx: readonly number[]): number {
  let flat = 0;
  let stride = 1;
  for (let i = shape.length - 1, j = idx.length - 1; i >= 0; i--, j--) {
    if (shape[i] !== 1) flat += idx[j] * stride;
    stride *= shape[i];
  }
  return v[flat];
}

function indexOf(flat: number, strides: readonly number[]): number[] {
  return strides.map((s) => {
    const q = Math.floor(flat / s);
    flat -= q * s;
    return q;
  });
}

/** out[i] = f(inputs at i), with numpy broadcasting to `out` (the inferred output shape). */
function broadcastMap(
  out: readonly number[],
  ins: [Values, readonly number[]][],
  f: (xs: number[]) => number,
): number[] {
  const n = product(out);
  const st = stridesOf(out);
  const r: number[] = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const idx = indexOf(k, st);
    r[k] = f(ins.map(([v, s]) => at(v, s, idx)));
  }
  return r;
}

const BINARY: Readonly<Partial<Record<string, (a: number, b: number) => number>>> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => (Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b),
  Mod: (a, b) => a - b * Math.floor(a / b), // fmod=0: the sign of the divisor, like Python/PyTorch
  Pow: (a, b) => a ** b,
  Max: (a, b) => Math.max(a, b),
  Min: (a, b) => Math.min(a, b),
  Equal: (a, b) => +(a === b),
  Less: (a, b) => +(a < b),
  Greater: (a, b) => +(a > b),
  LessOrEqual: (a, b) => +(a <= b),
  GreaterOrEqual: (a, b) => +(a >= b),
  And: (a, b) => +(!!a && !!b),
  Or: (a, b) => +(!!a || !!b),
  Xor: (a, b) => +(!!a !== !!b),
};

const UNARY: Readonly<Partial<Record<string, (a: number) => number>>> = {
  Not: (a) => +!a,
  Neg: (a) => -a,
  Abs: Math.abs,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Sqrt: Math.sqrt,
  Sign: Math.sign,
};

const norm = (a: number, r: number) => (a < 0 ? a + r : a);

/**
 * Values of the outputs of `node` when its inputs' values are known (small tensors only): integer shape
 * plumbing (Shape → Gather → Concat → Reshape, ConstantOfShape/Equal/Where for Expand, Mod for window
 * padding), boolean masks and small float constants. `out(k)` is output k's inferred shape.
 */
export function foldNode(
  node: OnnxNode,
  c: RuleContext,
  out: (k: number) => number[] | undefined,
  source: ByteSource,
): (number[] | undefined)[] {
  const op = node.opType;
  const v = (i: number) => c.value(i);
  const s = (i: number) => c.shape(i);
  const y = out(0);
  const one = (r: number[] | undefined) => [r];
  if (op === 'Constant') {
    const a = node.attributes.get('value');
    if (a?.type === 'tensor') return one(readSmallValues(a.value, source, MAX_FOLDED));
    for (const k of ['value_ints', 'value_floats'])
      if (node.attributes.get(k)?.type === 'ints' || node.attributes.get(k)?.type === 'floats')
        return one([...(node.attributes.get(k)!.value as number[])]);
    const sc = node.attributes.get('value_int') ?? node.attributes.get('value_float');
    return one(sc && (sc.type === 'int' || sc.type === 'float') ? [sc.value] : undefined);
  }
  if (op === 'Shape') {
    const x = s(0);
    if (!x) return [undefined];
    const r = x.length;
    const clamp = (a: number) => Math.max(0, Math.min(r, norm(a, r)));
    return one(x.slice(clamp(attrInt(node, 'start', 0)), clamp(attrInt(node, 'end', r))));
  }
  if (op === 'Size') return one(s(0) ? [product(s(0)!)] : undefined);
  if (op === 'ConstantOfShape') {
    const shape = v(0);
    if (!shape || product(shape) > MAX_FOLDED) return [undefined];
    const a = node.attributes.get('value');
    const fill = a?.type === 'tensor' ? (readSmallValues(a.value, source, 1)?.[0] ?? undefined) : 0;
    return one(fill === undefined ? undefined : new Array<number>(product(shape)).fill(fill));
  }
  if (op === 'Range') {
    const [start, limit, delta] = [v(0)?.[0], v(1)?.[0], v(2)?.[0]];
    if (start === undefined || limit === undefined || !delta) return [undefined];
    const n = Math.max(0, Math.ceil((limit - start) / delta));
    return one(n <= MAX_FOLDED ? Array.from({ length: n }, (_, i) => start + i * delta) : undefined);
  }
  const ins = node.inputs.map((_, i) => (c.has(i) ? v(i) : undefined));
  if (op === 'Split') return split(node, c, out);
  if (!y || product(y) > MAX_FOLDED) return [undefined];
  const x0 = ins[0];
  if (['Identity', 'Cast', 'CastLike', 'Reshape', 'Flatten', 'Unsqueeze', 'Squeeze'].includes(op))
    return one(x0 && [...x0]);
  if (BINARY[op] || UNARY[op] || op === 'Where' || op === 'Expand') {
    const f = BINARY[op];
    const u = UNARY[op];
    if (op === 'Expand') return one(x0 && s(0) ? broadcastMap(y, [[x0, s(0)!]], (a) => a[0]) : undefined);
    const arity = op === 'Where' ? 3 : f ? 2 : 1;
    const parts: [Values, readonly number[]][] = [];
    for (let i = 0; i < arity; i++) {
      if (!ins[i] || !s(i)) return [undefined];
      parts.push([ins[i]!, s(i)!]);
    }
    return one(broadcastMap(y, parts, (a) => (op === 'Where' ? (a[0] ? a[1] : a[2]) : f ? f(a[0], a[1]) : u!(a[0]))));
  }
  if (!x0 || !s(0)) return [undefined];
  const x = s(0)!;
  switch (op) {
    case 'Gather':
      return one(
        ins[1] && s(1) ? gather(x0, x, ins[1], s(1)!, norm(attrInt(node, 'axis', 0), x.length), y) : undefined,
      );
    case 'Concat':
      return one(concat(node, c, y));
    case 'Slice':
    case 'Tile':
    case 'Transpose':
      return one(gatherBy(y, x0, x, mapperFor(op, node, c, x)));
    case 'ScatterND':
      return one(ins[1] && ins[2] && s(1) ? scatterND(x0, x, ins[1], s(1)!, ins[2]) : undefined);
    case 'Trilu':
      return one(trilu(x0, x, attrInt(node, 'upper', 1) === 1, ins[1]?.[0] ?? 0));
    case 'CumSum':
      return one(ins[1] ? cumsum(x0, x, norm(ins[1][0], x.length), node) : undefined);
    default:
      return one(reduce(op, node, c, x0, x, y));
  }
}

/** Output element k of op is input element mapper(index of k). */
function gatherBy(
  y: readonly number[],
  v: Values,
  x: readonly number[],
  mapper: ((idx: number[]) => number[]) | undefined,
): number[] | undefined {
  if (!mapper) return undefined;
  const st = stridesOf(y);
  const xs = stridesOf(x);
  return Array.from({ length: product(y) }, (_, k) => v[mapper(indexOf(k, st)).reduce((f, d, i) => f + d * xs[i], 0)]);
}

function mapperFor(op: string, node: OnnxNode, c: RuleContext, x: readonly number[]) {
  const r = x.length;
  if (op === 'Tile') return (idx: number[]) => idx.map((d, i) => d % x[i]);
  if (op === 'Transpose') {
    const perm = attrInts(node, 'perm') ?? x.map((_, i) => r - 1 - i);
    return (idx: number[]) => {
      const src = new Array<number>(r);
      perm.forEach((p, i) => (src[p] = idx[i]));
      return src;
    };
  }
  const legacy = c.opset < 10;
  const starts = legacy ? attrInts(node, 'starts') : c.value(1);
  const ends = legacy ? attrInts(node, 'ends') : c.value(2);
  const axes = (legacy ? attrInts(node, 'axes') : c.has(3) ? c.value(3) : undefined) ?? starts?.map((_, i) => i);
  const steps = legacy || !c.has(4) ? starts?.map(() => 1) : c.value(4);
  if (!starts || !ends || !axes || !steps) return undefined;
  const begin = x.map(() => 0);
  const step = x.map(() => 1);
  starts.forEach((st, i) => {
    const ax = norm(axes[i], r);
    const dim = x[ax];
    const lo = steps[i] > 0 ? 0 : -1;
    const hi = steps[i] > 0 ? dim : dim - 1;
    begin[ax] = Math.max(lo, Math.min(hi, st < 0 ? st + dim : st));
    step[ax] = steps[i];
  });
  return (idx: number[]) => idx.map((d, i) => begin[i] + d * step[i]);
}

function gather(
  data: Values,
  x: readonly number[],
  idx: Values,
  is: readonly number[],
  axis: number,
  y: readonly number[],
) {
  const outer = product(x.slice(0, axis));
  const inner = product(x.slice(axis + 1));
  const r: number[] = [];
  for (let o = 0; o < outer; o++)
    for (const j of idx) {
      const jj = j < 0 ? j + x[axis] : j;
      for (let k = 0; k < inner; k++) r.push(data[(o * x[axis] + jj) * inner + k]);
    }
  return r.length === product(y) && is ? r : undefined;
}

function concat(node: OnnxNode, c: RuleContext, y: readonly number[]): number[] | undefined {
  const axis = norm(attrInt(node, 'axis', 0), y.length);
  const outer = product(y.slice(0, axis));
  const parts = node.inputs.map((_, i) => [c.value(i), c.shape(i)] as const);
  if (parts.some(([v, s]) => !v || !s)) return undefined;
  const r: number[] = [];
  for (let o = 0; o < outer; o++)
    for (const [v, s] of parts) {
      const chunk = product(s!.slice(axis));
      for (let k = 0; k < chunk; k++) r.push(v![o * chunk + k]);
    }
  return r;
}

function split(node: OnnxNode, c: RuleContext, out: (k: number) => number[] | undefined): (number[] | undefined)[] {
  const v = c.value(0);
  const x = c.shape(0);
  if (!v || !x) return node.outputs.map(() => undefined);
  const axis = norm(attrInt(node, 'axis', 0), x.length);
  const outer = product(x.slice(0, axis));
  const inner = product(x.slice(axis + 1));
  let offset = 0;
  return node.outputs.map((_, k) => {
    const yk = out(k);
    if (!yk) return undefined;
    const len = yk[axis];
    const r: number[] = [];
    for (let o = 0; o < outer; o++)
      for (let j = 0; j < len * inner; j++) r.push(v[o * x[axis] * inner + offset * inner + j]);
    offset += len;
    return r;
  });
}

function scatterND(data: Values, x: readonly number[], idx: Values, is: readonly number[], upd: Values): number[] {
  const r = [...data];
  const k = is[is.length - 1];
  const xs = stridesOf(x);
  const slice = product(x.slice(k));
  const n = idx.length / k;
  for (let i = 0; i < n; i++) {
    let base = 0;
    for (let j = 0; j < k; j++) base += norm(idx[i * k + j], x[j]) * xs[j];
    for (let e = 0; e < slice; e++) r[base + e] = upd[i * slice + e];
  }
  return r;
}

function trilu(v: Values, x: readonly number[], upper: boolean, k: number): number[] {
  const [rows, cols] = x.slice(-2);
  return v.map((e, f) => {
    const i = Math.floor(f / cols) % rows;
    const j = f % cols;
    return (upper ? j - i >= k : j - i <= k) ? e : 0;
  });
}

function cumsum(v: Values, x: readonly number[], axis: number, node: OnnxNode): number[] {
  const exclusive = attrInt(node, 'exclusive', 0) === 1;
  const reverse = attrInt(node, 'reverse', 0) === 1;
  const inner = product(x.slice(axis + 1));
  const outer = product(x.slice(0, axis));
  const r = [...v];
  for (let o = 0; o < outer; o++)
    for (let k = 0; k < inner; k++) {
      let acc = 0;
      for (let t = 0; t < x[axis]; t++) {
        const j = reverse ? x[axis] - 1 - t : t;
        const f = (o * x[axis] + j) * inner + k;
        const e = v[f];
        r[f] = exclusive ? acc : acc + e;
        acc += e;
      }
    }
  return r;
}

function reduce(op: string, node: OnnxNode, c: RuleContext, v: Values, x: readonly number[], y: readonly number[]) {
  const f = { ReduceSum: (a: number, b: number) => a + b, ReduceProd: (a: number, b: number) => a * b, ReduceMax: Math.max, ReduceMin: Math.min }[op]; // prettier-ignore
  if (!f) return undefined;
  const since = op === 'ReduceSum' ? 13 : 18;
  const axesIn = c.opset >= since ? (c.has(1) ? c.value(1) : []) : (attrInts(node, 'axes') ?? []);
  if (!axesIn) return undefined;
  const axes = new Set((axesIn.length ? axesIn : x.map((_, i) => i)).map((a) => norm(a, x.length)));
  const keepShape = x.map((d, i) => (axes.has(i) ? 1 : d));
  const r: (number | undefined)[] = new Array<number | undefined>(product(keepShape));
  const xs = stridesOf(x);
  const ks = stridesOf(keepShape);
  for (let k = 0; k < v.length; k++) {
    const idx = indexOf(k, xs);
    const o = idx.reduce((s, d, i) => s + (axes.has(i) ? 0 : d * ks[i]), 0);
    r[o] = r[o] === undefined ? v[k] : f(r[o]!, v[k]);
  }
  return r.length === product(y) ? r.map((e) => e ?? 0) : undefined;
}
