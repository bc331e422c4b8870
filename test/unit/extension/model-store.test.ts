// The editor's model store, without VS Code: parsed once, re-analyzed from the stored network when
// spike rates are measured or settings change, and the selected architecture picked from the analysis.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { architectureView } from '../../../src/core/analysis/view';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';
import { ModelStore } from '../../../src/extension/model-store';

const VGG = readFileSync(new URL('../../../examples/vgg16-cifar10.layers.json', import.meta.url), 'utf8');
const OPTIONS = { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 } as const;
const KEY = 'file:///w/vgg16-cifar10.layers.json';
// no name, no declared rates: the file names the model, and measured rates apply
const TINY = `{ "input": { "shape": [100] }, "layers": [
  { "name": "a", "type": "linear", "outFeatures": 50 },
  { "name": "b", "type": "linear", "outFeatures": 10 } ] }`;

describe('the model store', () => {
  it('parses a spec and names an unnamed model after its file', () => {
    const store = new ModelStore({ architectures: BUILTIN_ARCHITECTURES, options: OPTIONS });
    expect(store.putSpec('file:///w/tiny.layers.json', '/w/tiny.layers.json', TINY).model!.analysis.model.name).toBe(
      'tiny',
    );
    const m = store.putSpec(KEY, '/w/vgg16-cifar10.layers.json', VGG).model!;
    expect(m.analysis.architectures.map((a) => a.id)).toEqual(BUILTIN_ARCHITECTURES.map((a) => a.id));
    expect(store.get(KEY)).toBe(m);
  });

  it('keeps the problems of a spec it cannot parse, and no model', () => {
    const store = new ModelStore({ architectures: BUILTIN_ARCHITECTURES, options: OPTIONS });
    const r = store.putSpec(KEY, '/w/x.layers.json', '[1, 2');
    expect(r.model).toBeUndefined();
    expect(r.model ? [] : r.problems.map((p) => p.code)).toContain('json-syntax');
    expect(store.get(KEY)).toBeUndefined();
  });

  it('applies measured rates to the stored network without re-parsing it', () => {
    const store = new ModelStore({ architectures: BUILTIN_ARCHITECTURES, options: OPTIONS });
    const before = store.putSpec(KEY, '/w/tiny.layers.json', TINY).model!;
    const after = store.applyMeasured(KEY, new Map([['a', { spikeRate: 0.5 }]]))!.model!;
    expect(after.network).toBe(before.network); // the same parsed network
    expect(after.version).toBeGreaterThan(before.version);
    const l = (m: typeof after) => m.analysis.architectures[0].layers.find((x) => x.name === 'b')!;
    expect(l(before).inputSpikeRate).not.toBe(0.5);
    expect(l(after).inputSpikeRate).toBe(0.5);
    expect(l(after).inputSpikeRateOrigin).toBe('measured');
  });

  it('re-analyzes every stored network when the settings change, without re-parsing', () => {
    const store = new ModelStore({ architectures: BUILTIN_ARCHITECTURES, options: OPTIONS });
    const before = store.putSpec(KEY, '/w/vgg16-cifar10.layers.json', VGG).model!;
    const [after] = store.setInputs({
      architectures: BUILTIN_ARCHITECTURES.slice(0, 1),
      options: { ...OPTIONS, timesteps: 4 },
    });
    expect(after.model!.network).toBe(before.network);
    expect(after.model!.analysis.settings.timesteps).toBe(4);
    expect(after.model!.analysis.architectures).toHaveLength(1);
  });

  it('picks an architecture as a view of the stored analysis: its result and only its findings', () => {
    const store = new ModelStore({ architectures: BUILTIN_ARCHITECTURES, options: OPTIONS });
    const a = store.putSpec(KEY, '/w/vgg16-cifar10.layers.json', VGG).model!.analysis;
    for (const arch of a.architectures) {
      const v = architectureView(a, arch.id)!;
      expect(v.architecture).toBe(arch);
      expect(v.findings.every((f) => f.architecture === undefined || f.architecture === arch.id)).toBe(true);
      expect(v.findings.length).toBe(a.findings.filter((f) => !f.architecture || f.architecture === arch.id).length);
    }
    expect(architectureView(a, 'no-such-chip')!.architecture).toBe(a.architectures[0]);
  });
});
