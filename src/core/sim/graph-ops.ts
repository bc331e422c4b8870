import { attrInt, attrInts, attrString } from '../model/onnx/shape-rules';
import { readTensorFloat32 } from '../model/onnx/tensor-data';
import type { ByteSource, ExternalDataOpener, OnnxNode, TensorInfo } from '../model/onnx/types';
import type { ConvParams, PoolParams, SimOp } from './types';
import { refuse, Unsupported } from './refusals';

export { Unsupported };

export interface OpContext {
  readonly node: OnnxNode;
  /** The node's layer name (names.ts). */
  readonly name: string;
  readonly source: ByteSource;
  readonly open: ExternalDataOpener | undefined;
  readonly constants: ReadonlyMap<string, TensorInfo>;
  readonly value: (tensor: string) => number;
  /** Per-sample shapes by value id. */
  readonly shapes: readonly number[][];
  /** Full (batched, NCHW) inferred shapes by tensor name. */
  readonly full: ReadonlyMap<string, number[]>;
  /** Small integer constants folded by shape inference. */
  readonly consts: ReadonlyMap<string, number[]>;
  /** Memory for a layer's weights in our layout (e.g. shared memory, so threads need no copy). */
  readonly alloc: (floats: number) => Float32Array;
}

/** The constant input k of a node, as float32 (weights, biases, BN statistics, Clip bounds). */
export function constantInput(c: OpContext, k: number): Float32Array {
  const t = c.constants.get(c.node.inputs[k]);
  if (!t) throw new Unsupported(`${c.node.opType} ${c.name}: input ${k} is not a constant`);
  const v = readTensorFloat32(t, c.source, c.open);
  if ('error' in v) throw new Unsupported(`${c.node.opType} ${c.name}: ${v.error}`);
  return v;
}

export function opFor(c: OpContext): SimOp | 'fold-bn' | 'fold-bias' {
  const n = c.node;
  const io = () => ({ name: c.name, input: c.value(n.inputs[0]), output: c.value(n.outputs[0]) });
  switch (n.opType) {
    case 'Conv':
      return { kind: 'conv', ...io(), conv: convParams(c) };
    case 'Gemm':
    case 'MatMul':
      return { kind: 'gemm', ...io(), conv: gemmParams(c) };
    case 'BatchNormalization':
      return 'fold-bn';
    case 'Relu':
      return { kind: 'relu', ...io(), max: Infinity };
    case 'Clip':
      return { kind: 'relu', ...io(), max: clipMax(c) };
    case 'MaxPool':
    case 'AveragePool':
      return { kind: n.opType === 'MaxPool' ? 'maxpool' : 'avgpool', ...io(), pool: poolParams(c) };
    case 'GlobalAveragePool':
      return { kind: 'gap', ...io() };
    case 'ReduceMean':
      return meanOverImage(c, io());
    case 'Flatten':
    case 'Reshape':
      return reshapeOp(c, io());
    case 'Identity':
    case 'Dropout':
      return { kind: 'identity', ...io() };
    case 'Pad':
      return padOp(c, io());
    case 'Add':
    case 'Sum':
      if (n.inputs.some((x) => c.constants.has(x))) return 'fold-bias';
      return { kind: 'add', name: c.name, inputs: n.inputs.map(c.value), output: c.value(n.outputs[0]) };
    case 'Concat':
      if (attrInt(n, 'axis', 1) !== 1 || c.shapes[c.value(n.inputs[0])].length !== 3)
        throw new Unsupported(`Concat ${c.name}: only channel concatenation (axis 1) of images can be simulated`);
      return { kind: 'concat', name: c.name, inputs: n.inputs.map(c.value), output: c.value(n.outputs[0]) };
    case 'Transpose':
      if ((attrInts(n, 'perm') ?? []).some((axis, i) => axis !== i)) throw refuse(n.opType, c.name);
      return { kind: 'identity', ...io() };
    default:
      throw refuse(n.opType, c.name);
  }
}

/** Flatten to [batch, features], or a reshape that keeps each sample's shape (an identity here). */
function reshapeOp(c: OpContext, io: { name: string; input: number; output: number }): SimOp {
  const from = c.full.get(c.node.inputs[0]);
  const to = c.full.get(c.node.outputs[0]);
  const same = from && to && from.length === to.length && from.every((d, i) => d === to[i]);
  if (same) return { kind: 'identity', ...io };
  if (c.shapes[io.output].length === 1 && to?.length === 2) return { kind: 'flatten', ...io };
  const dims = (s: number[] | undefined) => `[${s?.join(', ') ?? '?'}]`;
  throw new Unsupported(
    `${c.node.opType} ${c.name}: reshaping ${dims(from)} to ${dims(to)} moves values between positions and channels, which the simulator does not model; it simulates flattening to [batch, features] and reshapes that keep the shape`,
  );
}

