// Building the simulator's graph from ONNX: what converts, what is refused (with the op and node named),
// and how weighted layers map to the IF layers they drive.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import { buildSimGraph } from '../../../src/core/sim/graph';
import type { SimGraph } from '../../../src/core/sim/types';
import { randomInputs, samplesFrom } from '../../../src/core/sim/inputs';
import { simulate } from '../../../src/core/sim/run';
import { analogInputs } from '../../../src/core/sim/forward';

const fixture = (path: string) => {
  const b = bufferSource(new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url))));
  return buildSimGraph(readOnnx(b).value!, b);
};

function graph(path: string): SimGraph {
  const g = fixture(path);
  if ('error' in g) throw new Error(g.error);
  return g;
}

describe('the simulator graph', () => {
  it('folds BatchNormalization after Gemm and a constant Add after MatMul, keeps Clip(0, 6) as IF neurons', () => {
    const g = graph('sim/branchy.onnx');
    expect(g.ops.map((o) => o.kind)).toEqual([
      'conv',
      'relu',
      'conv',
      'relu',
      'conv',
      'relu',
      'concat',
      'maxpool',
      'conv',
      'relu',
      'pad',
      'avgpool',
      'flatten',
      'gemm',
      'relu',
      'gemm',
    ]);
    const clip = g.ops[1];
    expect(clip.kind === 'relu' && clip.max).toBe(6);
    expect(g.ops[13].kind === 'gemm' && g.ops[13].name).toBe('/fc/fc.0/Gemm');
  });

  it('sends the image and averaged inputs (avgpool, then flatten) to the dense kernel, spikes to the event-driven one', () => {
    const g = graph('sim/branchy.onnx');
    const analog = [...analogInputs(g)].map((op) => g.ops.indexOf(op));
    // ops 0 (the first conv, on the image) and 13 (the Gemm after pad → avgpool → flatten)
    expect(analog).toEqual([0, 13]);
  });

  it('refuses ops it cannot simulate, naming the op and the node and what would be needed', () => {
    // the LSTM's Shape → Gather → Unsqueeze → Concat → Expand plumbing folds; the LSTM itself is refused
    expect(fixture('onnx/lstm.onnx')).toEqual({
      error: expect.stringMatching(
        /^the simulator cannot simulate LSTM \(node \/lstm\/LSTM\): recurrent layers have no rate-coded integrate-and-fire conversion/,
      ),
    });
    // SiLU (EfficientNet) is exported as Sigmoid and Mul
    expect(fixture('sim/silu.onnx')).toEqual({
      error: expect.stringMatching(
        /^the simulator cannot simulate Sigmoid \(node \/Sigmoid\): integrate-and-fire neurons reproduce only ReLU-like activations.*SiLU\/Swish.*retrained with ReLU$/,
      ),
    });
  });

  it('converts a pre-activation (DenseNet-style) block: BatchNorm after a Concat becomes a depthwise 1×1 op with bias', () => {
    const g = graph('sim/densenet_block.onnx');
    expect(g.ops.map((o) => o.kind)).toEqual([
      'conv', // stem (BN folded by the exporter)
      'relu',
      'conv', // layer1 BN on the stem's ReLU output, shared with the Concat: no Conv to fold into
      'relu',
      'conv',
      'concat',
      'conv', // layer2 BN after the Concat
      'relu',
      'conv',
      'concat',
      'conv', // transition BN
      'relu',
      'conv',
      'identity', // the exporter's all-zero Pad before AveragePool
      'avgpool',
      'conv', // final BN after average pooling
      'relu',
      'gap', // ReduceMean over H and W
      'flatten', // x.view(x.size(0), -1): its Shape/Gather/Unsqueeze/Concat folded away
      'gemm',
    ]);
    const bn = g.ops[6];
    if (bn.kind !== 'conv') throw new Error('not a conv');
    expect(bn.affine).toBe(true);
    expect([bn.conv.groups, bn.conv.inC, bn.conv.outC, bn.conv.kh, bn.conv.kw]).toEqual([12, 12, 12, 1, 1]);
  });

  it('maps each weighted layer to the IF layer it drives, through Concat; the output layer drives none', () => {
    const g = graph('sim/branchy.onnx');
    const x = randomInputs(4, [12, 12, 3], 0);
    const inputs = samplesFrom(x.shape, x.data, g.inputShape) as Float32Array[];
    const opts = { timesteps: 4, thresholdPercentile: 99.9, vInit: 0.5, encoding: 'direct' as const, seed: 0 };
    const r = simulate(g, inputs, inputs, opts);
    const byName = new Map(r.layers.map((l) => [l.name, l.spikeRate]));
    const map = r.weighted.map((w) => [w.name, w.outputLayer ?? null]);
    expect(map).toEqual([
      ['/stem/stem.0/Conv', '/stem/stem.2/Clip'],
      ['/grouped/grouped.0/Conv', '/grouped/grouped.2/Relu'],
      ['/pointwise/pointwise.0/Conv', '/pointwise/pointwise.2/Relu'],
      ['/down/down.0/Conv', '/down/down.2/Relu'],
      ['/fc/fc.0/Gemm', '/fc/fc.2/Relu'],
      ['/out/MatMul', null],
    ]);
    for (const w of r.weighted) if (w.outputLayer) expect(w.outputSpikeRate).toBe(byName.get(w.outputLayer));
    expect(r.weighted[0].analogInput).toBe(true);
    expect(r.weighted[0].inputSpikeRate).toBeGreaterThan(0.99);
  });
});
