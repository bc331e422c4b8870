/**
 * Folding of the ops that move, pick or reduce elements (Gather, Concat, Split, Slice, Tile, Transpose,
 * ScatterND, Trilu, CumSum, Reduce*): each returns the output's flat values, or undefined when unknown.
 */
import { product } from '../counts';
import { indexOf, norm, stridesOf, type Values } from './flat-index';
import { attrInt, attrInts, type RuleContext } from './shape-rules';
import type { OnnxNode } from './types';

/** Output element k of op is input element mapper(index of k). */
export function gatherBy(
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

export function mapperFor(op: string, node: OnnxNode, c: RuleContext, x: readonly number[]) {
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

export function gather(
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

export function concat(node: OnnxNode, c: RuleContext, y: readonly number[]): number[] | undefined {
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

export function split(
  node: OnnxNode,
  c: RuleContext,
  out: (k: number) => number[] | undefined,
): (number[] | undefined)[] {
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

export function scatterND(
  data: Values,
  x: readonly number[],
  idx: Values,
  is: readonly number[],
  upd: Values,
): number[] {
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

export function trilu(v: Values, x: readonly number[], upper: boolean, k: number): number[] {
  const [rows, cols] = x.slice(-2);
  return v.map((e, f) => {
    const i = Math.floor(f / cols) % rows;
    const j = f % cols;
    return (upper ? j - i >= k : j - i <= k) ? e : 0;
  });
}

export function cumsum(v: Values, x: readonly number[], axis: number, node: OnnxNode): number[] {
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

export function reduce(
  op: string,
  node: OnnxNode,
  c: RuleContext,
  v: Values,
  x: readonly number[],
  y: readonly number[],
) {
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
