import type { Problem } from '../ir';
import { nodeLayerNames } from './names';
import { FOLDED_OPS, foldNode, MAX_FOLDED } from './fold';
import { RULES, type RuleContext } from './shape-rules';
import { readSmallValues } from './tensor-data';
import type { ByteSource, Dim, OnnxGraph, OnnxModel, OnnxNode } from './types';
import { own } from '../own';
import { nodeAttributeFault } from './check-node';
import { shapeFault } from '../check-network';

export interface InferOptions {
  /** Bindings for symbolic dimensions; an unbound symbol is unknown, except a batch-like one (`batch`, `N`) → 1. */
  readonly dims?: Readonly<Record<string, number>>;
  /** Shapes of graph inputs, overriding the model's. */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
}

/** Where a tensor's shape or value became unknown: the node (index; -1 for a graph input) and why. */
export interface Loss {
  readonly node: number;
  readonly reason: string;
}

export interface Inferred {
  /** Nodes in topological order (indices into graph.nodes). */
  readonly order: number[];
  readonly names: string[];
  readonly shapes: Map<string, number[]>;
  /** Small constants found by folding (Constant, Shape, Gather, Concat, ConstantOfShape, Where, …). */
  readonly consts: Map<string, number[]>;
  /** Tensors whose value is fixed: initializers and anything computed from constants only. */
  readonly constant: Set<string>;
  readonly graphInputs: string[];
  readonly problems: Problem[];
  /** Why a tensor's shape is unknown, traced to the first node where knowledge was lost. */
  readonly lost: Map<string, Loss>;
}

const BATCH_LIKE = /^(n|b|bs|batch|batch_?size|batches|.*_batch|batch_.*)$/i;

/**
 * Shape inference with constant folding of small tensors, over the main graph. value_info is a fallback
 * for ops without a rule, and a cross-check where we have one (a mismatch is a problem); a stored dim
 * that is symbolic (`unk__12`) is unknown, never 1.
 */
export function inferShapes(model: OnnxModel, source: ByteSource, opts: InferOptions = {}): Inferred {
  const g = model.graph;
  const opset = model.opsets.get('') ?? 1;
  const names = nodeLayerNames(g.nodes);
  const problems: Problem[] = [];
  const shapes = new Map<string, number[]>();
  const consts = new Map<string, number[]>();
  const constant = new Set<string>();
  const lost = new Map<string, Loss>();
  const bound = (d: Dim) => (typeof d === 'number' ? d : d === undefined ? undefined : own(opts.dims, d));
  for (const t of g.initializers) {
    shapes.set(t.name, [...t.dims]);
    constant.add(t.name);
    const v = readSmallValues(t, source, MAX_FOLDED);
    if (v) consts.set(t.name, v);
  }
  const graphInputs = g.inputs.map((v) => v.name).filter((n) => !constant.has(n));
  for (const v of g.inputs) {
    if (constant.has(v.name)) continue;
    const given = own(opts.inputShapes, v.name);
    let s: number[] | undefined;
    if (given) s = [...given];
    else if (v.shape) {
      const dims = v.shape.map(
        (d, i) => bound(d) ?? (i === 0 && typeof d === 'string' && BATCH_LIKE.test(d) ? 1 : undefined),
      );
      const open = v.shape.find((d, i) => dims[i] === undefined);
      if (open === undefined) s = dims as number[];
      else
        lost.set(v.name, {
          node: -1,
          reason: `input "${v.name}" has ${typeof open === 'string' ? `the unbound dimension "${open}" (bind it: --dim ${open}=N)` : 'a dimension of unknown size (--input-shape)'}`,
        });
    } else lost.set(v.name, { node: -1, reason: `input "${v.name}" has no shape (--input-shape)` });
    const fault = s && shapeFault(s, true);
    if (fault) {
      problems.push({
        code: 'invalid-shape',
        severity: 'error',
        layer: 'input',
        message: `graph input "${v.name}" has ${fault}`,
      });
      lost.set(v.name, { node: -1, reason: `graph input "${v.name}" has ${fault}` });
    } else if (s) shapes.set(v.name, s);
  }
  const declared = new Map(
    g.valueInfo
      .concat(g.outputs)
      .filter((v) => v.shape)
      .map((v) => [v.name, v.shape!.map(bound)]),
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
      const stored = declared.get(o);
      const full = stored?.every((d) => d !== undefined) ? (stored as number[]) : undefined;
      if (inferredShape && stored && !compatible(inferredShape, stored))
        problems.push({
          code: 'shape-mismatch',
          severity: 'warning',
          layer: names[i],
          message: `${node.opType} ${names[i]}: inferred shape [${inferredShape.join(', ')}] for "${o}", but the model's value_info says [${stored.map((d) => d ?? '?').join(', ')}]; using the inferred one`,
        });
      const s = fault ? undefined : (inferredShape ?? full);
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
        lost.set(o, { node: i, reason: `${node.opType} ${names[i]}: output "${o}" has ${bad}` });
      } else if (s && !reported) shapes.set(o, s);
      else if (o)
        lost.set(
          o,
          fault || reported
            ? { node: i, reason: `${node.opType} ${names[i]}: ${fault ?? 'an invalid output shape'}` }
            : whyUnknown(node, i, ctx, rule !== undefined, lost, names),
        );
    });
    if (node.domain === '' && FOLDED_OPS.has(node.opType)) {
      const values = safe(() => foldNode(node, ctx, (k) => shapes.get(node.outputs[k]), source));
      values?.forEach((r, k) => {
        if (r && r.length <= MAX_FOLDED && r.every(Number.isFinite)) consts.set(node.outputs[k], r);
      });
    }
  }
  return { order, names, shapes, consts, constant, graphInputs, problems, lost };
}

/** Inputs whose values a shape rule needs, per op (by input index). */
const VALUE_INPUTS: Readonly<Record<string, readonly number[]>> = {
  Reshape: [1],
  Expand: [1],
  ConstantOfShape: [0],
  Tile: [1],
  Slice: [1, 2, 3, 4],
  Squeeze: [1],
  Unsqueeze: [1],
  Pad: [1, 3],
  Resize: [1, 2, 3],
  Upsample: [1],
  Split: [1],
  ReduceSum: [1],
  Range: [0, 1, 2],
  OneHot: [1],
  TopK: [1],
};

/** Why node i's output has no shape: an input already unknown (its loss), or this node (and why). */
function whyUnknown(
  node: OnnxNode,
  i: number,
  ctx: RuleContext,
  hasRule: boolean,
  lost: Map<string, Loss>,
  names: string[],
): Loss {
  const here = (reason: string): Loss => ({ node: i, reason: `${node.opType} ${names[i]}: ${reason}` });
  if (node.domain !== '') return here(`an op of domain "${node.domain}" has no shape rule`);
  if (!hasRule) return here(`no shape rule for ${node.opType}`);
  for (const [k, x] of node.inputs.entries()) if (x && !ctx.shape(k) && lost.has(x)) return lost.get(x)!;
  for (const k of VALUE_INPUTS[node.opType] ?? [])
    if (ctx.has(k) && !ctx.value(k))
      return here(`the value of input ${k} ("${node.inputs[k]}") is not a folded constant`);
  return here('the inputs do not determine the output shape');
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

/** An inferred shape agrees with a stored one where the stored dims are known. */
function compatible(a: readonly number[], b: readonly (number | undefined)[]): boolean {
  return a.length === b.length && a.every((d, i) => b[i] === undefined || d === b[i]);
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
