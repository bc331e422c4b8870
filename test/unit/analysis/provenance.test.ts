// Every architecture says in one line where its numbers come from, from a field of its own document: the hover,
// the comparison panel and the JSON report carry it, for built-ins and for a user's document alike.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ARCHITECTURES, findBuiltin } from '../../../src/core/energy/builtins';
import { parseArchitecture } from '../../../src/core/energy/validate-architecture';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { analyze } from '../../../src/core/analysis/analyze';
import { layerHover } from '../../../src/core/report/hover';
import { jsonReport } from '../../../src/core/report/json';
import { panelData } from '../../../src/extension/panel/panel-data';

const text = readFileSync(new URL('../../../examples/tiny.layers.json', import.meta.url), 'utf8');
const net = parseLayerSpec(text).value!;
const opts = { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 } as const;

const custom = parseArchitecture(
  JSON.stringify({
    id: 'my-chip',
    version: '1.0.0',
    name: 'My chip',
    description: 'a user document',
    provenance: 'datasheet rev. B, table 4; not validated',
    sources: { ds: 'My chip datasheet rev. B' },
    parameters: {},
    qnn: { synapticOp: { components: [{ label: 'MAC', kind: 'compute', pJ: 1, source: 'ds' }] } },
    snn: { synapticOp: { components: [{ label: 'ACC', kind: 'compute', pJ: 0.2, source: 'ds' }] } },
  }),
);

describe('architecture provenance', () => {
  it('is set on every built-in, and names the v4 reconstruction and its gap on neuromorphic', () => {
    for (const a of BUILTIN_ARCHITECTURES) expect(a.provenance, a.id).toMatch(/arXiv 2409\.08290 v[14]/);
    expect(findBuiltin('neuromorphic')!.provenance).toMatch(/^reconstructed from arXiv 2409\.08290 v4.*0\.1 pp.*T = 1/);
  });

  it('comes from the document: a custom architecture carries its own', () => {
    expect(custom.problems).toEqual([]);
    expect(custom.value![0].provenance).toBe('datasheet rev. B, table 4; not validated');
  });

  const archs = [findBuiltin('neuromorphic')!, custom.value![0]];
  const a = analyze(net, archs, opts);

  it('ends the hover in one line', () => {
    const h = layerHover(a, 'fc1', 'neuromorphic')!;
    expect(h.split('\n').at(-1)).toMatch(/^_neuromorphic: reconstructed from arXiv 2409\.08290 v4.*_$/);
    expect(layerHover(a, 'fc1', 'my-chip')!.split('\n').at(-1)).toBe(
      '_my-chip: datasheet rev. B, table 4; not validated_',
    );
  });

  it('is in the panel data and the JSON report (null when a document has none)', () => {
    const p = panelData('tiny.layers.json', a, 'my-chip');
    expect(p.architectures.map((x) => x.provenance)).toEqual([archs[0].provenance, archs[1].provenance]);
    const bare = { ...archs[1], id: 'bare', provenance: undefined };
    const j = jsonReport(analyze(net, [bare], opts), { source: 'tiny', toolVersion: '0' });
    expect(j.architectures[0].provenance).toBeNull();
  });
});
