import type { SimOp, WeightedOp } from './types';
import { broadcast, constantInput, Unsupported, type OpContext } from './graph-ops';

/** A weighted op and what it became once a following op was folded into it. */
export interface Folded {
  readonly prev: WeightedOp;
  readonly folded: WeightedOp;
}

/** The Conv/Gemm that writes `tensor` and whose output nothing else reads, or undefined. */
function soleProducer(
  tensor: string,
  byOutput: ReadonlyMap<string, SimOp>,
  consumers: ReadonlyMap<string, number>,
): WeightedOp | undefined {
  const prev = byOutput.get(tensor);
  if (!prev || (prev.kind !== 'conv' && prev.kind !== 'gemm') || (consumers.get(tensor) ?? 0) !== 1) return undefined;
  return prev;
}

/** Output channel of weight element i in the [c][k][o within the group] layout. */
function outputChannelOf(op: WeightedOp): (i: number) => number {
  const p = op.conv;
  const oPer = p.outC / p.groups;
  const perChannel = p.kh * p.kw * oPer;
  const cPer = p.inC / p.groups;
  return (i) => ((((i / perChannel) | 0) / cPer) | 0) * oPer + (i % oPer);
}

/**
 * BatchNormalization after a Conv/Gemm that only it consumes: W' = (γ/σ)·W, b' = (γ/σ)·(b − μ) + β,
 * σ = sqrt(var + ε) (simulator.md, Conversion 1). The folded op writes the BN's output. Any other
 * BatchNormalization (pre-activation nets such as DenseNet: BN → ReLU → Conv after a Concat) becomes
 * a weighted op of its own: y = (γ/σ)·x + (β − μ·γ/σ) per channel, a depthwise 1×1 convolution with bias.
 */
export function foldBatchNorm(
  c: OpContext,
  byOutput: ReadonlyMap<string, SimOp>,
  consumers: ReadonlyMap<string, number>,
): Folded | { readonly op: WeightedOp } {
  const n = c.node;
  const prev = soleProducer(n.inputs[0], byOutput, consumers);
  if (!prev) return { op: batchNormAffine(c) };
  const p = prev.conv;
  const { scale, mean, beta } = batchNormScale(c, p.outC);
  // scaled in place: the weights were made for this graph (graph-ops.ts) and `prev`, whose output only this
  // BatchNorm reads, is replaced by the folded op
  const w = p.w;
  const channel = outputChannelOf(prev);
  for (let i = 0; i < w.length; i++) w[i] *= scale[channel(i)];
  const b = Float32Array.from(p.b, (bias, o) => scale[o] * (bias - mean[o]) + beta[o]);
  return { prev, folded: { ...prev, output: c.value(n.outputs[0]), conv: { ...p, w, b } } };
}

/** γ/σ per channel (float64), with μ and β. */
function batchNormScale(c: OpContext, channels: number) {
  const eps = c.node.attributes.get('epsilon');
  const e = eps?.type === 'float' ? eps.value : 1e-5;
  const [gamma, beta, mean, variance] = [1, 2, 3, 4].map((k) => constantInput(c, k));
  if ([gamma, beta, mean, variance].some((v) => v.length !== channels))
    throw new Unsupported(
      `BatchNormalization ${c.name}: its statistics do not have one value per channel (${channels})`,
    );
  const scale = Array.from({ length: channels }, (_, o) => gamma[o] / Math.sqrt(variance[o] + e));
  return { scale, mean, beta };
}

/** A BatchNormalization on its own: a depthwise 1×1 convolution (groups = channels) with bias. */
function batchNormAffine(c: OpContext): WeightedOp {
  const n = c.node;
  const input = c.value(n.inputs[0]);
  const shape = c.shapes[input];
  if (shape.length !== 3 && shape.length !== 1)
    throw new Unsupported(`BatchNormalization ${c.name}: only images and feature vectors can be simulated`);
  const [h, w, ch] = shape.length === 3 ? shape : [1, 1, shape[0]];
  const { scale, mean, beta } = batchNormScale(c, ch);
  const one = { kh: 1, kw: 1, sh: 1, sw: 1, ph: 0, pw: 0, dh: 1, dw: 1 };
  const conv = {
    ...one,
    inH: h,
    inW: w,
    inC: ch,
    outH: h,
    outW: w,
    outC: ch,
    groups: ch,
    w: Float32Array.from(scale),
    b: Float32Array.from(scale, (s, o) => beta[o] - mean[o] * s),
  };
  const kind = shape.length === 3 ? 'conv' : 'gemm';
  return { kind, name: c.name, input, output: c.value(n.outputs[0]), conv, affine: true };
}

/** Add of a constant after a Conv/Gemm/MatMul that only it consumes: a bias (MatMul + Add exports). */
export function foldBias(
  c: OpContext,
  byOutput: ReadonlyMap<string, SimOp>,
  consumers: ReadonlyMap<string, number>,
): Folded {
  const n = c.node;
  const k = n.inputs.findIndex((x) => c.constants.has(x));
  const other = n.inputs[1 - k];
  const prev = n.inputs.length === 2 ? soleProducer(other, byOutput, consumers) : undefined;
  if (!prev)
    throw new Unsupported(
      `${n.opType} ${c.name}: adding a constant is simulated only as the bias of a preceding Conv/Gemm/MatMul`,
    );
  const add = broadcast(constantInput(c, k), prev.conv.outC, `${n.opType} ${c.name}`);
  const b = Float32Array.from(prev.conv.b, (bias, o) => bias + add[o]);
  return { prev, folded: { ...prev, output: c.value(n.outputs[0]), conv: { ...prev.conv, b } } };
}
