import type { LayerCounts, LayerKind } from '../ir';
import { finish, product } from '../counts';
import type { Inferred } from './infer';
import { attrInt, attrInts, attrString } from './shape-rules';
import { einsumSizes, parseEinsum } from './einsum';
import type { OnnxNode } from './types';

/** The approximation stated for activation × activation products (docs/energy-model.md, "Attention"). */
export const ATTENTION_APPROXIMATION =
  'activation × activation product (attention QKᵀ / AV): each MAC is a synapse with no stored weight; ' +
  'QNN twin: a b-bit × b-bit MAC per non-zero input of the first operand; SNN: spiking self-attention as in ' +
  'Spikformer (Zhou et al., ICLR 2023) and Spike-driven Transformer (Yao et al., NeurIPS 2023): each spike of ' +
  'the first operand (Q, or the attention map) triggers one accumulate of the matching entries of the second ' +
  '(K or V) per output column, so the first operand’s spike rate drives it; the second operand is read from ' +
  'local memory like a weight (no off-chip fetch)';

export type NodeCounts =
  { readonly counts: LayerCounts; readonly approximation?: string } | { readonly why: string } | undefined;

/**
 * Counts of a weighted node for the whole batch, divided by the batch size (per sample). Undefined when
 * shapes are missing (the caller traces why); `why` when the node is understood but not costed.
 */
export function countsOf(node: OnnxNode, kind: LayerKind, inf: Inferred, batch: number): NodeCounts {
  const s = (i: number) => (node.inputs[i] ? inf.shapes.get(node.inputs[i]) : undefined);
  const isConst = (i: number) => inf.constant.has(node.inputs[i]);
  const y = inf.shapes.get(node.outputs[0]);
  const x = s(0);
  const w = s(1);
  const per = (syn: number, weights: number, biases: number, neurons: number, approximation?: string) => ({
    counts: finish(syn / batch, weights, biases, neurons / batch),
    ...(approximation ? { approximation } : {}),
  });
  if (node.opType === 'Einsum') return einsum(node, inf, batch);
  if (!w || !x || !y) return undefined;
  const hasBias = (node.inputs[2] ?? '') !== '';
  if (kind === 'conv') {
    // W is [C_out, C_in/group, k…]: N_w = C_out·C_in/group·∏k, each used at every output position
    const kernel = attrInts(node, 'kernel_shape') ?? w.slice(2);
    const weights = w[0] * w[1] * product(kernel);
    const positions = product(y.slice(2)) * y[0];
    return per(weights * positions, weights, hasBias ? w[0] : 0, w[0] * positions);
  }
  if (kind === 'conv-transpose') {
    const weights = w[0] * w[1] * product(w.slice(2));
    return per(weights * product(x.slice(2)) * x[0], weights, hasBias ? y[1] : 0, product(y));
  }
  if (kind === 'recurrent') {
    const gates = node.opType === 'LSTM' ? 4 : node.opType === 'GRU' ? 3 : 1;
    const layout = attrInt(node, 'layout', 0);
    const steps = (layout ? x[1] : x[0]) * (layout ? x[0] : x[1]); // seq × batch
    const [dirs, rows, input] = w;
    const hidden = rows / gates;
    const weights = dirs * gates * hidden * (input + hidden);
    // B is [dirs, 2·gates·hidden]: input and recurrent biases (ONNX LSTM/GRU/RNN)
    const b = s(3);
    const biases = b ? product(b) : 0;
    return per(weights * steps, weights, biases, dirs * gates * hidden * steps);
  }
  if (node.opType === 'Gemm') {
    const transB = attrInt(node, 'transB', 0) === 1;
    const [k, n] = transB ? [w[1], w[0]] : [w[0], w[1]];
    return isConst(1)
      ? per(k * n * y[0], k * n, hasBias ? n : 0, n * y[0])
      : per(k * n * y[0], 0, 0, n * y[0], ATTENTION_APPROXIMATION);
  }
  // MatMul, broadcasting: MACs = output elements × the contracted size
  const k = x.length === 1 ? x[0] : x[x.length - 1];
  const outputs = product(y);
  if (isConst(1)) {
    const weights = w.length === 1 ? w[0] : product(w);
    return per(outputs * k, weights, 0, outputs);
  }
  if (isConst(0)) return per(outputs * k, product(x), 0, outputs);
  return per(outputs * k, 0, 0, outputs, ATTENTION_APPROXIMATION);
}

