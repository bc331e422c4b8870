import * as vscode from 'vscode';
import { withheldText } from '../core/analysis/coverage';
import { architectureView } from '../core/analysis/view';
import { breakEvenText } from '../core/report/describe';
import { count, joules, percent, times } from '../core/units';
import type { OnnxHostToWebview, OnnxModelView, OnnxWebviewToHost } from '../shared/protocol';
import type { ModelEntry, ModelService } from './model-service';
import { Command } from './commands';
import type { LayerKind } from '../core/model/ir';
import type { RateOrigin } from '../core/analysis/types';
import { webviewHtml, webviewOptions } from './webview-html';

/** `.onnx` files open read-only in this view: the model summary and a layer table with its findings. */
export class OnnxEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly models: ModelService,
    private readonly extensionUri: vscode.Uri,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    this.models.openedOnnxView(uri);
    return { uri, dispose: () => this.models.closedOnnxView(uri) };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const uri = document.uri;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = webviewHtml(
      panel.webview,
      this.extensionUri,
      'onnx-editor.js',
      'onnx-editor.css',
      'ONNX model',
    );
    const post = (m: OnnxHostToWebview) => void panel.webview.postMessage(m);
    const send = (e: ModelEntry | undefined) =>
      post(
        e
          ? { type: 'model', view: viewOf(e) }
          : { type: 'error', message: `${uri.fsPath}: not readable as an ONNX model (see the Problems panel)` },
      );
    const subs = [
      panel.webview.onDidReceiveMessage((m: OnnxWebviewToHost) => {
        switch (m.type) {
          case 'ready':
            send(this.models.entry(uri));
            return;
          case 'openText':
            void vscode.commands.executeCommand(Command.OpenOnnxAsText, uri);
            return;
          case 'reveal':
            void this.models.revealLayer(uri, m.layer);
            return;
          case 'openComparison':
            this.models.setActive(uri);
            void vscode.commands.executeCommand(Command.OpenComparison);
            return;
        }
      }),
      this.models.onDidChange((e) => {
        if (e && e.uri.toString() === uri.toString()) send(this.models.entry(uri));
      }),
      panel.onDidChangeViewState(() => panel.active && this.models.setActive(uri)),
    ];
    panel.onDidDispose(() => subs.forEach((s) => s.dispose()));
    const entry = await this.models.lintOnnx(uri);
    this.models.setActive(uri);
    send(entry);
  }
}

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

function viewOf(e: ModelEntry): OnnxModelView {
  const a = e.analysis;
  const { architecture: arch, findings } = architectureView(a, e.selectedArchitecture)!;
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
    file: e.uri.fsPath,
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
