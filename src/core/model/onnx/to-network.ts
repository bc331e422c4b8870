import type { Layer, LayerCounts, LayerKind, Network, ParseResult, Problem } from '../ir';
import { finish, product } from '../counts';
import { inferShapes, type Inferred, type InferOptions } from './infer';
import { readOnnx } from './reader';
import { attrInt, attrInts } from './shape-rules';
import type { ByteSource, OnnxModel, OnnxNode } from './types';
import { own } from '../own';
import { checkNetwork } from '../check-network';

export interface OnnxNetworkOptions extends InferOptions {
  readonly name?: string;
}

/** Read an ONNX model and turn it into the Network IR. Never throws on bad bytes. */
export function parseOnnx(
  source: ByteSource,
  opts: OnnxNetworkOptions = {},
): ParseResult<{ model: OnnxModel; network: Network }> {
  const read = readOnnx(source);
  if (!read.value) return { value: undefined, problems: read.problems };
  const network = checkNetwork(onnxToNetwork(read.value, source, opts));
  return { value: { model: read.value, network }, problems: network.problems };
}

const KIND: Readonly<Record<string, LayerKind>> = {
  Conv: 'conv',
  ConvTranspose: 'conv-transpose',
  Gemm: 'linear',
  MatMul: 'linear',
  LSTM: 'recurrent',
  GRU: 'recurrent',
  RNN: 'recurrent',
  BatchNormalization: 'batchnorm',
  Relu: 'activation',
  Clip: 'activation',
  LeakyRelu: 'activation',
  Sigmoid: 'nonlinearity',
  Tanh: 'nonlinearity',
  Softmax: 'nonlinearity',
  LogSoftmax: 'nonlinearity',
  HardSigmoid: 'nonlinearity',
  HardSwish: 'nonlinearity',
  Elu: 'nonlinearity',
  Selu: 'nonlinearity',
  PRelu: 'nonlinearity',
  Softplus: 'nonlinearity',
  Gelu: 'nonlinearity',
  LRN: 'nonlinearity',
  InstanceNormalization: 'nonlinearity',
  LayerNormalization: 'nonlinearity',
  Erf: 'nonlinearity',
  Sqrt: 'nonlinearity',
  Exp: 'nonlinearity',
  Log: 'nonlinearity',
  Neg: 'nonlinearity',
  Abs: 'nonlinearity',
  Reciprocal: 'nonlinearity',
  Pow: 'nonlinearity',
  MaxPool: 'maxpool',
  GlobalMaxPool: 'maxpool',
  AveragePool: 'avgpool',
  GlobalAveragePool: 'globalavgpool',
  Flatten: 'flatten',
  Reshape: 'reshape',
  Transpose: 'reshape',
  Squeeze: 'reshape',
  Unsqueeze: 'reshape',
  Identity: 'reshape',
  Shape: 'reshape',
  Gather: 'reshape',
  Constant: 'reshape',
  ConstantOfShape: 'reshape',
  Cast: 'reshape',
  Slice: 'reshape',
  Split: 'reshape',
  Expand: 'reshape',
  Size: 'reshape',
  Tile: 'reshape',
  ReduceMean: 'avgpool',
  Concat: 'concat',
  Add: 'add',
  Sub: 'add',
  Sum: 'add',
  Mul: 'mul',
  Div: 'mul',
  Dropout: 'dropout',
  Pad: 'pad',
  Upsample: 'resize',
  Resize: 'resize',
  If: 'subgraph',
  Loop: 'subgraph',
  Scan: 'subgraph',
};

/**
 * One IR layer per node (plus an `input` layer), per sample: the batch (the first graph input's first
 * dimension) is divided out of every count. Constant and shape-plumbing nodes stay as 'reshape' layers
 * so every node has a line, a layer and a name; they cost nothing.
 */
export function onnxToNetwork(model: OnnxModel, source: ByteSource, opts: OnnxNetworkOptions = {}): Network {
  const inf = inferShapes(model, source, opts);
  const g = model.graph;
  const problems: Problem[] = [...inf.problems];
  const firstInput = inf.graphInputs[0];
  const inShape = firstInput ? inf.shapes.get(firstInput) : undefined;
  const batch = batchOf(model, firstInput, inShape);
  const perSample = (s: number[] | undefined) => (s && s.length >= 2 && s[0] === batch ? s.slice(1) : s);
  const layers: Layer[] = [
    { index: 0, name: 'input', kind: 'input', op: 'input', inputs: [], outputShape: perSample(inShape) ?? [] },
  ];
  const producer = new Map<string, number>(inf.graphInputs.map((n) => [n, 0]));
  for (const i of inf.order) {
    const node = g.nodes[i];
    const name = inf.names[i];
    const index = layers.length;
    const kind = kindOf(node, inf);
    const inputs = [...new Set(node.inputs.filter((x) => producer.has(x)).map((x) => producer.get(x)!))];
    const out = inf.shapes.get(node.outputs[0]);
    const counts =
      kind === 'conv' || kind === 'conv-transpose' || kind === 'linear' || kind === 'recurrent'
        ? countsOf(node, kind, inf, batch)
        : undefined;
    if (kind === 'unmodelled') problems.push(unmodelled(node, name, inf));
    if (kind === 'subgraph')
      problems.push({
        code: 'unmodelled-op',
        severity: 'information',
        layer: name,
        message: `${node.opType} ${name} has nested subgraphs: listed, not costed`,
      });
    if (
      counts === undefined &&
      (kind === 'conv' || kind === 'linear' || kind === 'conv-transpose' || kind === 'recurrent')
    )
      problems.push({
        code: 'unmodelled-op',
        severity: 'warning',
        layer: name,
        message: `${node.opType} ${name}: shapes unknown, so its synapses are not counted; set the input shape (--input-shape) or symbolic dimensions (--dim)`,
      });
    layers.push({
      index,
      name,
      kind:
        counts === undefined && ['conv', 'linear', 'conv-transpose', 'recurrent'].includes(kind) ? 'unmodelled' : kind,
      op: node.opType,
      inputs: inputs.length ? inputs : node.inputs.some((x) => inf.graphInputs.includes(x)) ? [0] : [],
      outputShape: perSample(out),
      counts,
      elements: out && (kind === 'add' || kind === 'concat' || kind === 'mul') ? product(perSample(out)!) : undefined,
      attributes: displayAttributes(node),
      nodeIndex: i,
    });
    for (const o of node.outputs) if (!inf.constant.has(o) || kind !== 'reshape') producer.set(o, index);
  }
  return {
    name: opts.name ?? (g.name || 'model'),
    format: 'onnx',
    inputShape: perSample(inShape) ?? [],
    layers,
    problems,
  };
}

