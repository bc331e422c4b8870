import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArchitecture } from '../../../src/core/energy/validate-architecture';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';

const dir = new URL('../../../data/architectures/', import.meta.url);

describe('built-in architecture documents', () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.arch.json')))
    it(`${f} validates against schemas/architecture.schema.json and cites every source`, () => {
      const r = parseArchitecture(readFileSync(new URL(f, dir), 'utf8'));
      expect(r.problems).toEqual([]);
      expect(r.value!.length).toBeGreaterThan(0);
    });

  it("are listed with the paper's three architectures and the neuromorphic movement settings", () => {
    expect(BUILTIN_ARCHITECTURES.map((a) => a.id)).toEqual([
      'memory-hierarchy',
      'spatial-dataflow',
      'neuromorphic',
      'neuromorphic:theoretical-minimum',
      'neuromorphic:worst-case-sparse',
    ]);
  });
});

describe('user architecture documents', () => {
  it('report a component whose source is not listed, at the source value', () => {
    const text = JSON.stringify({
      id: 'mine',
      version: '1.0.0',
      name: 'Mine',
      description: '',
      sources: { a: 'A paper' },
      parameters: {},
      qnn: { synapticOp: { components: [{ label: 'mac', kind: 'compute', pJ: 0.2, source: 'a' }] } },
      snn: { synapticOp: { components: [{ label: 'acc', kind: 'compute', pJ: 0.1, source: 'b' }] } },
    });
    const r = parseArchitecture(text);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toBe('source "b" is not listed in "sources": add it there with a citation');
    expect(text.slice(r.problems[0].range!.start, r.problems[0].range!.end)).toBe('"b"');
  });

  it('report a syntax error without throwing', () => {
    const r = parseArchitecture('{ "id": ');
    expect(r.value).toBeUndefined();
    expect(r.problems[0].code).toBe('invalid-architecture');
  });

  it('become selectable architectures with their variants', () => {
    const text = JSON.stringify({
      id: 'mine',
      version: '1.0.0',
      name: 'Mine',
      description: 'd',
      sources: { a: 'A' },
      parameters: {},
      qnn: { synapticOp: { components: [{ label: 'mac', kind: 'compute', pJ: 0.2, source: 'a' }] } },
      snn: { synapticOp: { components: [{ label: 'acc', kind: 'compute', pJ: 0.1, source: 'a' }] } },
      variants: { cold: { name: 'Mine, cold' } },
    });
    expect(parseArchitecture(text).value!.map((a) => a.id)).toEqual(['mine', 'mine:cold']);
  });
});
