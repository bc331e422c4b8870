import type { Problem } from '../model/ir';
import type { Analysis } from './types';

const ok = (x: number) => Number.isFinite(x) && x >= 0;

/**
 * The last gate before any output: an analysis whose energies or ratios are NaN, infinite or negative
 * is withheld (no report, hover, panel or SARIF shows it) and this one error says why. Input checks
 * should make this unreachable; it is here so a gap in them never shows as a result.
 */
export function resultFault(a: Analysis): Problem | undefined {
  for (const r of a.architectures) {
    const bad =
      [r.qnnEnergyJ, r.snnEnergyJ, r.ratio, r.hybrid.declaredEnergyJ, r.hybrid.bestEnergyJ, r.hybrid.bestRatio].find(
        (x) => !ok(x),
      ) ?? r.sweep.flatMap((p) => [p.qnnEnergyJ, p.snnEnergyJ, p.ratio]).find((x) => !ok(x));
    const layer = r.layers.find((l) => !ok(l.qnnEnergyJ) || !ok(l.snnEnergyJ) || !ok(l.ratio));
    const rate = r.breakEvenSpikeRate;
    if (bad !== undefined || layer || (rate !== null && !Number.isFinite(rate)))
      return {
        code: 'invalid-result',
        severity: 'error',
        layer: layer?.name,
        message: `the energies on ${r.id}${layer ? ` (layer ${layer.name})` : ''} came out ${bad ?? (layer ? `${layer.qnnEnergyJ} / ${layer.snnEnergyJ} J` : rate)}: the result is withheld; check the model's sizes and the architecture's numbers`,
      };
  }
  return undefined;
}
