import type { Layer, LayerKind, Network, ParseResult, Problem } from '../ir';
import { product } from '../counts';
import { inferShapes, type Inferred, type InferOptions } from './infer';
import { readOnnx } from './reader';
import { batchRule } from './batch';
import { countsOf, elementOpsOf } from './node-counts';
import { placeOnText, renderOnnxText, type OnnxText } from './text';
import type { ByteSource, OnnxModel, OnnxNode } from './types';
import { own } from '../own';
import { checkNetwork } from '../check-network';

export interface OnnxNetworkOptions extends InferOptions {
  readonly name?: string;
}

/**
 * Read an ONNX model and turn it into the Network IR, with its text view: layers and problems carry
 * ranges on their node's line of that text (placeOnText). Never throws on bad bytes.
 */
export function parseOnnx(
  source: ByteSource,
  opts: OnnxNetworkOptions = {},
): ParseResult<{ model: OnnxModel; network: Network; text: OnnxText }> {
  const read = readOnnx(source);
  if (!read.value) return { value: undefined, problems: read.problems };
  const bare = checkNetwork(onnxToNetwork(read.value, source, opts));
  const text = renderOnnxText(read.value, bare);
  const network = placeOnText(bare, text);
  return { value: { model: read.value, network, text }, problems: network.problems };
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
  // integer shape/index plumbing and masks: cost-free and silent
  Range: 'reshape',
  Equal: 'reshape',
  Less: 'reshape',
  Greater: 'reshape',
  LessOrEqual: 'reshape',
  GreaterOrEqual: 'reshape',
  And: 'reshape',
  Or: 'reshape',
  Xor: 'reshape',
  Not: 'reshape',
  Where: 'reshape',
  Mod: 'reshape',
  ScatterND: 'reshape',
  ScatterElements: 'reshape',
  Trilu: 'reshape',
  CumSum: 'reshape',
  NonZero: 'reshape',
  CastLike: 'reshape',
  IsNaN: 'reshape',
  IsInf: 'reshape',
  ArgMax: 'reshape',
  ArgMin: 'reshape',
  OneHot: 'reshape',
  Floor: 'nonlinearity',
  Ceil: 'nonlinearity',
  Round: 'nonlinearity',
  Sign: 'nonlinearity',
  Max: 'nonlinearity',
  Min: 'nonlinearity',
  Sin: 'nonlinearity',
  Cos: 'nonlinearity',
  Softsign: 'nonlinearity',
  Mish: 'nonlinearity',
  Einsum: 'linear',
  ReduceMean: 'avgpool',
  ReduceSum: 'avgpool',
  ReduceMax: 'maxpool',
  ReduceMin: 'maxpool',
  ReduceProd: 'avgpool',
  ReduceL2: 'avgpool',
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

const WEIGHTED: ReadonlySet<LayerKind> = new Set(['conv', 'conv-transpose', 'linear', 'recurrent']);

/**
 * One IR layer per node (plus an `input` layer), per sample: every count is computed for the whole batch
 * and divided by the batch size (batch.ts states the rule). Constant and shape-plumbing nodes stay as
 * 'reshape' layers so every node has a line, a layer and a name; they cost nothing. A node that may carry
 * compute but is not costed says why (`notCosted`), traced to where knowledge was first lost.
 */
export function onnxToNetwork(model: OnnxModel, source: ByteSource, opts: OnnxNetworkOptions = {}): Network {
  const inf = inferShapes(model, source, opts);
  const g = model.graph;
  const problems: Problem[] = [...inf.problems];
  const b = batchRule(model, inf);
  const batch = b.size;
  // shapes shown per sample: without the batch axis where it is the batch
  const perSample = (s: number[] | undefined) =>
    s && s.length >= 2 && s[b.axis] === batch ? s.filter((_, i) => i !== b.axis) : s;
  const inShape = b.input ? inf.shapes.get(b.input) : undefined;
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
    const allConstant = node.outputs.every((o) => inf.constant.has(o));
    const folded = allConstant || node.outputs.every((o) => inf.consts.has(o));
    const costedKind = WEIGHTED.has(kind) && !allConstant;
    const c = costedKind ? countsOf(node, kind, inf, batch) : undefined;
    const counts = c && 'counts' in c ? c.counts : undefined;
    const elementwise = costedKind ? undefined : elementOpsOf(node, kind, inf, batch);
    const approximation = counts && c && 'approximation' in c ? c.approximation : elementwise?.approximation;
    let notCosted: string | undefined;
    if (kind === 'unmodelled') {
      const p = unmodelled(node, name, inf);
      problems.push(p);
      notCosted = p.message;
    } else if (kind === 'subgraph') {
      notCosted = `${node.opType} ${name} has nested subgraphs, which are not costed`;
      problems.push({ code: 'unmodelled-op', severity: 'warning', layer: name, message: notCosted });
    } else if (costedKind && !counts) notCosted = c && 'why' in c ? c.why : lostReason(node, name, inf);
    layers.push({
      index,
      name,
      kind: allConstant && WEIGHTED.has(kind) ? 'reshape' : kind,
      op: node.opType,
      inputs: inputs.length ? inputs : node.inputs.some((x) => inf.graphInputs.includes(x)) ? [0] : [],
      outputShape: perSample(out),
      counts,
      // element counts of activations only: folded shape/index tensors carry no batch and cost nothing
      elements:
        out && !folded && (kind === 'add' || kind === 'concat' || kind === 'mul') ? product(out) / batch : undefined,
      attributes: displayAttributes(node),
      nodeIndex: i,
      ...(notCosted ? { notCosted } : {}),
      ...(elementwise ? { elementOps: elementwise.ops } : {}),
      ...(approximation ? { approximation } : {}),
    });
    for (const o of node.outputs) if (!inf.constant.has(o) || kind !== 'reshape') producer.set(o, index);
  }
  return {
    name: opts.name ?? (g.name || 'model'),
    format: 'onnx',
    inputShape: perSample(inShape) ?? [],
    layers,
    problems,
    batchRule: b.text,
  };
}

