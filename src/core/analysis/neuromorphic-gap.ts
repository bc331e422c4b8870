import type { Architecture } from '../energy/architecture';
import { perSynapse } from './per-synapse';

/** The paper's published neuromorphic break-even points (energy-model.md §6, v2–v4), fan-in 4096. */
export const PAPER_POINTS: readonly {
  readonly T: number;
  readonly weightBits: number;
  readonly rate: number;
  readonly source: string;
}[] = [
  { T: 5, weightBits: 4, rate: 0.057, source: 'v4 headline' },
  { T: 1, weightBits: 8, rate: 0.297, source: 'v4 trend' },
  { T: 3, weightBits: 8, rate: 0.082, source: 'v4 trend' },
  { T: 2, weightBits: 4, rate: 0.104, source: 'v4 trend' },
  { T: 2, weightBits: 8, rate: 0.123, source: 'v4 trend' },
];

/** Our break-even spike rate at each published point, and the gap. */
export function neuromorphicGap(arch: Architecture, fanIn = 4096) {
  return PAPER_POINTS.map((p) => {
    const b = perSynapse(arch, { timesteps: p.T, reuse: 1, fanIn, weightBits: p.weightBits }).breakEven();
    const ours = b.kind === 'rate' ? b.rate : NaN;
    return { ...p, ours, gap: ours - p.rate, relative: (ours - p.rate) / p.rate };
  });
}
