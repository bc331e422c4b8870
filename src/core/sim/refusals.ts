/** An op the simulator cannot simulate: caught in buildSimGraph and returned as an error. */
export class Unsupported extends Error {}

const SUPPORTED =
  'Conv, Gemm, MatMul, BatchNormalization, Relu, Clip(0, ·), MaxPool, AveragePool, GlobalAveragePool, Flatten, ' +
  'Reshape, Add, Sum, Concat, Pad, Identity, Dropout, and shape arithmetic on constant shapes';

const ACTIVATION =
  'integrate-and-fire neurons reproduce only ReLU-like activations (Relu, Clip(0, max)) as spike rates';

/** Why an op family has no rate-coded integrate-and-fire equivalent, and what would be needed. */
const WHY: Readonly<Record<string, string>> = {
  Sigmoid: `${ACTIVATION}, and a sigmoid is not one (EfficientNet's SiLU/Swish and squeeze-and-excitation gates are made of it); it would need a neuron model for that activation, or the network retrained with ReLU`,
  HardSigmoid: `${ACTIVATION}, and a hard sigmoid is not one (MobileNet-v3's hard-swish and gates use it); it would need the network retrained with ReLU`,
  HardSwish: `${ACTIVATION}, and hard-swish is not one (MobileNet-v3); it would need the network retrained with ReLU`,
  Tanh: `${ACTIVATION}, and tanh is not one (it is negative for negative inputs); it would need a signed neuron model or the network retrained with ReLU`,
  Gelu: `${ACTIVATION}, and GELU is not one (transformers use it); it would need the network retrained with ReLU`,
  Elu: `${ACTIVATION}, and ELU is not one; it would need the network retrained with ReLU`,
  Selu: `${ACTIVATION}, and SELU is not one; it would need the network retrained with ReLU`,
  LeakyRelu: `${ACTIVATION}, and leaky ReLU passes negative values, which these neurons cannot; it would need signed (two-threshold) neurons or the network retrained with ReLU`,
  PRelu: `${ACTIVATION}, and PReLU passes negative values, which these neurons cannot; it would need signed (two-threshold) neurons or the network retrained with ReLU`,
  Softplus: `${ACTIVATION}, and softplus is not one; it would need the network retrained with ReLU`,
  Mul: 'multiplying two activations (a gate, as in squeeze-and-excitation or SiLU, or attention) is not something spike rates of integrate-and-fire neurons can express; only multiplying by constants (folded into weights) converts',
  Softmax:
    'softmax (attention in vision transformers, or a classifier head) has no integrate-and-fire equivalent; remove it from the export (the simulator predicts the argmax of the last layer) or it would need a spiking attention mechanism',
  Transpose:
    'rearranging axes between layers (as vision transformers do to split attention heads and tokens) has no counterpart in this simulator, which keeps images as height × width × channels; transformers would need a spiking attention model',
  LSTM: 'recurrent layers have no rate-coded integrate-and-fire conversion; that would need a spiking recurrent model trained for it',
  GRU: 'recurrent layers have no rate-coded integrate-and-fire conversion; that would need a spiking recurrent model trained for it',
  RNN: 'recurrent layers have no rate-coded integrate-and-fire conversion; that would need a spiking recurrent model trained for it',
  LayerNormalization:
    'layer normalization divides by statistics of the current activations, which spike rates cannot do; only BatchNormalization (fixed statistics, folded into weights) converts',
  Div: 'dividing by an activation has no integrate-and-fire equivalent; only division by constants converts',
};

/** The error for an op the simulator cannot simulate: the op, the node, why, and what would be needed. */
export function refuse(opType: string, node: string): Unsupported {
  const why = WHY[opType] ?? `supported are ${SUPPORTED}`;
  return new Unsupported(`the simulator cannot simulate ${opType} (node ${node}): ${why}`);
}
