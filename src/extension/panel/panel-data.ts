import { energyCurves, type CurvePoint, type EnergyCurves } from '../../core/analysis/curve';
import type { Analysis, AnalysisOptions, ArchitectureResult, LayerResult } from '../../core/analysis/types';
import type { Architecture } from '../../core/energy/architecture';
import type { Network } from '../../core/model/ir';
import { breakEvenText } from '../../core/report/describe';
import type { PanelArchitecture, PanelCurvePoint, PanelData, PanelLayer } from '../../shared/protocol';

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** The breakdown's actions, merged into what a reader tells apart; `qnnParts`/`snnParts` follow this order. */
export const ACTION_LABELS = ['synaptic ops', 'weight fetch', 'neuron updates', 'spike output', 'data movement'];

/**
 * Everything the comparison panel shows for one model, from one analysis (pure: no vscode). `arch` is
 * the selected architecture's definition, for the break-even curves; without it the curves are empty.
 */
export function panelData(
  file: string,
  network: Network,
  analysis: Analysis,
  selected: string,
  arch: Architecture | undefined,
  options: AnalysisOptions,
): PanelData {
  const sel = analysis.architectures.find((a) => a.id === selected) ?? analysis.architectures[0];
  const curves: EnergyCurves =
    arch && arch.id === sel?.id ? energyCurves(network, arch, options) : { model: [], layers: [] };
  const curveOf = new Map(curves.layers.map((c) => [c.name, c.points]));
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
    curve: curves.model.map(point),
  };
}

const point = (p: CurvePoint): PanelCurvePoint => ({ x: p.x, qnnJ: p.qnnJ, snnJ: p.snnJ });

function architectureRow(a: ArchitectureResult): PanelArchitecture {
  return {
    id: a.id,
    name: a.name,
    qnnJ: a.qnnEnergyJ,
    snnJ: a.snnEnergyJ,
    ratio: finite(a.ratio),
    verdict: a.snnEnergyJ <= a.qnnEnergyJ ? 'snn' : 'qnn',
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
  const q = l.breakdown.qnn;
  const s = l.breakdown.snn;
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
    qnnParts: [q.synapticOp + q.elementwise, q.weightFetch, q.neuronUpdate, 0, q.activationMove],
    snnParts: [s.inputOp + s.synapticOp + s.elementwise, s.weightFetch, s.neuronUpdate, s.outputSpike, s.spikeMove],
    curve: curve.map(point),
  };
}
