import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { summarize } from '../../../src/core/analysis/summary';

const text = readFileSync(new URL('../../../examples/vgg16-cifar10.layers.json', import.meta.url), 'utf8');
const { value: net, problems } = parseLayerSpec(text);

describe('the bundled VGG-16 CIFAR-10 spec', () => {
  it('parses without problems into 13 convolutions and one classifier', () => {
    expect(problems).toEqual([]);
    expect(net!.layers.filter((l) => l.kind === 'conv')).toHaveLength(13);
    expect(net!.layers.filter((l) => l.kind === 'linear')).toHaveLength(1);
  });

  it('has mean H_out·W_out 216.31 over its 13 conv layers (paper §6)', () => {
    // by hand: (2·32² + 2·16² + 3·8² + 3·4² + 3·2²) / 13 = 2812 / 13
    const s = summarize(net!, []);
    expect(Math.abs(s.meanReuse - 216.31)).toBeLessThanOrEqual(0.01);
    expect(s.meanReuse).toBeCloseTo(2812 / 13, 10);
  });

  it('counts 37,748,736 synapses in conv1_2 (64→64, 3×3, 32×32)', () => {
    const c = net!.layers.find((l) => l.name === 'conv1_2')!.counts!;
    expect(c.synapses).toBe(37_748_736);
    expect(c.weights).toBe(64 * 64 * 9);
    expect(c.neurons).toBe(64 * 32 * 32);
    expect(c.fanIn).toBe(576);
    expect(c.reuse).toBe(1024);
  });

  it('counts 313,201,664 MACs in all, like a PyTorch forward-hook counter on VGG-16-BN at 32×32 (onnx-notes.md)', () => {
    const total = net!.layers.reduce((s, l) => s + (l.counts?.synapses ?? 0), 0);
    expect(total).toBe(313_201_664);
  });
});