/** ReduceMean over height and width (axes as an attribute, or from opset 18 a constant input): global average pooling. */
function meanOverImage(c: OpContext, io: { name: string; input: number; output: number }): SimOp {
  const n = c.node;
  const axes = attrInts(n, 'axes') ?? (n.inputs[1] ? c.consts.get(n.inputs[1]) : undefined);
  const rank = c.full.get(n.inputs[0])?.length;
  const norm = axes?.map((a) => (a < 0 ? a + (rank ?? 0) : a)).sort();
  if (rank !== 4 || norm?.length !== 2 || norm[0] !== 2 || norm[1] !== 3)
    throw new Unsupported(
      `ReduceMean ${c.name}: only the mean over height and width of an image (global average pooling) can be simulated`,
    );
  return { kind: 'gap', ...io };
}

/** Clip(0, max) with the bounds as attributes (opset < 11) or constant inputs (opset ≥ 11). */
function clipMax(c: OpContext): number {
  const n = c.node;
  const attr = (k: string) => {
    const a = n.attributes.get(k);
    return a?.type === 'float' ? a.value : undefined;
  };
  const input = (k: number) => (n.inputs[k] ? constantInput(c, k)[0] : undefined);
  const min = attr('min') ?? input(1);
  const max = attr('max') ?? input(2) ?? Infinity;
  if (min !== 0)
    throw new Unsupported(
      `Clip ${c.name}: only Clip(0, max) converts to integrate-and-fire neurons (min is ${min ?? '−∞'})`,
    );
  return max;
}

function convParams(c: OpContext): ConvParams {
  const n = c.node;
  const x = c.full.get(n.inputs[0]);
  const y = c.full.get(n.outputs[0]);
  const ws = c.full.get(n.inputs[1]);
  if (!x || !y || !ws || x.length !== 4)
    throw new Unsupported(`Conv ${c.name}: only 2-D convolutions with known shapes can be simulated`);
  if (attrString(n, 'auto_pad', 'NOTSET') !== 'NOTSET')
    throw new Unsupported(`Conv ${c.name}: auto_pad is not supported by the simulator; export with explicit pads`);
  const [outC, cPer, kh, kw] = ws;
  const groups = attrInt(n, 'group', 1);
  const strides = attrInts(n, 'strides') ?? [1, 1];
  const pads = attrInts(n, 'pads') ?? [0, 0, 0, 0];
  const dil = attrInts(n, 'dilations') ?? [1, 1];
  const w = toChannelLast(constantInput(c, 1), outC, cPer, kh * kw, groups, c.alloc);
  const b = n.inputs[2] ? constantInput(c, 2) : new Float32Array(outC);
  const [sh, sw, ph, pw, dh, dw] = [strides[0], strides[1], pads[0], pads[1], dil[0], dil[1]];
  return {
    inH: x[2],
    inW: x[3],
    inC: x[1],
    outH: y[2],
    outW: y[3],
    outC,
    kh,
    kw,
    sh,
    sw,
    ph,
    pw,
    dh,
    dw,
    groups,
    w,
    b,
  };
}

/** ONNX W[o][c][k] → w[c_global][k][o within the group], in blocks of 16 outputs (cache-friendly). */
function toChannelLast(
  raw: Float32Array,
  outC: number,
  cPer: number,
  kk: number,
  groups: number,
  alloc: (floats: number) => Float32Array,
): Float32Array {
  const oPer = outC / groups;
  const w = alloc(raw.length);
  const rowLen = cPer * kk;
  for (let o0 = 0; o0 < outC; o0 += 16) {
    const o1 = Math.min(outC, o0 + 16);
    for (let j = 0; j < rowLen; j++) {
      const cl = (j / kk) | 0;
      const k = j - cl * kk;
      for (let o = o0; o < o1; o++) {
        const g = (o / oPer) | 0;
        w[((g * cPer + cl) * kk + k) * oPer + (o - g * oPer)] = raw[o * rowLen + j];
      }
    }
  }
  return w;
}

