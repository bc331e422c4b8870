// MACs and parameters of ONNX models against independent figures: hand counts for our fixtures,
// torchvision's published figures for the upstream classic CNNs.
import { describe, expect, it } from 'vitest';
import { parseOnnx } from '../../../src/core/model/onnx/to-network';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import type { Network } from '../../../src/core/model/ir';
import { bytes, FIXTURES, HAVE_SHARED, SHARED } from './samples';

function net(path: string, opts = {}): Network {
  const r = parseOnnx(bufferSource(bytes(path)), opts);
  expect(r.value, JSON.stringify(r.problems)).toBeDefined();
  return r.value!.network;
}
const total = (n: Network, k: 'synapses' | 'weights') => n.layers.reduce((s, l) => s + (l.counts?.[k] ?? 0), 0);
const weighted = (n: Network) =>
  n.layers.filter((l) => l.counts).map((l) => [l.op, l.counts!.synapses, l.counts!.weights, l.counts!.neurons]);

describe('hand counts on our PyTorch fixtures', () => {
  it('cnn_bn: BN folded into Conv, 3×16×16 → conv 8 → pool → conv 16 → pool → fc 10', () => {
    expect(weighted(net(FIXTURES + 'cnn_bn.onnx'))).toEqual([
      ['Conv', 3 * 9 * 8 * 16 * 16, 3 * 9 * 8, 8 * 16 * 16],
      ['Conv', 8 * 9 * 16 * 8 * 8, 8 * 9 * 16, 16 * 8 * 8],
      ['Gemm', 256 * 10, 256 * 10, 10],
    ]);
  });

  it('cnn_bn_unfolded keeps BatchNormalization nodes and counts the same synapses', () => {
    const n = net(FIXTURES + 'cnn_bn_unfolded.onnx');
    expect(n.layers.filter((l) => l.kind === 'batchnorm')).toHaveLength(2);
    expect(total(n, 'synapses')).toBe(3 * 9 * 8 * 256 + 8 * 9 * 16 * 64 + 2560);
  });

  it('resnet_tiny: three 3×3 convs at 8×8, a residual Add and a classifier', () => {
    const n = net(FIXTURES + 'resnet_tiny.onnx');
    expect(weighted(n)).toEqual([
      ['Conv', 3 * 9 * 8 * 64, 216, 512],
      ['Conv', 8 * 9 * 8 * 64, 576, 512],
      ['Conv', 8 * 9 * 8 * 64, 576, 512],
      ['Gemm', 80, 80, 10],
    ]);
    const add = n.layers.find((l) => l.kind === 'add')!;
    expect(add.elements).toBe(8 * 8 * 8);
    expect(add.inputs).toHaveLength(2);
  });

  it('mlp: 20 → 32 → 16 → 4', () => {
    expect(total(net(FIXTURES + 'mlp.onnx'), 'synapses')).toBe(20 * 32 + 32 * 16 + 16 * 4);
  });

  it('counts per sample whatever the symbolic batch is bound to', () => {
    const a = net(FIXTURES + 'mlp_dynamic_batch.onnx');
    const b = net(FIXTURES + 'mlp_dynamic_batch.onnx', { dims: { batch: 16 } });
    expect(total(a, 'synapses')).toBe(1216);
    expect(total(b, 'synapses')).toBe(1216);
  });

  it('lstm: 4 gates × hidden 12 × (input 6 + hidden 12) per step, over 5 steps', () => {
    const l = net(FIXTURES + 'lstm.onnx').layers.find((x) => x.op === 'LSTM')!;
    expect(l.counts).toMatchObject({ weights: 4 * 12 * 18, synapses: 4 * 12 * 18 * 5 });
  });
});

describe.runIf(HAVE_SHARED)('published figures for the upstream classic CNNs (224×224)', () => {
  it('VGG-19: 19.63 GMACs (torchvision: 19.63 GFLOPS) and 143.67 M parameters with biases', () => {
    const n = net(SHARED + 'light/light_vgg19.onnx');
    expect(total(n, 'synapses') / 1e9).toBeCloseTo(19.63, 2);
    const biases = n.layers.reduce((s, l) => s + (l.counts?.biases ?? 0), 0);
    expect(total(n, 'weights') + biases).toBe(143_667_240);
  });

  it('ResNet-50: 4.09 GMACs (torchvision) and 25.56 M parameters', () => {
    const n = net(SHARED + 'light/light_resnet50.onnx');
    expect(total(n, 'synapses') / 1e9).toBeCloseTo(4.09, 2);
    // torchvision's 25,557,032 include the 53 BatchNorm layers' scale and shift (folded here) and biases
    expect(total(n, 'weights') / 1e6).toBeCloseTo(25.5, 1);
  });

  it("lists the If/Loop/Scan models' subgraphs as not costed", () => {
    const n = parseOnnx(bufferSource(bytes(SHARED + 'node/test_if/model.onnx')));
    expect(n.problems.some((p) => p.code === 'unmodelled-op' && p.message.includes('nested subgraphs'))).toBe(true);
  });
});