/**
 * The batch size to divide out: the first input's first dimension when it is symbolic (`batch`, `N`) or
 * the input is an image (N×C×H×W) or a vector batch (N×F); a rank-3 numeric input is ambiguous
 * (sequence-first or batch-first), so nothing is divided.
 */
function batchOf(model: OnnxModel, input: string | undefined, shape: number[] | undefined): number {
  if (!input || !shape || shape.length < 2) return 1;
  const declared = model.graph.inputs.find((v) => v.name === input)?.shape?.[0];
  if (typeof declared === 'string' || shape.length !== 3) return shape[0] || 1;
  return 1;
}

function kindOf(node: OnnxNode, inf: Inferred): LayerKind {
  if (node.domain !== '') return 'unmodelled';
  if (node.opType === 'Clip') {
    const min = node.inputs[1] ? inf.consts.get(node.inputs[1])?.[0] : undefined;
    const a = node.attributes.get('min');
    const lo = a?.type === 'float' ? a.value : min;
    if (lo !== undefined && lo !== 0) return 'nonlinearity';
  }
  // MatMul of two activations (attention-like) is compute the model does not cost
  if (node.opType === 'MatMul' && !inf.constant.has(node.inputs[1])) return 'unmodelled';
  return own(KIND, node.opType) ?? 'unmodelled';
}

function unmodelled(node: OnnxNode, name: string, inf: Inferred): Problem {
  const why =
    node.opType === 'MatMul'
      ? 'a MatMul of two activations (attention-like) is not costed'
      : node.domain
        ? `op of domain "${node.domain}" is not costed`
        : 'this op is not costed';
  const shape = inf.shapes.get(node.outputs[0]);
  return {
    code: 'unmodelled-op',
    severity: 'warning',
    layer: name,
    message: `${node.opType} ${name}: ${why}; its energy is not in the totals${shape ? ` (output [${shape.join(', ')}])` : ''}`,
  };
}

function countsOf(node: OnnxNode, kind: LayerKind, inf: Inferred, batch: number): LayerCounts | undefined {
  const s = (i: number) => (node.inputs[i] ? inf.shapes.get(node.inputs[i]) : undefined);
  const y = inf.shapes.get(node.outputs[0]);
  const x = s(0);
  const w = s(1);
  if (!w || !x) return undefined;
  const hasBias = (node.inputs[2] ?? '') !== '';
  if (kind === 'conv' && y) {
    // W is [C_out, C_in/group, k…]: N_w = C_out·C_in/group·∏k, each used at every output position
    const kernel = attrInts(node, 'kernel_shape') ?? w.slice(2);
    const weights = w[0] * w[1] * product(kernel);
    const positions = product(y.slice(2)) * (y[0] === batch ? 1 : y[0]);
    return finish(weights * positions, weights, hasBias ? w[0] : 0, w[0] * positions);
  }
  if (kind === 'conv-transpose' && y) {
    const weights = w[0] * w[1] * product(w.slice(2));
    const inPositions = product(x.slice(2)) * (x[0] === batch ? 1 : x[0]);
    return finish(
      weights * inPositions,
      weights,
      hasBias ? y[1] : 0,
      product(y.slice(1)) * (y[0] === batch ? 1 : y[0]),
    );
  }
  if (kind === 'linear' && y) {
    const transB = node.opType === 'Gemm' && attrInt(node, 'transB', 0) === 1;
    const k = node.opType === 'Gemm' ? (transB ? w[1] : w[0]) : w[w.length - 2];
    const n = node.opType === 'Gemm' ? (transB ? w[0] : w[1]) : w[w.length - 1];
    const positions = product(y.slice(0, -1)) / (y[0] === batch ? batch : 1);
    return finish(k * n * positions, k * n, hasBias ? n : 0, n * positions);
  }
  if (kind === 'recurrent') {
    const gates = node.opType === 'LSTM' ? 4 : node.opType === 'GRU' ? 3 : 1;
    const layout = attrInt(node, 'layout', 0);
    const seq = layout ? x[1] : x[0];
    const dirs = w[0];
    const hidden = w[1] / gates;
    const input = w[2];
    const weights = dirs * gates * hidden * (input + hidden);
    return finish(weights * seq, weights, 0, dirs * gates * hidden * seq);
  }
  return undefined;
}

function displayAttributes(node: OnnxNode): Record<string, number | string | readonly number[]> {
  const out = Object.create(null) as Record<string, number | string | readonly number[]>;
  for (const [k, a] of node.attributes) {
    if (a.type === 'int' || a.type === 'float' || a.type === 'string') out[k] = a.value;
    else if ((a.type === 'ints' || a.type === 'floats') && a.value.length <= 16) out[k] = a.value;
  }
  return out;
}