/** Gemm (alpha = beta = 1, no transA) or MatMul with a 2-D constant weight, as a 1×1 convolution. */
function gemmParams(c: OpContext): ConvParams {
  const n = c.node;
  const alpha = n.attributes.get('alpha');
  const beta = n.attributes.get('beta');
  if (
    (alpha?.type === 'float' && alpha.value !== 1) ||
    (beta?.type === 'float' && beta.value !== 1) ||
    attrInt(n, 'transA', 0)
  )
    throw new Unsupported(`Gemm ${c.name}: only alpha = beta = 1 without transA can be simulated`);
  const dims = c.full.get(n.inputs[1]);
  if (!dims || dims.length !== 2 || !c.constants.has(n.inputs[1]))
    throw new Unsupported(`${n.opType} ${c.name}: only a 2-D constant weight can be simulated`);
  const transB = n.opType === 'Gemm' && attrInt(n, 'transB', 0) === 1;
  const [inF, outF] = transB ? [dims[1], dims[0]] : [dims[0], dims[1]];
  if (c.shapes[c.value(n.inputs[0])].length !== 1)
    throw new Unsupported(`${n.opType} ${c.name}: only a [batch, features] input can be simulated`);
  const raw = constantInput(c, 1);
  // our layout: w[in][out]; Gemm with transB stores [out][in]
  const w = transB ? toChannelLast(raw, outF, inF, 1, 1, c.alloc) : c.alloc(raw.length);
  if (!transB) w.set(raw);
  const b = n.opType === 'Gemm' && n.inputs[2] ? broadcast(constantInput(c, 2), outF, c.name) : new Float32Array(outF);
  const one = { inH: 1, inW: 1, outH: 1, outW: 1, kh: 1, kw: 1, sh: 1, sw: 1, ph: 0, pw: 0, dh: 1, dw: 1 };
  return { ...one, inC: inF, outC: outF, groups: 1, w, b };
}

/** A bias of one value or one per output. */
export function broadcast(b: Float32Array, n: number, name: string): Float32Array {
  if (b.length === n) return b;
  if (b.length === 1) return new Float32Array(n).fill(b[0]);
  throw new Unsupported(`${name}: a bias of ${b.length} values for ${n} outputs cannot be simulated`);
}

function poolParams(c: OpContext): PoolParams {
  const n = c.node;
  const x = c.full.get(n.inputs[0]);
  const y = c.full.get(n.outputs[0]);
  const k = attrInts(n, 'kernel_shape');
  if (!x || !y || !k || x.length !== 4)
    throw new Unsupported(`${n.opType} ${c.name}: only 2-D pooling with known shapes can be simulated`);
  if (attrString(n, 'auto_pad', 'NOTSET') !== 'NOTSET')
    throw new Unsupported(`${n.opType} ${c.name}: auto_pad is not supported by the simulator`);
  if ((attrInts(n, 'dilations') ?? [1, 1]).some((d) => d !== 1))
    throw new Unsupported(`${n.opType} ${c.name}: dilated pooling is not supported by the simulator`);
  const s = attrInts(n, 'strides') ?? [1, 1];
  const p = attrInts(n, 'pads') ?? [0, 0, 0, 0];
  const [inH, inW, ch, outH, outW] = [x[2], x[3], x[1], y[2], y[3]];
  const countIncludePad = attrInt(n, 'count_include_pad', 0) === 1;
  return { inH, inW, c: ch, outH, outW, kh: k[0], kw: k[1], sh: s[0], sw: s[1], ph: p[0], pw: p[1], countIncludePad };
}

function padOp(c: OpContext, io: { name: string; input: number; output: number }): SimOp {
  const n = c.node;
  const small = (k: number) =>
    n.inputs[k] ? (c.consts.get(n.inputs[k]) ?? Array.from(constantInput(c, k))) : undefined;
  const pads = n.inputs[1] ? small(1) : attrInts(n, 'pads');
  const fill = n.inputs[2] ? small(2)?.[0] : 0;
  const ok =
    attrString(n, 'mode', 'constant') === 'constant' &&
    pads?.length === 8 &&
    fill === 0 &&
    !pads[0] &&
    !pads[1] &&
    !pads[4] &&
    !pads[5] &&
    pads.every((p) => p >= 0);
  if (!ok || !pads) throw new Unsupported(`Pad ${c.name}: only zero padding of height and width can be simulated`);
  if (pads.every((p) => p === 0)) return { kind: 'identity', ...io };
  return { kind: 'pad', ...io, pads: [pads[2], pads[3], pads[6], pads[7]] };
}
