// The neuromorphic preset against the paper's published break-even points. Its unpublished constants
// were fitted (docs/energy-model.md); these bounds are the documented gaps, so a change that widens them fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../../../src/core/energy/builtins';
import { neuromorphicGap } from '../../../src/core/analysis/neuromorphic-gap';
import { perSynapse } from '../../../src/core/analysis/per-synapse';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { analyze } from '../../../src/core/analysis/analyze';

const arch = findBuiltin('neuromorphic')!;

describe('neuromorphic preset vs arXiv 2409.08290 v2–v4', () => {
  const rows = neuromorphicGap(arch);
  it.each(rows.map((r) => [r.T, r.weightBits, r.rate, r]))(
    'T=%i, %i-bit weights: paper %f, ours within 2.2 percentage points',
    (_T, _w, _p, r) => {
      expect(Math.abs((r as (typeof rows)[number]).gap)).toBeLessThanOrEqual(0.022);
    },
  );

  it('keeps the RMS gap at or under 1.7 percentage points', () => {
    expect(Math.sqrt(rows.reduce((s, r) => s + r.gap ** 2, 0) / rows.length)).toBeLessThanOrEqual(0.017);
  });

  it("follows the paper's trends: s* falls with T and rises with weight bits at T = 2", () => {
    const at = (T: number, w: number) => rows.find((r) => r.T === T && r.weightBits === w)!.ours;
    expect(at(1, 8)).toBeGreaterThan(at(2, 8));
    expect(at(2, 8)).toBeGreaterThan(at(3, 8));
    expect(at(2, 8)).toBeGreaterThan(at(2, 4));
  });

  it('meets v2/v3: break-even below 6.4% for T from 5 to 10', () => {
    for (let T = 5; T <= 10; T++) {
      const b = perSynapse(arch, { timesteps: T, reuse: 1, fanIn: 4096, weightBits: 4 }).breakEven();
      expect(b.kind === 'rate' && b.rate < 0.064, `T=${T}`).toBe(true);
    }
  });

  it('asks VGG-16 at T = 6 for more than 93% sparsity, like the paper says of most architectures', () => {
    const text = readFileSync(new URL('../../../examples/vgg16-cifar10.layers.json', import.meta.url), 'utf8');
    const a = analyze(parseLayerSpec(text).value!, [arch], {
      defaultSpikeRate: 0.1,
      view: 'per-layer',
      nearMargin: 0.1,
    });
    expect(a.architectures[0].breakEvenSpikeRate!).toBeLessThan(0.07);
  });
});
