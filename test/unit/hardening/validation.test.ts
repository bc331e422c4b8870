// Nonsense in specs and ONNX models becomes one located error, never a crash or a number.
import { readFileSync } from 'node:fs';
import { onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analysis/analyze';
import { resultFault } from '../../../src/core/analysis/guard';
import type { Analysis } from '../../../src/core/analysis/types';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';
import type { Problem } from '../../../src/core/model/ir';
import { parseOnnx } from '../../../src/core/model/onnx/to-network';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { parseNpy, writeNpy } from '../../../src/core/sim/npy';
import { parseJsonInputs } from '../../../src/core/sim/inputs';
import { FIXTURES } from '../onnx/samples';
import { formatReport } from '../../../src/core/report/format';
import { layerHover } from '../../../src/core/report/hover';

const spec = (layers: unknown[], input: unknown = { shape: [3, 8, 8] }) =>
  JSON.stringify({ input: { ...(input as object) }, layers }, null, 1);
const errors = (r: { problems: readonly Problem[] }) => r.problems.filter((p) => p.severity === 'error');

describe('layer specs', () => {
  it('layer types "constructor", "__proto__", "toString" are unknown types, located at the type', () => {
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const text = spec([{ name: 'a', type }]);
      const r = parseLayerSpec(text);
      expect(errors(r).map((p) => p.code)).toEqual(['unknown-layer-type']);
      const p = errors(r)[0];
      expect(text.slice(p.range!.start, p.range!.end)).toBe(JSON.stringify(type));
    }
  });

  it('JSON nested 7,000 deep is one located error, not a stack overflow', () => {
    const text = `{"input": {"shape": [3]}, "layers": ${'['.repeat(7000)}${']'.repeat(7000)}}`;
    const r = parseLayerSpec(text);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toMatch(/nested more than 256 levels/);
    expect(r.problems[0].range!.start).toBe(text.indexOf('[[') + 255);
  });

  it('brackets inside strings and comments do not count towards the depth', () => {
    const text = `// ${'['.repeat(500)}\n{"name": "${'{'.repeat(500)}", "input": {"shape": [3]}, "layers": [{"name": "r", "type": "relu"}]}`;
    expect(errors(parseLayerSpec(text))).toEqual([]);
  });

  it('200,000 unnamed layers: one missing-name error per layer, no stack overflow', () => {
    const text = spec(new Array(200_000).fill({ type: 'relu' }), { shape: [3] });
    const r = parseLayerSpec(text);
    expect(errors(r)).toHaveLength(200_000);
    expect(errors(r).every((p) => p.code === 'missing-field')).toBe(true);
  });

  it('sizes whose product overflows 2^53 are one invalid-shape error and no counts', () => {
    // output [2^30, 2^20, 2^20] holds 2^70 elements
    const text = spec([{ name: 'c', type: 'conv2d', outChannels: 2 ** 30, kernel: 1 }], {
      shape: [3, 2 ** 20, 2 ** 20],
    });
    const r = parseLayerSpec(text);
    expect(errors(r).map((p) => p.code)).toEqual(['invalid-shape']);
    expect(errors(r)[0]).toMatchObject({ layer: 'c' });
    expect(r.value!.layers[1].counts).toBeUndefined();
  });

  it('a kernel, stride or channel count above 2^31 - 1 is refused at its value', () => {
    const text = spec([{ name: 'c', type: 'conv2d', outChannels: 4, kernel: 3, stride: 2 ** 31 }]);
    const r = parseLayerSpec(text);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0].message).toBe('"stride" is 2147483648: write a whole number from 1 to 2147483647');
  });

  it('a duplicate key is a warning naming both locations', () => {
    const text = '{\n "input": {"shape": [3]},\n "layers": [{"name": "r", "type": "relu", "type": "linear"}]\n}';
    const r = parseLayerSpec(text);
    const dup = r.problems.filter((p) => p.code === 'duplicate-key');
    expect(dup).toHaveLength(1);
    expect(dup[0].severity).toBe('warning');
    expect(dup[0].message).toBe(
      '"type" is given twice in this object, at line 3, column 27 and at line 3, column 43: the first value is used here, but JSON.parse and Python use the last; delete one',
    );
    expect(text.slice(dup[0].range!.start, dup[0].range!.end)).toBe('"type"');
    // the same key in different objects is fine
    expect(
      parseLayerSpec(
        spec([
          { name: 'a', type: 'relu' },
          { name: 'b', type: 'relu' },
        ]),
      ).problems,
    ).toEqual([]);
  });
});

/** cnn_bn.onnx with one change. */
function cnn(change: (m: onnx.ModelProto) => void, dims?: Record<string, number>) {
  const m = onnx.ModelProto.decode(readFileSync(FIXTURES + 'cnn_bn.onnx'));
  change(m);
  return parseOnnx(bufferSource(onnx.ModelProto.encode(m).finish()), { name: 'cnn', ...(dims ? { dims } : {}) });
}
const attr = (m: onnx.ModelProto, node: number, name: string) =>
  m.graph!.node![node].attribute!.find((a) => a.name === name)!;

