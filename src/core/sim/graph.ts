import { inferShapes } from '../model/onnx/infer';
import { attrInt, attrInts, attrString } from '../model/onnx/shape-rules';
import { readTensorFloat32 } from '../model/onnx/tensor-data';
import type { ByteSource, ExternalDataOpener, OnnxModel, OnnxNode, TensorInfo } from '../model/onnx/types';

/**
 * The network the simulator runs, built from an ONNX model: BatchNormalization folded into the
 * preceding Conv/Gemm (simulator.md, Conversion 1), weights read lazily by offset and laid out
 * channel-last for the kernels. Activations are HWC images ([H, W, C]) or flat vectors ([F]).
 */
export type SimOp =
  | {
      readonly kind: 'conv';
      readonly name: string;
      readonly input: number;
      readonly output: number;
      readonly conv: ConvParams;
    }
  | {
      readonly kind: 'gemm';
      readonly name: string;
      readonly input: number;
      readonly output: number;
      readonly w: Float64Array;
      readonly b: Float64Array;
      readonly inF: number;
      readonly outF: number;
    }
  | {
      readonly kind: 'relu';
      readonly name: string;
      readonly input: number;
      readonly output: number;
      readonly max: number;
    }
  | {
      readonly kind: 'maxpool' | 'avgpool';
      readonly name: string;
      readonly input: number;
      readonly output: number;
      readonly pool: PoolParams;
    }
  | {
      readonly kind: 'gap' | 'flatten' | 'identity';
      readonly name: string;
      readonly input: number;
      readonly output: number;
    }
  | {
      readonly kind: 'pad';
      readonly name: string;
      readonly input: number;
      readonly output: number;
      readonly pads: readonly [number, number, number, number];
    }
  | {
      readonly kind: 'add' | 'concat';
      readonly name: string;
      readonly inputs: readonly number[];
      readonly output: number;
    };

export interface ConvParams {
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly ph: number;
  readonly pw: number;
  readonly dh: number;
  readonly dw: number;
  readonly groups: number;
  /** Weights [c][ky][kx][o within the group], BN folded. */
  readonly w: Float64Array;
  readonly b: Float64Array;
}

export interface PoolParams {
  readonly inH: number;
  readonly inW: number;
  readonly c: number;
  readonly outH: number;
  readonly outW: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly ph: number;
  readonly pw: number;
  readonly countIncludePad: boolean;
}

export interface SimGraph {
  readonly ops: readonly SimOp[];
  /** Per value: its per-sample shape ([H, W, C] or [F]). */
  readonly shapes: readonly number[][];
  readonly input: number;
  readonly output: number;
  readonly inputShape: readonly number[];
}

export type Built = SimGraph | { readonly error: string };

class Unsupported extends Error {}

/** Build the simulator's graph; ops it cannot simulate are an error naming the op and the node. */
export function buildSimGraph(
  model: OnnxModel,
  source: ByteSource,
  open?: ExternalDataOpener,
  names?: string[],
): Built {
  try {
    return build(model, source, open, names);
  } catch (e) {
    if (e instanceof Unsupported) return { error: e.message };
    throw e;
  }
}

