// One bad spec per problem code: every problem is located exactly and says what to write instead.
import { describe, expect, it } from 'vitest';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';

const spec = (layers: string, top = '"input": { "shape": [3, 32, 32] }') => `{ ${top}, "layers": [${layers}] }`;

function only(text: string) {
  const r = parseLayerSpec(text);
  expect(r.problems).toHaveLength(1);
  const p = r.problems[0];
  return { ...p, text: p.range ? text.slice(p.range.start, p.range.end) : undefined };
}

describe('layer-spec problems', () => {
  it('json-syntax: points at the broken token and never throws', () => {
    const r = parseLayerSpec('{ "input": { "shape": [3, 32, 32] }, "layers": [ { "name": "a" "type": "relu" } ] }');
    expect(r.problems[0].code).toBe('json-syntax');
    expect(r.problems[0].range!.start).toBe('{ "input": { "shape": [3, 32, 32] }, "layers": [ { "name": "a" '.length);
  });

  it('unknown-layer-type: on the type value, with the closest type suggested', () => {
    const p = only(spec('{ "name": "c", "type": "conv", "outChannels": 8, "kernel": 3 }'));
    expect(p.code).toBe('unknown-layer-type');
    expect(p.text).toBe('"conv"');
    expect(p.message).toContain('did you mean "conv2d"?');
    expect(p.layer).toBe('c');
  });

  it('missing-field: names the field and shows how to write it', () => {
    const p = only(spec('{ "name": "c", "type": "conv2d", "kernel": 3 }'));
    expect(p.code).toBe('missing-field');
    expect(p.message).toBe('layer "c" needs "outChannels": add "outChannels": 64');
  });

  it('invalid-field: a negative size is refused at its value', () => {
    const p = only(spec('{ "name": "c", "type": "conv2d", "outChannels": -4, "kernel": 3 }'));
    expect(p.code).toBe('invalid-field');
    expect(p.text).toBe('-4');
    expect(p.message).toContain('write a whole number ≥ 1');
  });

  it('invalid-field: an unknown field gets a did-you-mean', () => {
    const p = only(spec('{ "name": "c", "type": "conv2d", "outChannels": 4, "kernel": 3, "spikerate": 0.1 }'));
    expect(p.text).toBe('"spikerate"');
    expect(p.message).toContain('did you mean "spikeRate"?');
  });

  it('rate-out-of-range: a percentage written as 8 is explained', () => {
    const p = only(spec('{ "name": "c", "type": "conv2d", "outChannels": 4, "kernel": 3, "spikeRate": 8 }'));
    expect(p.code).toBe('rate-out-of-range');
    expect(p.text).toBe('8');
    expect(p.message).toContain('a rate of 8% is written 0.08');
  });

  it('shape-mismatch: a linear layer on an image asks for a flatten', () => {
    const p = only(spec('{ "name": "fc", "type": "linear", "outFeatures": 10 }'));
    expect(p.code).toBe('shape-mismatch');
    expect(p.message).toContain('add { "type": "flatten" } before it');
  });

  it('shape-mismatch: a kernel larger than its input', () => {
    const p = only(
      spec('{ "name": "c", "type": "conv2d", "outChannels": 4, "kernel": 7 }', '"input": { "shape": [3, 4, 4] }'),
    );
    expect(p.code).toBe('shape-mismatch');
    expect(p.message).toContain('does not fit its [4, 4] input');
  });

  it('duplicate-layer-name: on the second name', () => {
    const text = spec('{ "name": "r", "type": "relu" }, { "name": "r", "type": "relu" }');
    const p = only(text);
    expect(p.code).toBe('duplicate-layer-name');
    expect(p.range!.start).toBe(text.lastIndexOf('"r"'));
  });

  it('unknown-layer-input: on the unknown name, with a suggestion', () => {
    const p = only(
      spec('{ "name": "conv_a", "type": "relu" }, { "name": "sum", "type": "add", "inputs": ["conv_a", "conv_b"] }'),
    );
    expect(p.code).toBe('unknown-layer-input');
    expect(p.text).toBe('"conv_b"');
    expect(p.message).toContain('did you mean "conv_a"?');
  });

  it('add without inputs says how to name the branches', () => {
    const p = only(spec('{ "name": "sum", "type": "add" }'));
    expect(p.code).toBe('missing-field');
    expect(p.message).toContain('"inputs": ["<layer>", "<layer>"]');
  });

  it('a spec that is not an object gives one problem and no network', () => {
    const r = parseLayerSpec('[1, 2]');
    expect(r.value).toBeUndefined();
    expect(r.problems).toHaveLength(1);
  });

  it('does not cascade: layers after a broken one still parse, consumers of it stay quiet', () => {
    const r = parseLayerSpec(
      spec('{ "name": "c", "type": "conv2d", "kernel": 3 }, { "name": "p", "type": "maxpool2d", "kernel": 2 }'),
    );
    expect(r.problems.map((p) => p.code)).toEqual(['missing-field']);
    expect(r.value!.layers.map((l) => l.name)).toEqual(['input', 'c', 'p']);
  });
});

describe('layer-spec shapes and counts', () => {
  it('handles groups, dilation, rectangular kernels and strides (hand count)', () => {
    const r = parseLayerSpec(
      spec(
        '{ "name": "dw", "type": "conv2d", "outChannels": 6, "kernel": [3, 5], "stride": [2, 1], "padding": [1, 2], "dilation": [1, 2], "groups": 3 }',
      ),
    );
    expect(r.problems).toEqual([]);
    const l = r.value!.layers[1];
    // H: ⌊(32 + 2 − 2 − 1)/2⌋ + 1 = 16; W: ⌊(32 + 4 − 2·4 − 1)/1⌋ + 1 = 28
    expect(l.outputShape).toEqual([6, 16, 28]);
    // weights: (3/3)·3·5·6 = 90; synapses: 90·16·28 = 40320
    expect(l.counts).toMatchObject({ weights: 90, synapses: 40320, neurons: 6 * 16 * 28, fanIn: 15 });
  });

  it('concatenates branches along channels and adds residuals', () => {
    const r = parseLayerSpec(
      spec(
        '{ "name": "a", "type": "conv2d", "outChannels": 4, "kernel": 1 }, { "name": "b", "type": "conv2d", "outChannels": 6, "kernel": 1, "inputs": ["input"] }, ' +
          '{ "name": "cat", "type": "concat", "inputs": ["a", "b"] }, { "name": "c", "type": "conv2d", "outChannels": 10, "kernel": 1 }, { "name": "res", "type": "add", "inputs": ["cat", "c"] }',
      ),
    );
    expect(r.problems).toEqual([]);
    const byName = Object.fromEntries(r.value!.layers.map((l) => [l.name, l]));
    expect(byName.cat.outputShape).toEqual([10, 32, 32]);
    expect(byName.res.outputShape).toEqual([10, 32, 32]);
    expect(byName.res.elements).toBe(10 * 32 * 32);
  });

  it('takes sparsity as 1 − spike rate', () => {
    const r = parseLayerSpec(spec('{ "name": "c", "type": "conv2d", "outChannels": 4, "kernel": 3, "sparsity": 0.9 }'));
    expect(r.value!.layers[1].spikeRate).toBeCloseTo(0.1, 12);
    expect(r.value!.layers[1].spikeRateSource).toBe('sparsity');
  });
});
