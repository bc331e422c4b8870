// Every number of energy-model.md §6 that concerns the v1 presets, from the paper (arXiv 2409.08290 v1)
// or computed by hand in the test. Nothing here was produced by running this project's code.
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../../../src/core/energy/builtins';
import { perSynapse } from '../../../src/core/analysis/per-synapse';
import { activationBits } from '../../../src/core/energy/theorems';

const mh = findBuiltin('memory-hierarchy')!;
const sd = findBuiltin('spatial-dataflow')!;
const paperVgg = { reuse: 216, fanIn: 2395 };

function sparsityThreshold(arch: typeof mh, T: number): number {
  const b = perSynapse(arch, { timesteps: T, ...paperVgg }).breakEven();
  if (b.kind !== 'rate') throw new Error(`expected a break-even rate, got ${b.kind}`);
  return 1 - b.rate;
}

describe('network-mean break-even (paper v1, R̄ = 216, F̄ = 2395)', () => {
  it.each([
    [6, 0.92417, 0.92509],
    [1, 0.4391, 0.5463],
    [5, 0.9075, 0.9099],
    [10, 0.9562, 0.9554],
    [16, 0.9734, 0.9724],
  ])('at T=%i needs sparsity %f on the memory hierarchy and %f on the spatial dataflow', (T, mem, spatial) => {
    expect(Math.abs(sparsityThreshold(mh, T) - mem)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(sparsityThreshold(sd, T) - spatial)).toBeLessThanOrEqual(1e-4);
  });
});

describe('v1 Table 5: VGG16 at T=6', () => {
  const at = (arch: typeof mh, rate: number) => perSynapse(arch, { timesteps: 6, ...paperVgg }).energies(rate);

  it('has per-synapse energies 45.4554 / 38.6149 pJ (memory hierarchy) and 9.1035 / 7.0828 pJ (spatial) at 94.19% sparsity', () => {
    const m = at(mh, 1 - 0.9419);
    const s = at(sd, 1 - 0.9419);
    // hand calculation: 0.45·80.23 + 2020/216 = 45.4554; 6·0.0581·(64.32 + 0.03/2395) + 2·2020/216·6/7 + 6·64.35/2395 = 38.6149
    expect(Math.abs(m.qnn - (0.45 * 80.23 + 2020 / 216))).toBeLessThan(1e-9);
    expect(Math.abs(m.qnn - 45.4554)).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(m.snn - 38.6149)).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(s.qnn - 9.1035)).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(s.snn - 7.0828)).toBeLessThanOrEqual(1e-3);
  });

  it('gives E_SNN/E_ANN 0.8495 on the memory hierarchy and 0.7780 on the spatial dataflow', () => {
    const m = at(mh, 1 - 0.9419);
    const s = at(sd, 1 - 0.9419);
    expect(Math.abs(m.snn / m.qnn - 0.8495)).toBeLessThanOrEqual(5e-4);
    expect(Math.abs(s.snn / s.qnn - 0.778)).toBeLessThanOrEqual(5e-4);
  });

  it('gives ratios 0.9993 / 1.0110 for the unregularized SNN at spike rate 7.5748%', () => {
    const m = at(mh, 0.075748);
    const s = at(sd, 0.075748);
    expect(Math.abs(m.snn / m.qnn - 0.9993)).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(s.snn / s.qnn - 1.011)).toBeLessThanOrEqual(1e-3);
  });

  it('meets the abstract: 69% of the optimized ANN energy on spatial dataflow at about 94.86% sparsity', () => {
    const s = at(sd, 1 - 0.9486);
    expect(Math.abs(s.snn / s.qnn - 0.69)).toBeLessThanOrEqual(5e-3);
  });
});

describe('Theorem 1: activation bits b = ⌈log2(T+1)⌉', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
    [6, 3],
    [7, 3],
    [8, 4],
    [15, 4],
    [16, 5],
  ])('T=%i → %i bits', (T, b) => expect(activationBits(T)).toBe(b));
});
