import type { Analysis, ArchitectureResult, CurvePoint, LayerResult } from '../../core/analysis/types';
import { architectureView } from '../../core/analysis/view';
import { ACTION_LABELS, actionParts } from '../../core/report/actions';
import { breakEvenText } from '../../core/report/describe';
import type { PanelArchitecture, PanelCurvePoint, PanelData, PanelLayer } from '../../shared/protocol';

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Everything the comparison panel shows for one model, from one analysis (pure: no vscode). */
export function panelData(file: string, analysis: Analysis, selected: string): PanelData {
  const sel = architectureView(analysis, selected)?.architecture;
  const curveOf = new Map(sel?.curves.layers.map((c) => [c.name, c.points]));
  return {
    model: {
      name: analysis.model.name,
      file,
      timesteps: analysis.settings.timesteps,
      activationBits: analysis.settings.activationBits,
      weightBits: analysis.settings.weightBits,
      view: analysis.settings.view,
      meanSpikeRate: analysis.model.meanSpikeRate,
    },
    selected: sel?.id ?? selected,
    actionLabels: ACTION_LABELS,
    architectures: analysis.architectures.map(architectureRow),
    layers: (sel?.layers ?? []).map((l) => layerRow(l, curveOf.get(l.name) ?? [])),
    curve: (sel?.curves.model ?? []).map(point),
  };
}

const point = (p: CurvePoint): PanelCurvePoint => ({ x: p.x, qnnJ: p.qnnJ, snnJ: p.snnJ });

function architectureRow(a: ArchitectureResult): PanelArchitecture {
  return {
    id: a.id,
    name: a.name,
    provenance: a.provenance ?? null,
    qnnJ: a.qnnEnergyJ,
    snnJ: a.snnEnergyJ,
    ratio: finite(a.ratio),
    verdict: a.cheaperAs,
    computeOnlyRatio: finite(a.computeOnly.ratio),
    breakEven: breakEvenText(a.breakEven),
    breakEvenRate: a.breakEvenSpikeRate,
    largestBreakEvenT: a.largestBreakEvenT,
    hybrid: {
      declaredJ: a.hybrid.declaredEnergyJ,
      bestJ: a.hybrid.bestEnergyJ,
      bestRatio: finite(a.hybrid.bestRatio),
      qnnLayers: a.hybrid.qnnLayers,
    },
    sweep: a.sweep.map((p) => ({ T: p.timesteps, ratio: finite(p.ratio) })),
  };
}

function layerRow(l: LayerResult, curve: readonly CurvePoint[]): PanelLayer {
  const parts = actionParts(l);
  return {
    name: l.name,
    type: l.type,
    inputRate: l.inputSpikeRate ?? null,
    spikeRate: l.spikeRate,
    rateOrigin: l.inputSpikeRateOrigin,
    breakEven: breakEvenText(l.breakEven),
    breakEvenRate: l.breakEvenSpikeRate,
    ratio: finite(l.ratio),
    qnnJ: l.qnnEnergyJ,
    snnJ: l.snnEnergyJ,
    cheaperAs: l.cheaperAs,
    execution: l.execution,
    qnnParts: parts.qnn,
    snnParts: parts.snn,
    curve: curve.map(point),
  };
}
