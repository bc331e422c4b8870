/** Constant folding of small tensors during shape inference: which ops fold, elementwise maths, the dispatch. */
import { product } from '../counts';
import { broadcastMap, norm, type Values } from './flat-index';
import { concat, cumsum, gather, gatherBy, mapperFor, reduce, scatterND, split, trilu } from './fold-ops';
import { attrInt, type RuleContext } from './shape-rules';
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
