import { withheldText } from '../core/analysis/coverage';
import { architectureView } from '../core/analysis/view';
import { breakEvenText } from '../core/report/describe';
import { count, joules, percent, times } from '../core/units';
import type { OnnxModelView } from '../shared/protocol';
import type { LayerKind } from '../core/model/ir';
import type { RateOrigin } from '../core/analysis/types';
import type { StoredModel } from './model-store';

/** Layers that only move or relabel data: listed, collapsed by default. */
const PLUMBING: ReadonlySet<LayerKind> = new Set(['reshape', 'flatten', 'dropout']);
const ORIGIN: Record<RateOrigin, string> = {
  declared: 'declared',
  sparsity: 'declared (sparsity)',
  measured: 'measured by the simulator',
  default: 'default (snnEnergy.defaultSpikeRate)',
  analog: 'analog input',
  none: 'none',
};

/** The ONNX view's data for a stored model on the selected architecture (no vscode: built in the model worker). */
export function onnxView(e: StoredModel, file: string, selected: string): OnnxModelView {
  const a = e.analysis;
  const { architecture: arch, findings } = architectureView(a, selected)!;
  const m = e.onnx!.model;
  const withheld = a.verdictWithheld;
  const verdictRows: [string, string][] = withheld
    ? [['Verdict', `none: ${withheldText(a.coverage)}`]]
    : [
        [
          `QNN / SNN on ${arch.id}`,
          `${joules(arch.qnnEnergyJ)} / ${joules(arch.snnEnergyJ)} (SNN/QNN ${times(arch.ratio)})`,
        ],
        [
          'Model break-even spike rate',
          `${breakEvenText(arch.breakEven)}${arch.breakEvenSpikeRate !== null ? ` (sparsity ≥ ${percent(1 - arch.breakEvenSpikeRate)})` : ''}`,
        ],
      ];
  return {
    file,
    architecture: arch.name,
    summary: [
      ['Graph', m.graph.name || '(unnamed)'],
      ['Producer', `${m.producerName} ${m.producerVersion}`.trim() || '–'],
      ['IR / opset', `${m.irVersion} / ${[...m.opsets].map(([d, v]) => `${d || 'ai.onnx'} ${v}`).join(', ')}`],
      ['Nodes / initializers', `${m.graph.nodes.length} / ${m.graph.initializers.length}`],
      ['Input', `[${e.network.inputShape.join(', ')}] per sample`],
      ['MACs / weights', `${count(a.model.synapses)} / ${count(a.model.weights)}`],
      ['Timesteps', `${a.settings.timesteps} (QNN twin: ${a.settings.activationBits}-bit activations)`],
      ['Coverage', a.coverage.text],
      ...(a.coverage.batchRule ? [['Batch', a.coverage.batchRule] as [string, string]] : []),
      ...verdictRows,
    ],
    problems: findings.filter((f) => !f.layer).map((f) => ({ severity: f.severity, message: f.message })),
    rows: e.network.layers
      .filter((l) => l.kind !== 'input')
      .map((l) => {
        const r = withheld ? undefined : arch.layers.find((x) => x.name === l.name);
        const rate = r?.inputSpikeRate;
        return {
          name: l.name,
          op: l.op,
          shape: l.outputShape ? `[${l.outputShape.join(', ')}]` : '?',
          macs: l.counts ? count(l.counts.synapses) : l.notCosted ? 'not costed' : '',
          ratio: r ? times(r.ratio) : '',
          breakEven: r ? breakEvenText(r.breakEven) : '',
          verdict: r ? r.cheaperAs : 'none',
          plumbing: PLUMBING.has(l.kind),
          rate: !r ? '' : rate === undefined ? 'analog' : percent(rate, 2),
          rateOrigin: !r ? '' : rate === undefined ? 'the image itself' : ORIGIN[r.inputSpikeRateOrigin],
          sort: {
            macs: l.counts?.synapses ?? NaN,
            ratio: r?.ratio ?? NaN,
            breakEven: r?.breakEvenSpikeRate ?? NaN,
            rate: rate ?? NaN,
          },
          findings: findings
            .filter((f) => f.layer === l.name)
            .map((f) => ({ severity: f.severity, code: f.code, message: f.message })),
        };
      }),
  };
}