describe('ONNX models', () => {
  it('the unchanged fixture has no errors (the baseline of the cases below)', () => {
    expect(errors(cnn(() => {}))).toEqual([]);
  });

  it.each([
    ['stride 0', (m: onnx.ModelProto) => (attr(m, 0, 'strides').ints = [0, 1]), '"strides" holds 0'],
    [
      'pads of the wrong length',
      (m: onnx.ModelProto) => (attr(m, 0, 'pads').ints = [1, 1]),
      '"pads" has 2 values where 4 are needed',
    ],
    ['a negative pad', (m: onnx.ModelProto) => (attr(m, 3, 'pads').ints = [1, -5, 1, 1]), '"pads" holds -5'],
    ['dilation 0', (m: onnx.ModelProto) => (attr(m, 0, 'dilations').ints = [1, 0]), '"dilations" holds 0'],
    ['kernel -3', (m: onnx.ModelProto) => (attr(m, 2, 'kernel_shape').ints = [-3, 2]), '"kernel_shape" holds -3'],
    ['group 0', (m: onnx.ModelProto) => (attr(m, 0, 'group').i = 0), '"group" is 0'],
  ])('%s is one located invalid-shape error', (_, change, text) => {
    const r = cnn(change);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({ code: 'invalid-shape', severity: 'error' });
    expect(errors(r)[0].message).toContain(text);
    expect(errors(r)[0].layer).toBeDefined();
  });

  it('negative, zero and overflowing input dims are one error, on the input', () => {
    for (const d of [-4, 0, 2 ** 52]) {
      const r = cnn((m) => (m.graph!.input![0].type!.tensorType!.shape!.dim![2].dimValue = d));
      expect(errors(r), String(d)).toHaveLength(1);
      expect(errors(r)[0]).toMatchObject({ code: 'invalid-shape', layer: 'input' });
    }
  });

  it('op types and input names like constructor / toString / __proto__ never throw', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf']) {
      const r = cnn((m) => {
        m.graph!.node![1].opType = name;
        m.graph!.node![4].input![0] = name;
        m.graph!.input![0].name = name;
        m.graph!.node![0].input![0] = name;
      });
      expect(r.value).toBeDefined();
      expect(r.problems.some((p) => p.code === 'unmodelled-op' && p.message.startsWith(`${name} `))).toBe(true);
    }
  });

  it('an input name with a Markdown link stays text in the Markdown report and the hover (the batch rule names it)', () => {
    // found by `npm run bench -- fuzz`: the batch rule ("batch = axis 0 of input …") quoted the name raw
    const name = '[link](command:workbench.action.files.delete)';
    const r = cnn((m) => {
      m.graph!.input![0].name = name;
      m.graph!.node![0].input![0] = name;
    });
    const a = analyze(r.value!.network, BUILTIN_ARCHITECTURES, {
      defaultSpikeRate: 0.1,
      view: 'per-layer',
      nearMargin: 0.1,
    });
    expect(a.coverage.batchRule).toContain(name);
    const md = formatReport(a, r.value!.network, 'markdown', { source: 'x', toolVersion: '0' });
    expect(md).toContain('\\[link\\](command:workbench.action.files.delete)');
    expect(md).not.toMatch(/(^|[^\\])\[link\]\(/);
    const arch = a.architectures.find((x) => x.id === 'spatial-dataflow')!;
    const hover = layerHover(a, arch.layers.find((l) => l.synapses > 0)!.name, arch.id)!;
    expect(hover).not.toMatch(/(^|[^\\])\[link\]\(/);
  });

  it('a --dim or --input-shape named like an Object.prototype member binds only when given', () => {
    const named = (m: onnx.ModelProto) =>
      (m.graph!.input![0].type!.tensorType!.shape!.dim![0].dimParam = 'constructor');
    // not given: an unbound, non-batch-like symbol is unknown (never Object.prototype.constructor), no throw
    const unbound = cnn(named);
    expect(errors(unbound)).toEqual([]);
    expect(unbound.value!.network.inputShape).toEqual([]);
    // given: it binds like any other name
    const bound = cnn(named, JSON.parse('{"constructor": 1}') as Record<string, number>);
    expect(errors(bound)).toEqual([]);
    expect(bound.value!.network.inputShape).toEqual([3, 16, 16]);
  });
});

describe('the final guard', () => {
  const tiny = parseLayerSpec(
    readFileSync(new URL('../../../examples/tiny.layers.json', import.meta.url), 'utf8'),
  ).value!;
  const a = analyze(tiny, BUILTIN_ARCHITECTURES, { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 });

  it('passes a real analysis', () => expect(resultFault(a)).toBeUndefined());

  it('withholds NaN, Infinity and negative energies', () => {
    const arch = a.architectures[1];
    for (const bad of [NaN, Infinity, -1e-12]) {
      const broken: Analysis = { ...a, architectures: [{ ...arch, snnEnergyJ: bad }] };
      expect(resultFault(broken)).toMatchObject({ code: 'invalid-result', severity: 'error' });
    }
    const layer = { ...arch.layers[0], qnnEnergyJ: NaN, name: 'conv1', ratio: 1, snnEnergyJ: 1 };
    const f = resultFault({ ...a, architectures: [{ ...arch, layers: [layer] }] });
    expect(f).toMatchObject({ layer: 'conv1' });
  });
});

describe('simulator inputs', () => {
  it('.npy with zero samples or non-finite values is refused', () => {
    expect(parseNpy(writeNpy([0, 4], new Float32Array()))).toEqual({
      error: '.npy array has shape (0, 4): no samples to simulate',
    });
    expect(parseNpy(writeNpy([1, 3], Float32Array.from([0, NaN, 1])))).toEqual({
      error: '.npy value 1 is NaN: inputs must be finite numbers',
    });
    expect(parseNpy(writeNpy([1, 2], Float32Array.from([Infinity, 1])))).toMatchObject({
      error: /value 0 is Infinity/,
    });
  });

  it('JSON inputs: zero samples and nesting deeper than 4 are refused without recursion', () => {
    expect(parseJsonInputs('[]')).toMatchObject({ error: /no samples/ });
    expect(parseJsonInputs('['.repeat(5000) + ']'.repeat(5000))).toMatchObject({ error: /nests deeper/ });
  });
});
