import { applyEdits } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { setProperty } from '../../../src/core/model/layer-spec/edit';

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
});
