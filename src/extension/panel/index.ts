import * as vscode from 'vscode';
import type { PanelHostToWebview, PanelWebviewToHost } from '../../shared/protocol';
import type { AnalysisHub, ModelAnalysis } from '../api';
import { Command, VIEW } from '../commands';
import { currentSettings } from '../settings';
import { webviewHtml, webviewOptions } from '../webview-html';
import { panelData } from './panel-data';

export interface PanelHost extends AnalysisHub {
  readonly architectures: readonly import('../../core/energy/architecture').Architecture[];
}

/**
 * The comparison panel: every architecture side by side for the active model. It only reads the hub
 * and posts typed messages; it decides nothing.
 */
export function registerComparisonPanel(context: vscode.ExtensionContext, hub: PanelHost): vscode.Disposable {
  let panel: vscode.WebviewPanel | undefined;
  let pendingLayer: string | undefined;
  let model: ModelAnalysis | undefined;

  const post = (m: PanelHostToWebview) => void panel?.webview.postMessage(m);
  const send = () => {
    model = hub.current ?? model;
    if (!panel) return;
    if (!model) {
      post({ type: 'empty', message: 'Open a layer spec (*.layers.json) or an ONNX model to compare architectures.' });
      return;
    }
    const s = currentSettings();
    const arch = hub.architectures.find((a) => a.id === model!.selectedArchitecture);
    const data = panelData(
      vscode.workspace.asRelativePath(model.uri),
      model.network,
      model.analysis,
      model.selectedArchitecture,
      arch,
      {
        timesteps: s.timesteps ?? undefined,
        weightBits: s.weightBits ?? undefined,
        defaultSpikeRate: s.defaultSpikeRate,
        view: s.view,
        nearMargin: s.breakEvenMargin,
      },
    );
    post({ type: 'update', data });
    if (pendingLayer) post({ type: 'focusLayer', layer: pendingLayer });
    pendingLayer = undefined;
  };

  const attach = (p: vscode.WebviewPanel) => {
    panel = p;
    p.webview.options = webviewOptions(context.extensionUri);
    p.webview.html = webviewHtml(p.webview, context.extensionUri, 'panel.js', 'panel.css', 'SNN energy comparison');
    const subs = [
      p.webview.onDidReceiveMessage((m: PanelWebviewToHost) => {
        switch (m.type) {
          case 'ready':
            send();
            return;
          case 'reveal':
            if (model) void hub.revealLayer(model.uri, m.layer);
            return;
          case 'selectArchitecture':
            void hub.selectArchitecture(m.id);
            return;
        }
      }),
      hub.onDidChange(() => send()),
    ];
    p.onDidDispose(() => {
      subs.forEach((s) => s.dispose());
      panel = undefined;
    });
  };

  const open = (layer?: unknown) => {
    pendingLayer = typeof layer === 'string' ? layer : undefined;
    if (panel) {
      panel.reveal(vscode.ViewColumn.Beside, true);
      send();
      return;
    }
    attach(
      vscode.window.createWebviewPanel(
        VIEW.comparisonPanel,
        'SNN Energy: Comparison',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { ...webviewOptions(context.extensionUri), retainContextWhenHidden: true },
      ),
    );
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Command.OpenComparison, open),
    vscode.window.registerWebviewPanelSerializer(VIEW.comparisonPanel, {
      deserializeWebviewPanel: async (p) => attach(p),
    }),
  );
}