function build(
  model: OnnxModel,
  source: ByteSource,
  open: ExternalDataOpener | undefined,
  givenNames?: string[],
): SimGraph {
  const g = model.graph;
  const inf = inferShapes(model, source);
  const names = givenNames ?? inf.names;
  const inits = new Map(g.initializers.map((t) => [t.name, t]));
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
  if (inf.graphInputs.length !== 1)
    throw new Unsupported(`the simulator needs one graph input, the model has ${inf.graphInputs.length}`);
  const input = value(inf.graphInputs[0]);
  const ops: SimOp[] = [];
  // constant tensors: initializers, Identity-of-initializer, Constant nodes
  const constants = new Map<string, TensorInfo>(inits);
  const consumers = new Map<string, number>();
  for (const n of g.nodes) for (const x of n.inputs) consumers.set(x, (consumers.get(x) ?? 0) + 1);
  const byOutput = new Map<string, SimOp>();
  for (const i of inf.order) {
    const n = g.nodes[i];
    const name = names[i];
    if (n.opType === 'Identity' && constants.has(n.inputs[0])) {
      constants.set(n.outputs[0], constants.get(n.inputs[0])!);
      continue;
    }
    if (n.opType === 'Constant' || (inf.constant.has(n.outputs[0]) && n.opType !== 'Constant')) continue;
    const weight = (k: number) => {
      const t = constants.get(n.inputs[k]);
      if (!t) throw new Unsupported(`${n.opType} ${name}: input ${k} is not a constant weight`);
      const v = readTensorFloat32(t, source, open);
      if ('error' in v) throw new Unsupported(v.error);
      return v;
    };
    const op = opFor(n, name, weight, value, shapes, inf.shapes, inf.consts);
    if (op === 'fold') {
      foldBatchNorm(n, name, byOutput, consumers, weight, ops, value);
      continue;
    }
    ops.push(op);
    byOutput.set(n.outputs[0], op);
  }
  const output = ids.get(g.outputs[0]?.name ?? '');
  if (output === undefined) throw new Unsupported('the model output is not computed by any simulated op');
  return { ops, shapes, input, output, inputShape: shapes[input] };
}

/** ONNX NCHW → per-sample HWC; [N, F] → [F]. */
function perSample(s: number[] | undefined): number[] {
  if (!s) return [];
  if (s.length === 4) return [s[2], s[3], s[1]];
  if (s.length === 2) return [s[1]];
  if (s.length === 3) return [s[1] * s[2]];
  return s.slice(1);
}

type Weight = (k: number) => Float32Array;

function opFor(
  n: OnnxNode,
  name: string,
  weight: Weight,
  value: (t: string) => number,
  shapes: number[][],
  full: Map<string, number[]>,
  consts: Map<string, number[]>,
): SimOp | 'fold' {
  const io = () => ({ name, input: value(n.inputs[0]), output: value(n.outputs[0]) });
  switch (n.opType) {
    case 'Conv':
      return { kind: 'conv', ...io(), conv: convParams(n, name, weight, full) };
    case 'Gemm':
    case 'MatMul':
      return gemm(n, name, weight, io(), full);
    case 'BatchNormalization':
      return 'fold';
    case 'Relu':
      return { kind: 'relu', ...io(), max: Infinity };
    case 'Clip': {
      const lo = n.attributes.get('min');
      const hi = n.attributes.get('max');
      const min = lo?.type === 'float' ? lo.value : 0;
      if (min !== 0 || n.inputs[1])
        throw new Unsupported(`Clip ${name}: only Clip(0, max) converts to integrate-and-fire neurons`);
      return { kind: 'relu', ...io(), max: hi?.type === 'float' ? hi.value : Infinity };
    }
    case 'MaxPool':
    case 'AveragePool':
      return { kind: n.opType === 'MaxPool' ? 'maxpool' : 'avgpool', ...io(), pool: poolParams(n, name, full) };
    case 'GlobalAveragePool':
      return { kind: 'gap', ...io() };
    case 'Flatten':
    case 'Reshape': {
      const o = io();
      if (shapes[o.output].length !== 1)
        throw new Unsupported(`${n.opType} ${name}: only flattening reshapes can be simulated`);
      return { kind: 'flatten', ...o };
    }
    case 'Identity':
    case 'Dropout':
      return { kind: 'identity', ...io() };
    case 'Pad': {
      const pads = n.inputs[1] ? consts.get(n.inputs[1]) : attrInts(n, 'pads');
      const value = n.inputs[2] ? consts.get(n.inputs[2])?.[0] : 0;
      if (
        attrString(n, 'mode', 'constant') !== 'constant' ||
        !pads ||
        pads.length !== 8 ||
        value !== 0 ||
        pads[0] ||
        pads[1] ||
        pads[4] ||
        pads[5]
      )
        throw new Unsupported(`Pad ${name}: only zero padding of height and width can be simulated`);
      if (pads.every((p) => p === 0)) return { kind: 'identity', ...io() };
      return { kind: 'pad', ...io(), pads: [pads[2], pads[3], pads[6], pads[7]] };
    }
    case 'Add':
    case 'Sum':
      return { kind: 'add', name, inputs: n.inputs.map(value), output: value(n.outputs[0]) };
    case 'Concat':
      if (attrInt(n, 'axis', 1) !== 1)
        throw new Unsupported(`Concat ${name}: only channel concatenation (axis 1) can be simulated`);
      return { kind: 'concat', name, inputs: n.inputs.map(value), output: value(n.outputs[0]) };
    default:
      throw new Unsupported(
        `the simulator cannot simulate ${n.opType} (node ${name}): supported are Conv, Gemm, MatMul, BatchNormalization, Relu, Clip(0, ·), MaxPool, AveragePool, GlobalAveragePool, Flatten, Reshape, Add, Concat, Identity, Dropout`,
      );
  }
}

