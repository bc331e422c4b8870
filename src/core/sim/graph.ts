import { inferShapes } from '../model/onnx/infer';
import { shapeFault } from '../model/check-network';
import type { Problem } from '../model/ir';
import type { ByteSource, ExternalDataOpener, OnnxModel, TensorInfo } from '../model/onnx/types';
import { foldBatchNorm, foldBias } from './fold';
import { opFor, Unsupported, type OpContext } from './graph-ops';
import type { SimGraph, SimOp } from './types';

export type Built = SimGraph | { readonly error: string };

/** Build the simulator's graph; ops it cannot simulate are an error naming the op and the node. */
export function buildSimGraph(
  model: OnnxModel,
  source: ByteSource,
  open?: ExternalDataOpener,
  alloc: (floats: number) => Float32Array = (n) => new Float32Array(n),
): Built {
  try {
    return build(model, source, open, alloc);
  } catch (e) {
    if (e instanceof Unsupported) return { error: e.message };
    throw e;
  }
}

function build(
  model: OnnxModel,
  source: ByteSource,
  open: ExternalDataOpener | undefined,
  alloc: (floats: number) => Float32Array,
): SimGraph {
  const g = model.graph;
  const inf = inferShapes(model, source);
  if (inf.graphInputs.length !== 1)
    throw new Unsupported(`the simulator needs one graph input, the model has ${inf.graphInputs.length}`);
  const ids = new Map<string, number>();
  const shapes: number[][] = [];
  const value = (tensor: string) => {
    let id = ids.get(tensor);
    if (id === undefined) {
      ids.set(tensor, (id = shapes.length));
      shapes.push(perSample(inf.shapes.get(tensor)));
    }
    return id;
  };
  const input = value(inf.graphInputs[0]);
  // constant tensors: initializers, Constant nodes, Identity of a constant
  const constants = new Map<string, TensorInfo>(g.initializers.map((t) => [t.name, t]));
  const consumers = new Map<string, number>();
  for (const n of g.nodes) for (const x of n.inputs) consumers.set(x, (consumers.get(x) ?? 0) + 1);
  const ops: SimOp[] = [];
  const byOutput = new Map<string, SimOp>();
  // fixed values: constants, and shape arithmetic (Shape of any tensor: shapes are known here)
  const fixed = new Set(inf.constant);
  for (const i of inf.order) {
    const n = g.nodes[i];
    const constantValue = n.attributes.get('value');
    if (n.opType === 'Constant' && constantValue?.type === 'tensor') constants.set(n.outputs[0], constantValue.value);
    if (n.opType === 'Identity' && constants.has(n.inputs[0])) constants.set(n.outputs[0], constants.get(n.inputs[0])!);
    if (n.opType === 'Shape' || (n.inputs.some((x) => x) && n.inputs.every((x) => !x || fixed.has(x)))) {
      for (const o of n.outputs) fixed.add(o);
      continue;
    }
    const c: OpContext = {
      node: n,
      name: inf.names[i],
      source,
      open,
      constants,
      value,
      shapes,
      full: inf.shapes,
      consts: inf.consts,
      alloc,
    };
    if (fixed.has(n.outputs[0])) continue;
    const op = opFor(c);
    if (op === 'fold-bn' || op === 'fold-bias') {
      const f = (op === 'fold-bn' ? foldBatchNorm : foldBias)(c, byOutput, consumers);
      if ('op' in f) {
        ops.push(f.op);
        byOutput.set(n.outputs[0], f.op);
        continue;
      }
      ops[ops.indexOf(f.prev)] = f.folded;
      byOutput.set(n.outputs[0], f.folded);
      continue;
    }
    ops.push(op);
    byOutput.set(n.outputs[0], op);
  }
  const output = ids.get(g.outputs[0]?.name ?? '');
  if (output === undefined) throw new Unsupported('the model output is not computed by any simulated op');
  checkSizes(inf.problems, shapes);
  return { ops, shapes, input, output, inputShape: shapes[input] };
}

/** Activations per sample the simulator allocates at most (256 MB of float32): far above VGG-16 at 224² (15 M). */
export const MAX_SIM_ELEMENTS = 2 ** 26;

/** Invalid attributes or shapes, or more activations than the limit, are refused before anything is allocated. */
function checkSizes(problems: readonly Problem[], shapes: readonly number[][]): void {
  const bad = problems.find((p) => p.severity === 'error');
  if (bad) throw new Unsupported(bad.message);
  let total = 0;
  for (const s of shapes) {
    const fault = shapeFault(s, true);
    if (fault) throw new Unsupported(`a tensor has ${fault}`);
    total += s.reduce((a, b) => a * b, 1);
  }
  if (total > MAX_SIM_ELEMENTS)
    throw new Unsupported(
      `the model needs ${total.toExponential(2)} activations per sample, more than the simulator's ${MAX_SIM_ELEMENTS} (256 MB): simulate a smaller input`,
    );
}

/** ONNX NCHW → per-sample HWC; [N, F] → [F]. */
function perSample(s: number[] | undefined): number[] {
  if (!s) return [];
  if (s.length === 4) return [s[2], s[3], s[1]];
  if (s.length === 2) return [s[1]];
  if (s.length === 3) return [s[1] * s[2]];
  return s.slice(1);
}
