import { applyEdits } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { fixAllEdits, fixEdits } from '../../../src/core/model/layer-spec/edit';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';

const spec = (layers: string, top = '"input": { "shape": [3, 8, 8] },') =>
  `{\n  ${top}\n  "layers": [\n${layers}\n  ]\n}\n`;
const problemsOf = (text: string) => parseLayerSpec(text).problems;
const fixOnce = (text: string, code: string) => {
  const p = problemsOf(text).find((x) => x.code === code);
  expect(p?.fix, `${code} has a fix`).toBeDefined();
  return { text: applyEdits(text, fixEdits(text, p!.fix!)), title: p!.fix!.title };
};

describe('every message that proposes a change carries it as a fix', () => {
  it('did you mean a layer type: conv2 → conv2d', () => {
    const t = spec('    { "name": "c", "type": "conv2", "outChannels": 4, "kernel": 3 }');
    const r = fixOnce(t, 'unknown-layer-type');
    expect(r.text).toContain('"type": "conv2d"');
    expect(problemsOf(r.text)).toEqual([]);
  });

  it('did you mean a field: outChanels → outChannels', () => {
    const r = fixOnce(spec('    { "name": "c", "type": "conv2d", "outChanels": 4, "kernel": 3 }'), 'invalid-field');
    expect(r.title).toBe('Rename "outChanels" to "outChannels"');
    expect(problemsOf(r.text)).toEqual([]);
  });

  it('a missing required field gets the example the message names: outFeatures 10', () => {
    const t = spec('    { "name": "f", "type": "flatten" },\n    { "name": "fc", "type": "linear" }');
    const p = problemsOf(t).find((x) => x.code === 'missing-field')!;
    expect(p.message).toContain('add "outFeatures": 10');
    const r = fixOnce(t, 'missing-field');
    expect(JSON.parse(r.text).layers[1]).toEqual({ name: 'fc', type: 'linear', outFeatures: 10 });
    expect(problemsOf(r.text)).toEqual([]);
  });

  it('a missing "input" at the top', () => {
    const r = fixOnce(spec('    { "name": "f", "type": "flatten" }', ''), 'missing-field');
    expect(JSON.parse(r.text).input).toEqual({ shape: [3, 32, 32] });
  });

  it('execution: "QNN" → "qnn"; an input name typo; a percentage written as a rate', () => {
    const t = spec(
      '    { "name": "conv1", "type": "conv2d", "outChannels": 4, "kernel": 3, "spikeRate": 12 },\n' +
        '    { "name": "a", "type": "add", "inputs": ["conv1", "cnv1"], "execution": "QNN" }',
    );
    const problems = problemsOf(t);
    expect(problems.map((p) => p.fix?.title).sort()).toEqual([
      'Change the input to "conv1"',
      'Change to "qnn"',
      'Write spikeRate 12% as 0.12',
    ]);
    const all = applyEdits(
      t,
      fixAllEdits(
        t,
        problems.map((p) => p.fix!),
      ),
    );
    expect(problemsOf(all)).toEqual([]);
    expect(JSON.parse(all).layers[0].spikeRate).toBe(0.12);
  });

  it('a linear layer on an image: insert a flatten before it', () => {
    const t = spec('    { "name": "fc", "type": "linear", "outFeatures": 10 }');
    const r = fixOnce(t, 'shape-mismatch');
    expect(JSON.parse(r.text).layers.map((l: { type: string }) => l.type)).toEqual(['flatten', 'linear']);
    expect(problemsOf(r.text)).toEqual([]);
  });

  it('fix all applies only safe fixes (typos), never an example value', () => {
    const t = spec(
      '    { "name": "c", "type": "conv2", "outChannels": 4, "kernel": 3 },\n    { "name": "fc", "type": "linear" }',
    );
    const all = applyEdits(
      t,
      fixAllEdits(
        t,
        problemsOf(t).flatMap((p) => (p.fix ? [p.fix] : [])),
      ),
    );
    expect(all).toContain('"conv2d"');
    expect(all).not.toContain('outFeatures');
  });
});
