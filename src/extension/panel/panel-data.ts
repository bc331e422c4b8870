import type { Analysis } from '../../core/analysis/types';
import type { Architecture } from '../../core/energy/architecture';
import { modelCurve } from '../../core/analysis/curve';
import type { AnalysisOptions } from '../../core/analysis/types';
import type { Network } from '../../core/model/ir';
import { breakEvenText } from '../../core/report/describe';
import type { PanelData } from '../../shared/protocol';

const finite = (x: number) => (Number.isFinite(x) ? x : null);
export const ACTION_LABELS = ['synaptic ops', 'weight fetch', 'neuron updates', 'spikes', 'data movement'];

/** Everything the comparison panel shows, from one analysis (pure: no vscode). */
export function panelData(
  file: string,
  network: Network,
  analysis: Analysis,
  selected: string,
  arch: Architecture | undefined,
  options: AnalysisOptions,
): PanelData {
  const sel = analysis.architectures.find((a) => a.id === selected) ?? analysis.architectures[0];
  const xs = Array.from({ length: 61 }, (_, i) => i * 0.005);
  const curve = arch
    ? modelCurve(network, arch, options, xs).map((p) => ({ x: p.x, ratio: p.qnnJ ? p.snnJ / p.qnnJ : 0 }))
    : [];
  return {
    model: {
      name: analysis.model.name,
      file,
      timesteps: analysis.settings.timesteps,
      activationBits: analysis.settings.activationBits,
      view: analysis.settings.view,
    },
    selected: sel.id,
    actionLabels: ACTION_LABELS,
    architectures: analysis.architectures.map((a) => ({
      id: a.id,
      name: a.name,
      qnnJ: a.qnnEnergyJ,
      snnJ: a.snnEnergyJ,
      ratio: finite(a.ratio),
      computeOnlyRatio: finite(a.computeOnly.ratio),
      breakEven: breakEvenText(a.breakEven),
      hybridJ: a.hybrid.bestEnergyJ,
      hybridRatio: finite(a.hybrid.bestRatio),
      qnnLayers: a.hybrid.qnnLayers,
      sweep: a.sweep.map((p) => ({ T: p.timesteps, ratio: finite(p.ratio) })),
    })),
    layers: sel.layers.map((l) => ({
      name: l.name,
      type: l.type,
      inputRate: l.inputSpikeRate ?? null,
      breakEven: breakEvenText(l.breakEven),
      breakEvenRate: l.breakEvenSpikeRate,
      ratio: finite(l.ratio),
      qnnJ: l.qnnEnergyJ,
      snnJ: l.snnEnergyJ,
      cheaperAs: l.cheaperAs,
      qnnParts: [
        l.breakdown.qnn.synapticOp,
        l.breakdown.qnn.weightFetch,
        l.breakdown.qnn.neuronUpdate,
        0,
        l.breakdown.qnn.activationMove,
      ],
      snnParts: [
        l.breakdown.snn.inputOp + l.breakdown.snn.synapticOp,
        l.breakdown.snn.weightFetch,
        l.breakdown.snn.neuronUpdate,
        l.breakdown.snn.outputSpike,
        l.breakdown.snn.spikeMove,
      ],
    })),
    curve,
  };
}
