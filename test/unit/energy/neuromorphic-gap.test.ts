// The neuromorphic architecture against every figure arXiv 2409.08290 v4 publishes for it. The paper's values are
// written here from the project's spec (neuromorphic-v4.md), printed to 0.1 pp; each reproduced point must land
// within that rounding (±0.1 pp). T = 1 is a documented gap, pinned so that it cannot widen or vanish silently.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../../../src/core/energy/builtins';
import {
  breakEvenAt,
  crossoverAt,
  denseRatio,
  PAPER_SENSITIVITIES,
  sensitivity,
} from '../../../src/core/analysis/neuromorphic-gap';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { analyze } from '../../../src/core/analysis/analyze';

const arch = findBuiltin('neuromorphic')!;
const PP = 0.001; // 0.1 percentage point

describe('neuromorphic (typical) vs the published break-even spike rates of v4', () => {
  it.each([
    // T, weight bits, fan-in, paper
    [5, 4, 4096, 0.057],
    [3, 8, 4096, 0.082],
    [2, 4, 4096, 0.104],
    [2, 8, 4096, 0.123],
    [5, 4, 64, 0.054],
  ])('T=%i, %i-bit weights, fan-in %i: paper %f, ours within 0.1 pp', (T, w, fanIn, paper) => {
    expect(Math.abs(breakEvenAt(arch, T, w, fanIn) - paper)).toBeLessThanOrEqual(PP);
  });

  it('reproduces the closed form of the reconstruction at T=5, 4-bit weights, fan-in 4096 (hand calculation)', () => {
    // Below Theorem 2's knee E_S − E_Q is affine in s: s* = N(w·eW + b·Ed) − T(Ecmp + 2m·eM), divided by
    // N·T(w·eW + Eev + Eacc) + T·Esub − N·E_MAC·2T/(T+1); N=4096, T=5, b=3, w=4, eW=eM=0.0403, m=8, 1 hop.
    const N = 4096;
    const num = N * (4 * 0.0403 + 3 * 0.25) - 5 * (0.05448 + 2 * 8 * 0.0403);
    const den = N * 5 * (4 * 0.0403 + 3.0 + 0.05448) + 5 * 0.05448 - N * 0.075 * (10 / 6);
    expect(breakEvenAt(arch, 5, 4, 4096)).toBeCloseTo(num / den, 12);
  });

  it('pins the T = 1 gap: ours 17.3% against the published 29.7%, explained in docs/energy-model.md', () => {
    const ours = breakEvenAt(arch, 1, 8, 4096);
    // the spec's reconstruction "gives 17.3% vs 29.7%"
    expect(Math.abs(ours - 0.173)).toBeLessThanOrEqual(PP);
    expect(Math.abs(ours - 0.297 - -0.124)).toBeLessThanOrEqual(PP);
    // why: T·s* rises with b in this family; the paper's T·s* is 0.297 at b = 1 and 2·0.123 = 3·0.082 = 0.246 at b = 2
    expect(1 * ours).toBeLessThan(2 * breakEvenAt(arch, 2, 8, 4096));
    const doc = readFileSync(new URL('../../../docs/energy-model.md', import.meta.url), 'utf8');
    expect(doc).toMatch(/T = 1 is not reproduced/);
    expect(doc).toContain('T·s\\* = 0.297 at b = 1');
    expect(doc).toContain('0.246 at b = 2');
  });

  it("follows the paper's trends: s* falls with T and rises with weight bits at T = 2", () => {
    expect(breakEvenAt(arch, 2, 8, 4096)).toBeGreaterThan(breakEvenAt(arch, 3, 8, 4096));
    expect(breakEvenAt(arch, 2, 8, 4096)).toBeGreaterThan(breakEvenAt(arch, 2, 4, 4096));
    expect(breakEvenAt(arch, 5, 4, 64)).toBeLessThan(breakEvenAt(arch, 5, 4, 4096));
  });

  it('meets v2/v3: break-even below 6.4% for T from 5 to 10', () => {
    for (let T = 5; T <= 10; T++) expect(breakEvenAt(arch, T, 4, 4096), `T=${T}`).toBeLessThan(0.064);
  });
});

describe('sensitivity of the 5.7% point to one parameter at ±50% (v4)', () => {
  const by = (label: string) =>
    sensitivity(
      arch,
      PAPER_SENSITIVITIES.find((s) => s.label.startsWith(label))!,
    );

  it('weight energy: paper 5.39%–6.08%, ours within 0.1 pp at both ends', () => {
    const s = by('weight');
    expect(Math.abs(s.low - 0.0539)).toBeLessThanOrEqual(PP);
    expect(Math.abs(s.high - 0.0608)).toBeLessThanOrEqual(PP);
  });

  it('movement energies (sparse event, dense activations): paper 3.41%–10.80%, ours within 0.1 pp', () => {
    const s = by('movement');
    expect(Math.abs(s.low - 0.0341)).toBeLessThanOrEqual(PP);
    expect(Math.abs(s.high - 0.108)).toBeLessThanOrEqual(PP);
  });

  it('accumulate and MAC energy: paper ≤ 0.05 pp, ours too', () => {
    expect(by('accumulate').maxShift).toBeLessThanOrEqual(0.0005);
    expect(by('MAC').maxShift).toBeLessThanOrEqual(0.0005);
    expect(by('accumulate').maxShift).toBeGreaterThan(0); // it is a sensitivity, not a constant
  });
});

describe('sparse/dense SNN dataflow', () => {
  it('crosses over where a dense delivery costs r sparse ones: (w·0.0403 + 0.25)/(w·0.0403 + 3.0)', () => {
    expect(crossoverAt(arch, 4)).toBeCloseTo((4 * 0.0403 + 0.25) / (4 * 0.0403 + 3), 12);
    expect(crossoverAt(arch, 8)).toBeCloseTo((8 * 0.0403 + 0.25) / (8 * 0.0403 + 3), 12);
  });

  it('lands in the published range "≈ 0.12–0.17" at its printed rounding; 8-bit at 0.17', () => {
    for (const w of [4, 8]) {
      expect(crossoverAt(arch, w)!).toBeGreaterThanOrEqual(0.115);
      expect(crossoverAt(arch, w)!).toBeLessThan(0.175);
    }
    expect(Math.abs(crossoverAt(arch, 8)! - 0.17)).toBeLessThan(0.005);
  });

  it('in the dense regime the SNN/QNN ratio tends to T/⌈log2(T+1)⌉ as movement dominates', () => {
    for (const [T, limit] of [
      [3, 3 / 2],
      [7, 7 / 3],
      [15, 15 / 4],
    ]) {
      const far = Math.abs(denseRatio(arch, T, 8, 100) - limit);
      const near = Math.abs(denseRatio(arch, T, 8, 1e6) - limit);
      expect(near).toBeLessThan(far);
      expect(near).toBeLessThan(1e-4);
    }
  });
});

describe('on a real network', () => {
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
