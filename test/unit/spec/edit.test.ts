import { applyEdits, modify } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { fixAllEdits, setProperty } from '../../../src/core/model/layer-spec/edit';

const apply = (text: string, path: (string | number)[], v: unknown) => applyEdits(text, setProperty(text, path, v));

describe("spec edits keep the user's layout", () => {
  const spec =
    '{\n  "input": { "shape": [3, 8, 8] },\n  "layers": [\n    { "name": "fc", "type": "linear", "outFeatures": 10 }\n  ]\n}\n';

  it('adds a property to a one-line layer on its line', () => {
    expect(apply(spec, ['layers', 0, 'execution'], 'qnn')).toBe(
      spec.replace('"outFeatures": 10 }', '"outFeatures": 10, "execution": "qnn" }'),
    );
  });

  it('replaces an existing value in place', () => {
    const t = apply(spec, ['layers', 0, 'outFeatures'], 12);
    expect(t).toBe(spec.replace('10', '12'));
  });

  it('inserts a missing top-level "timesteps" before "layers"', () => {
    const t = apply(spec, ['timesteps'], 4);
    expect(t.indexOf('"timesteps": 4')).toBeGreaterThan(t.indexOf('"input"'));
    expect(t.indexOf('"timesteps": 4')).toBeLessThan(t.indexOf('"layers"'));
    expect(JSON.parse(t).timesteps).toBe(4);
  });

  it("adds a property to a multi-line layer as jsonc-parser's modify would, tabs, spaces or a comment after", () => {
    const layer = (indent: string, tail = '') =>
      `{\n${indent}"layers": [\n${indent}${indent}{\n${indent}${indent}${indent}"name": "c1",\n` +
      `${indent}${indent}${indent}"type": "conv2d"${tail}\n${indent}${indent}}\n${indent}]\n}\n`;
    for (const text of [layer('  '), layer('    '), layer('\t'), layer('  ', ' // the first conv')]) {
      const tabs = text.includes('\t');
      const theirs = applyEdits(
        text,
        modify(text, ['layers', 0, 'outChannels'], 8, {
          formattingOptions: { insertSpaces: !tabs, tabSize: tabs ? 1 : 2 },
        }),
      );
      expect(apply(text, ['layers', 0, 'outChannels'], 8), JSON.stringify(text)).toBe(theirs);
    }
  });

  it("a fix-all over many layers gives the text jsonc-parser's modify gives, one fix after another", () => {
    const n = 300;
    const text = `{\n  "layers": [\n${Array.from({ length: n }, (_, i) => `    {\n      "name": "c${i}",\n      "type": "conv2d"\n    }`).join(',\n')}\n  ]\n}\n`;
    const objects = [...text.matchAll(/\{\n {6}"name"/g)].map((m) => m.index!);
    const fixes = objects.map((at) => ({
      title: 'add',
      safe: true,
      insert: { object: at, key: 'outChannels', value: 8 },
    }));
    const all = applyEdits(text, fixAllEdits(text, fixes));
    // the reference: jsonc-parser's own modify, layer by layer from the last (offsets of earlier layers stay put)
    let expected = text;
    for (let i = n - 1; i >= 0; i--)
      expected = applyEdits(
        expected,
        modify(expected, ['layers', i, 'outChannels'], 8, { formattingOptions: { insertSpaces: true, tabSize: 2 } }),
      );
    expect(all).toBe(expected);
    expect(JSON.parse(all).layers.every((l: { outChannels: number }) => l.outChannels === 8)).toBe(true);
  });
});