function convParams(n: OnnxNode, name: string, weight: Weight, full: Map<string, number[]>): ConvParams {
  const x = full.get(n.inputs[0]);
  const y = full.get(n.outputs[0]);
  const ws = full.get(n.inputs[1]);
  if (!x || !y || !ws || x.length !== 4)
    throw new Unsupported(`Conv ${name}: only 2-D convolutions with known shapes can be simulated`);
  if (attrString(n, 'auto_pad', 'NOTSET') !== 'NOTSET')
    throw new Unsupported(`Conv ${name}: auto_pad is not supported by the simulator; export with explicit pads`);
  const [outC, cPerGroup, kh, kw] = ws;
  const groups = attrInt(n, 'group', 1);
  const strides = attrInts(n, 'strides') ?? [1, 1];
  const pads = attrInts(n, 'pads') ?? [0, 0, 0, 0];
  const dil = attrInts(n, 'dilations') ?? [1, 1];
  const raw = weight(1);
  const oPerGroup = outC / groups;
  // ONNX W[o][c][ky][kx] → w[c_global][ky][kx][o_local]
  const w = new Float64Array(raw.length);
  for (let o = 0; o < outC; o++) {
    const group = Math.floor(o / oPerGroup);
    const ol = o - group * oPerGroup;
    for (let c = 0; c < cPerGroup; c++)
      for (let ky = 0; ky < kh; ky++)
        for (let kx = 0; kx < kw; kx++) {
          const cg = group * cPerGroup + c;
          w[((cg * kh + ky) * kw + kx) * oPerGroup + ol] = raw[((o * cPerGroup + c) * kh + ky) * kw + kx];
        }
  }
  const b = n.inputs[2] ? Float64Array.from(weight(2)) : new Float64Array(outC);
  return {
    inH: x[2],
    inW: x[3],
    inC: x[1],
    outH: y[2],
    outW: y[3],
    outC,
    kh,
    kw,
    sh: strides[0],
    sw: strides[1],
    ph: pads[0],
    pw: pads[1],
    dh: dil[0],
    dw: dil[1],
    groups,
    w,
    b,
  };
}

function gemm(
  n: OnnxNode,
  name: string,
  weight: Weight,
  io: { name: string; input: number; output: number },
  full: Map<string, number[]>,
): SimOp {
  const alpha = n.attributes.get('alpha');
  const beta = n.attributes.get('beta');
  if (
    (alpha?.type === 'float' && alpha.value !== 1) ||
    (beta?.type === 'float' && beta.value !== 1) ||
    attrInt(n, 'transA', 0)
  )
    throw new Unsupported(`Gemm ${name}: only alpha = beta = 1 without transA can be simulated`);
  const dims = full.get(n.inputs[1]);
  if (!dims || dims.length !== 2)
    throw new Unsupported(`${n.opType} ${name}: only a 2-D constant weight can be simulated`);
  const transB = n.opType === 'Gemm' && attrInt(n, 'transB', 0) === 1;
  const [inF, outF] = transB ? [dims[1], dims[0]] : [dims[0], dims[1]];
  const raw = weight(1);
  // our layout: w[in][out]
  const w = new Float64Array(inF * outF);
  for (let i = 0; i < inF; i++)
    for (let o = 0; o < outF; o++) w[i * outF + o] = transB ? raw[o * inF + i] : raw[i * outF + o];
  const b = n.opType === 'Gemm' && n.inputs[2] ? Float64Array.from(weight(2)) : new Float64Array(outF);
  return { kind: 'gemm', ...io, w, b, inF, outF };
}