/** Einsum: the common two-operand patterns (attention, linear); MACs = the product of every letter's size. */
function einsum(node: OnnxNode, inf: Inferred, batch: number): NodeCounts {
  const eq = parseEinsum(attrString(node, 'equation', ''));
  if (!eq || eq.inputs.length !== 2)
    return {
      why: `Einsum ${node.name || ''}: equation "${attrString(node, 'equation', '')}" is not one of the accounted patterns (two operands, explicit output, no ellipsis)`,
    };
  const shapes = node.inputs.map((x) => inf.shapes.get(x));
  const size = einsumSizes(eq, shapes);
  if (!size) return undefined;
  const macs = product([...size.values()]);
  const outputs = product([...eq.output].map((l) => size.get(l)!));
  const constant = node.inputs.findIndex((x) => inf.constant.has(x));
  const weights = constant >= 0 ? product(shapes[constant]!) : 0;
  const counts = finish(macs / batch, weights, 0, outputs / batch);
  return constant >= 0 ? { counts } : { counts, approximation: ATTENTION_APPROXIMATION };
}

/**
 * Element-wise operations per output element (ASSUMPTION, docs/energy-model.md): LayerNorm = mean (add),
 * variance (sub, mul, add), normalize (sub, mul by 1/σ), scale and shift (mul, add); Softmax = max (compare),
 * sub, exp, sum (add), divide; GELU/Erf = a tanh-form polynomial (mul, mul, add, mul, tanh, add, mul, mul);
 * Sigmoid/Tanh = exp, add, divide, sub; everything else one operation.
 */
const OPS_PER_ELEMENT: Readonly<Record<string, number>> = {
  LayerNormalization: 8,
  Softmax: 5,
  LogSoftmax: 6,
  Gelu: 8,
  Erf: 8,
  Sigmoid: 4,
  Tanh: 4,
};

export const ELEMENTWISE_APPROXIMATION = (op: string, n: number) =>
  `element-wise: ${n} operation${n === 1 ? '' : 's'} per output element for ${op}, priced by the architecture's ` +
  '"elementwise" action in both twins (once in the QNN twin, every timestep in the SNN; docs/energy-model.md)';

export const EMBEDDING_APPROXIMATION =
  'embedding lookup: one weight read per token and feature, priced by the architecture\'s "elementwise" action ' +
  'in both twins (once in the QNN twin, every timestep in the SNN; docs/energy-model.md)';

/** Element-wise operations per sample of a non-weighted node, with the approximation; undefined when free. */
export function elementOpsOf(
  node: OnnxNode,
  kind: LayerKind,
  inf: Inferred,
  batch: number,
): { ops: number; approximation: string } | undefined {
  const y = inf.shapes.get(node.outputs[0]);
  if (!y) return undefined;
  const elements = product(y) / batch;
  if (node.opType === 'Gather' && inf.constant.has(node.inputs[0]) && !inf.constant.has(node.inputs[1])) {
    const table = inf.shapes.get(node.inputs[0]);
    if (table && table.length === 2) return { ops: elements, approximation: EMBEDDING_APPROXIMATION };
  }
  if (kind !== 'nonlinearity' && kind !== 'add' && kind !== 'mul') return undefined;
  if (node.outputs.every((o) => inf.constant.has(o))) return undefined;
  const n = OPS_PER_ELEMENT[node.opType] ?? 1;
  return { ops: elements * n, approximation: ELEMENTWISE_APPROXIMATION(node.opType, n) };
}
