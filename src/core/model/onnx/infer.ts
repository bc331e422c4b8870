import type { Problem } from '../ir';
import { nodeLayerNames } from './names';
import { attrInt, attrInts, RULES, type RuleContext } from './shape-rules';
import { readSmallInts } from './tensor-data';
import type { ByteSource, Dim, OnnxGraph, OnnxModel, OnnxNode } from './types';
import { own } from '../own';
import { nodeAttributeFault } from './check-node';
import { shapeFault } from '../check-network';

export interface InferOptions {
  /** Bindings for symbolic dimensions; unbound symbols resolve to 1. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Shapes of graph inputs, overriding the model's. */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
}

export interface Inferred {
  /** Nodes in topological order (indices into graph.nodes). */
  readonly order: number[];
  readonly names: string[];
  readonly shapes: Map<string, number[]>;
  /** Small integer constants found by folding (Constant, Shape, Gather, Concat, …). */
  readonly consts: Map<string, number[]>;
  /** Tensors whose value is fixed: initializers and anything computed from constants only. */
  readonly constant: Set<string>;
  readonly graphInputs: string[];
  readonly problems: Problem[];
}

/**
 * Shape inference with constant folding of small INT64 tensors, over the main graph. value_info is a
 * fallback for ops without a rule, and a cross-check where we have one (a mismatch is a problem).
 */
export function inferShapes(model: OnnxModel, source: ByteSource, opts: InferOptions = {}): Inferred {
  const g = model.graph;
  const opset = model.opsets.get('') ?? 1;
  const names = nodeLayerNames(g.nodes);
  const problems: Problem[] = [];
  const shapes = new Map<string, number[]>();
  const consts = new Map<string, number[]>();
  const constant = new Set<string>();
  const resolve = (d: Dim) => (typeof d === 'number' ? d : d === undefined ? 1 : (own(opts.dims, d) ?? 1));
  for (const t of g.initializers) {
    shapes.set(t.name, [...t.dims]);
    constant.add(t.name);
    const v = readSmallInts(t, source);
    if (v) consts.set(t.name, v);
  }
  const graphInputs = g.inputs.map((v) => v.name).filter((n) => !constant.has(n));
  for (const v of g.inputs) {
    if (constant.has(v.name)) continue;
    const given = own(opts.inputShapes, v.name);
    const s = given ? [...given] : v.shape?.map(resolve);
    const fault = s && shapeFault(s, true);
    if (fault)
      problems.push({
        code: 'invalid-shape',
        severity: 'error',
        layer: 'input',
        message: `graph input "${v.name}" has ${fault}`,
      });
    else if (s) shapes.set(v.name, s);
  }
  const declared = new Map(
    g.valueInfo
      .concat(g.outputs)
      .filter((v) => v.shape)
      .map((v) => [v.name, v.shape!.map(resolve)]),
  );
  const order = topologicalOrder(g, constant, graphInputs);
  for (const i of order) {
    const node = g.nodes[i];
    const ctx = context(node, opset, shapes, consts);
    const rule = own(RULES, node.opType);
    const fault = node.domain === '' ? nodeAttributeFault(node, spatialRank(ctx.shape(0))) : undefined;
    if (fault)
      problems.push({
        code: 'invalid-shape',
        severity: 'error',
        layer: names[i],
        message: `${node.opType} ${names[i]}: ${fault}`,
      });
    const out = node.domain === '' && rule && !fault ? safe(() => rule(ctx)) : undefined;
    if (
      node.inputs.length &&
      node.inputs.every((x) => x === '' || constant.has(x)) &&
      node.opType !== 'RandomNormalLike'
    )
      for (const o of node.outputs) constant.add(o);
    if (node.opType === 'Constant') constant.add(node.outputs[0]);
    let reported = false;
    node.outputs.forEach((o, k) => {
      const inferredShape = out?.[k];
      const fallback = declared.get(o);
      if (inferredShape && fallback && !sameShape(inferredShape, fallback))
        problems.push({
          code: 'shape-mismatch',
          severity: 'warning',
          layer: names[i],
          message: `${node.opType} ${names[i]}: inferred shape [${inferredShape.join(', ')}] for "${o}", but the model's value_info says [${fallback.join(', ')}]`,
        });
      const s = fault ? undefined : (inferredShape ?? fallback);
      // an impossible shape is reported once, where it arises; its consumers then have no shape
      const bad = s && !reported && shapeFault(s, false);
      if (bad) {
        reported = true;
        problems.push({
          code: 'invalid-shape',
          severity: 'error',
          layer: names[i],
          message: `${node.opType} ${names[i]}: output "${o}" has ${bad}`,
        });
      } else if (s && !reported) shapes.set(o, s);
    });
    fold(node, ctx, consts, source);
  }
  return { order, names, shapes, consts, constant, graphInputs, problems };
}