/** "shape unknown after X: why", from the first node where the shapes this node needs were lost. */
function lostReason(node: OnnxNode, name: string, inf: Inferred): string {
  const loss =
    node.inputs.map((x) => (x && !inf.shapes.has(x) ? inf.lost.get(x) : undefined)).find(Boolean) ??
    inf.lost.get(node.outputs[0]);
  if (!loss) return `${node.opType} ${name}: its shapes do not give a count`;
  const at = loss.node >= 0 ? `after ${inf.names[loss.node]}` : 'at the input';
  return `${node.opType} ${name}: shape unknown ${at}: ${loss.reason}`;
}

function kindOf(node: OnnxNode, inf: Inferred): LayerKind {
  if (node.domain !== '' && node.domain !== 'ai.onnx') return 'unmodelled';
  if (node.opType === 'Clip') {
    const min = node.inputs[1] ? inf.consts.get(node.inputs[1])?.[0] : undefined;
    const a = node.attributes.get('min');
    const lo = a?.type === 'float' ? a.value : min;
    if (lo !== undefined && lo !== 0) return 'nonlinearity';
  }
  return own(KIND, node.opType) ?? 'unmodelled';
}

function unmodelled(node: OnnxNode, name: string, inf: Inferred): Problem {
  const why = node.domain ? `an op of domain "${node.domain}" has no cost rule` : 'this op has no cost rule';
  const shape = inf.shapes.get(node.outputs[0]);
  return {
    code: 'unmodelled-op',
    severity: 'warning',
    layer: name,
    message: `${node.opType} ${name}: ${why}; it may carry compute, so the model is incomplete${shape ? ` (output [${shape.join(', ')}])` : ''}`,
  };
}

function displayAttributes(node: OnnxNode): Record<string, number | string | readonly number[]> {
  const out = Object.create(null) as Record<string, number | string | readonly number[]>;
  for (const [k, a] of node.attributes) {
    if (a.type === 'int' || a.type === 'float' || a.type === 'string') out[k] = a.value;
    else if ((a.type === 'ints' || a.type === 'floats') && a.value.length <= 16) out[k] = a.value;
  }
  return out;
}