function poolParams(n: OnnxNode, name: string, full: Map<string, number[]>): PoolParams {
  const x = full.get(n.inputs[0]);
  const y = full.get(n.outputs[0]);
  const k = attrInts(n, 'kernel_shape');
  if (!x || !y || !k || x.length !== 4)
    throw new Unsupported(`${n.opType} ${name}: only 2-D pooling with known shapes can be simulated`);
  if (attrString(n, 'auto_pad', 'NOTSET') !== 'NOTSET')
    throw new Unsupported(`${n.opType} ${name}: auto_pad is not supported by the simulator`);
  const s = attrInts(n, 'strides') ?? [1, 1];
  const p = attrInts(n, 'pads') ?? [0, 0, 0, 0];
  return {
    inH: x[2],
    inW: x[3],
    c: x[1],
    outH: y[2],
    outW: y[3],
    kh: k[0],
    kw: k[1],
    sh: s[0],
    sw: s[1],
    ph: p[0],
    pw: p[1],
    countIncludePad: attrInt(n, 'count_include_pad', 0) === 1,
  };
}

/**
 * BatchNormalization after a Conv/Gemm that only it consumes: W' = (γ/σ)·W, b' = (γ/σ)·(b − μ) + β,
 * σ = sqrt(var + ε) (simulator.md, Conversion 1). The folded op now writes the BN's output.
 */
function foldBatchNorm(
  n: OnnxNode,
  name: string,
  byOutput: Map<string, SimOp>,
  consumers: Map<string, number>,
  weight: Weight,
  ops: SimOp[],
  value: (t: string) => number,
): void {
  const prev = byOutput.get(n.inputs[0]);
  if (!prev || (prev.kind !== 'conv' && prev.kind !== 'gemm') || (consumers.get(n.inputs[0]) ?? 0) !== 1)
    throw new Unsupported(
      `BatchNormalization ${name}: the simulator folds BatchNormalization into a preceding Conv/Gemm, and this one has none`,
    );
  const eps = n.attributes.get('epsilon');
  const e = eps?.type === 'float' ? eps.value : 1e-5;
  const [gamma, beta, mean, variance] = [weight(1), weight(2), weight(3), weight(4)];
  const outC = prev.kind === 'conv' ? prev.conv.outC : prev.outF;
  const scale = Array.from({ length: outC }, (_, c) => gamma[c] / Math.sqrt(variance[c] + e));
  const w = prev.kind === 'conv' ? prev.conv.w : prev.w;
  const b = prev.kind === 'conv' ? prev.conv.b : prev.b;
  const per = prev.kind === 'conv' ? prev.conv.outC / prev.conv.groups : prev.outF;
  const groupOf = (i: number) =>
    prev.kind === 'conv'
      ? Math.floor(Math.floor(i / (prev.conv.kh * prev.conv.kw)) / (prev.conv.inC / prev.conv.groups))
      : 0;
  for (let i = 0; i < w.length; i++) {
    const local = i % per;
    const o = groupOf(Math.floor(i / per)) * per + local;
    w[i] *= scale[o];
  }
  for (let c = 0; c < outC; c++) b[c] = scale[c] * (b[c] - mean[c]) + beta[c];
  const folded = { ...prev, output: value(n.outputs[0]) } as SimOp;
  ops[ops.indexOf(prev)] = folded;
  byOutput.set(n.outputs[0], folded);
}
