// Panel data for the tests: the real pipeline (spec → analysis → panelData) on the bundled VGG-16, and a tiny
// hand-made model whose numbers are easy to read.
import { readFileSync } from 'node:fs';
import { analyze } from '../../../src/core/analysis/analyze';
import type { AnalysisOptions } from '../../../src/core/analysis/types';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { panelData } from '../../../src/extension/panel/panel-data';
import type { PanelArchitecture, PanelData, PanelLayer } from '../../../src/shared/protocol';

export const OPTIONS: AnalysisOptions = { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 };

export function vgg(selected = 'spatial-dataflow', options = OPTIONS) {
  const text = readFileSync(new URL('../../../examples/vgg16-cifar10.layers.json', import.meta.url), 'utf8');
  const net = parseLayerSpec(text).value!;
  const analysis = analyze(net, BUILTIN_ARCHITECTURES, options);
  const data = panelData('vgg16-cifar10.layers.json', analysis, selected);
  return { net, analysis, data };
}

const layer = (name: string, qnnJ: number, snnJ: number, inputRate: number | null = 0.1): PanelLayer => ({
  name,
  type: 'conv2d',
  inputRate,
  spikeRate: 0.1,
  rateOrigin: inputRate === null ? 'analog' : 'declared',
  breakEven: '7.00%',
  breakEvenRate: 0.07,
  ratio: snnJ / qnnJ,
  qnnJ,
  snnJ,
  cheaperAs: snnJ <= qnnJ ? 'snn' : 'qnn',
  execution: 'snn',
  qnnParts: [qnnJ, 0, 0, 0, 0],
  snnParts: [snnJ, 0, 0, 0, 0],
  curve: [
    { x: 0, qnnJ, snnJ: 0 },
    { x: 1, qnnJ, snnJ: 10 * snnJ },
  ],
});

const arch = (id: string, ratio: number): PanelArchitecture => ({
  id,
  name: `${id} architecture`,
  provenance: `${id}: from a hand-made fixture`,
  qnnJ: 1,
  snnJ: ratio,
  ratio,
  verdict: ratio <= 1 ? 'snn' : 'qnn',
  computeOnlyRatio: 0.2,
  breakEven: '7.00%',
  breakEvenRate: 0.07,
  largestBreakEvenT: ratio <= 1 ? 6 : 0,
  hybrid: { declaredJ: ratio, bestJ: 0.5, bestRatio: 0.5, qnnLayers: ['l1'] },
  sweep: [
    { T: 1, ratio: ratio / 2 },
    { T: 2, ratio },
    { T: 3, ratio: null },
  ],
});

export const TINY: PanelData = {
  model: {
    name: 'm',
    file: 'm.layers.json',
    timesteps: 2,
    activationBits: 2,
    weightBits: 8,
    view: 'per-layer',
    meanSpikeRate: 0.1,
  },
  selected: 'b',
  architectures: [arch('a', 1.4), arch('b', 0.8), arch('c', 0.6)],
  layers: [layer('l1', 1, 2, null), layer('l2', 1, 0.5), layer('l3', 1, 1.5)],
  actionLabels: ['synaptic ops', 'weight fetch', 'neuron updates', 'spike output', 'data movement'],
  curve: [
    { x: 0, qnnJ: 2, snnJ: 1 },
    { x: 0.5, qnnJ: 3, snnJ: 4 },
    { x: 1, qnnJ: 3, snnJ: 7 },
  ],
};
