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
 * σ = sqrt(var + ε) (simulator.md, Conversion 1). The folded op writes the BN's output.
 */
export function foldBatchNorm(
  c: OpContext,
  byOutput: ReadonlyMap<string, SimOp>,
  consumers: ReadonlyMap<string, number>,
): Folded {
  const n = c.node;
  const prev = soleProducer(n.inputs[0], byOutput, consumers);
  if (!prev)
    throw new Unsupported(
      `BatchNormalization ${c.name}: the simulator folds BatchNormalization into a preceding Conv/Gemm, and this one has none`,
    );
  const eps = n.attributes.get('epsilon');
  const e = eps?.type === 'float' ? eps.value : 1e-5;
  const [gamma, beta, mean, variance] = [1, 2, 3, 4].map((k) => constantInput(c, k));
  const p = prev.conv;
  const scale = Array.from({ length: p.outC }, (_, o) => gamma[o] / Math.sqrt(variance[o] + e));
  const w = Float32Array.from(p.w);
  const channel = outputChannelOf(prev);
  for (let i = 0; i < w.length; i++) w[i] *= scale[channel(i)];
  const b = Float32Array.from(p.b, (bias, o) => scale[o] * (bias - mean[o]) + beta[o]);
  return { prev, folded: { ...prev, output: c.value(n.outputs[0]), conv: { ...p, w, b } } };
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