function spatialRank(x: readonly number[] | undefined): number | undefined {
  return x && x.length > 2 ? x.length - 2 : undefined;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function context(
  node: OnnxNode,
  opset: number,
  shapes: Map<string, number[]>,
  consts: Map<string, number[]>,
): RuleContext {
  return {
    node,
    opset,
    has: (i) => (node.inputs[i] ?? '') !== '',
    shape: (i) => (node.inputs[i] ? shapes.get(node.inputs[i]) : undefined),
    value: (i) => (node.inputs[i] ? consts.get(node.inputs[i]) : undefined),
  };
}

/** Values of small integer tensors through the shape-plumbing ops PyTorch exports. */
function fold(node: OnnxNode, c: RuleContext, consts: Map<string, number[]>, source: ByteSource): void {
  const out = node.outputs[0];
  const v = (i: number) => c.value(i);
  let r: number[] | undefined;
  switch (node.opType) {
    case 'Constant': {
      const a = node.attributes.get('value');
      if (a?.type === 'tensor') r = readSmallInts(a.value, source);
      const vi = node.attributes.get('value_ints');
      const one = node.attributes.get('value_int');
      if (vi?.type === 'ints') r = [...vi.value];
      if (one?.type === 'int') r = [one.value];
      break;
    }
    case 'Shape': {
      const s = c.shape(0);
      if (s) {
        const start = attrInt(node, 'start', 0);
        const end = attrInt(node, 'end', s.length);
        r = s.slice(start < 0 ? start + s.length : start, end < 0 ? end + s.length : end);
      }
      break;
    }
    case 'Gather': {
      const data = v(0);
      const idx = v(1);
      if (data && idx && (c.shape(0)?.length ?? 1) === 1) r = idx.map((i) => data[i < 0 ? i + data.length : i]);
      break;
    }
    case 'Unsqueeze':
    case 'Squeeze':
    case 'Identity':
    case 'Cast':
    case 'Reshape':
    case 'Flatten':
      r = v(0);
      break;
    case 'Concat':
      if (node.inputs.every((_, i) => v(i))) r = node.inputs.flatMap((_, i) => v(i)!);
      break;
    case 'Slice': {
      const data = v(0);
      const starts = c.opset < 10 ? attrInts(node, 'starts') : v(1);
      const ends = c.opset < 10 ? attrInts(node, 'ends') : v(2);
      if (data && starts && ends && starts.length === 1) {
        const n = data.length;
        const clamp = (x: number) => Math.max(0, Math.min(n, x < 0 ? x + n : x));
        r = data.slice(clamp(starts[0]), clamp(ends[0]));
      }
      break;
    }
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div': {
      const a = v(0);
      const b = v(1);
      if (a && b && (a.length === b.length || a.length === 1 || b.length === 1)) {
        const n = Math.max(a.length, b.length);
        const at = (x: number[], i: number) => (x.length === 1 ? x[0] : x[i]);
        const op = {
          Add: (x: number, y: number) => x + y,
          Sub: (x: number, y: number) => x - y,
          Mul: (x: number, y: number) => x * y,
          Div: (x: number, y: number) => Math.trunc(x / y),
        }[node.opType];
        r = Array.from({ length: n }, (_, i) => op(at(a, i), at(b, i)));
      }
      break;
    }
  }
  if (r && r.length <= 64 && r.every(Number.isFinite)) consts.set(out, r);
}

/** Kahn's algorithm over tensor dependencies; nodes already in order stay in order. */
function topologicalOrder(g: OnnxGraph, constant: Set<string>, graphInputs: string[]): number[] {
  const available = new Set<string>([...constant, ...graphInputs, '']);
  const producers = new Map<string, number>();
  g.nodes.forEach((n, i) => n.outputs.forEach((o) => producers.set(o, i)));
  const done = new Array<boolean>(g.nodes.length).fill(false);
  const order: number[] = [];
  let progress = true;
  while (progress && order.length < g.nodes.length) {
    progress = false;
    g.nodes.forEach((n, i) => {
      if (done[i]) return;
      if (n.inputs.every((x) => available.has(x) || !producers.has(x))) {
        done[i] = true;
        order.push(i);
        n.outputs.forEach((o) => available.add(o));
        progress = true;
      }
    });
  }
  // a cycle (invalid model): keep the remaining nodes in file order
  g.nodes.forEach((_, i) => done[i] || order.push(i));
  return order;
}
