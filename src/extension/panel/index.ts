import * as vscode from 'vscode';
import type { PanelHostToWebview, PanelWebviewToHost } from '../../shared/protocol';
import type { AnalysisHub, ModelAnalysis } from './contract';
import { Command, VIEW } from '../commands';
import { webviewHtml, webviewOptions } from '../webview-html';
import { panelData } from './panel-data';
import { withheldText } from '../../core/analysis/coverage';

const TITLE = 'SNN Energy: Comparison';
const EMPTY = 'Open a layer spec (*.layers.json) or an ONNX model to compare its SNN with its QNN twin.';

/**
 * The comparison panel: every architecture side by side for the active model. It reads the hub and
 * posts typed messages; it decides nothing. One panel at a time; it survives a reload (serializer).
 */
export function registerComparisonPanel(context: vscode.ExtensionContext, hub: AnalysisHub): vscode.Disposable {
  let panel: vscode.WebviewPanel | undefined;
  let pendingLayer: string | undefined;

  const post = (m: PanelHostToWebview) => void panel?.webview.postMessage(m);
  const send = (model: ModelAnalysis | undefined = hub.current) => {
    // a hidden webview is not running; it asks again ('ready') when it is shown
    if (!panel?.visible) return;
    if (!model) {
      post({ type: 'empty', message: EMPTY });
      return;
    }
    panel.title = `${TITLE} · ${model.analysis.model.name}`;
    if (model.analysis.verdictWithheld) {
      // an incomplete model (or a spec with errors) gets no verdict: what is wrong, and where
      post({ type: 'empty', message: incompleteMessage(model) });
      return;
    }
    post({ type: 'update', data: dataOf(model) });
    if (pendingLayer !== undefined) post({ type: 'focusLayer', layer: pendingLayer });
    pendingLayer = undefined;
  };

  const onMessage = (m: PanelWebviewToHost) => {
    switch (m.type) {
      case 'ready':
        return send();
      case 'reveal': {
        const model = hub.current;
        if (model) void hub.revealLayer(model.uri, m.layer);
        return;
      }
      case 'selectArchitecture':
        void hub.selectArchitecture(m.id);
        return;
      case 'exportReport':
        void vscode.commands.executeCommand(Command.ExportReport);
        return;
      default:
        return assertNever(m);
    }
  };

  const attach = (p: vscode.WebviewPanel) => {
    panel = p;
    p.webview.options = webviewOptions(context.extensionUri);
    p.webview.html = webviewHtml(p.webview, context.extensionUri, 'panel.js', 'panel.css', TITLE);
    const subs = [p.webview.onDidReceiveMessage(onMessage), hub.onDidChange((m) => send(m ?? hub.current))];
    p.onDidDispose(() => {
      subs.forEach((s) => s.dispose());
      if (panel === p) panel = undefined;
    });
  };

  /** `snnEnergy.openComparison [layer]`: open (or show) the panel, at that layer when given. */
  const open = (layer?: unknown) => {
    pendingLayer = typeof layer === 'string' ? layer : undefined;
    if (panel) {
      panel.reveal(undefined, false); // the keyboard goes where the user asked to look
      send();
      return;
    }
    attach(
      vscode.window.createWebviewPanel(
        VIEW.comparisonPanel,
        TITLE,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        webviewOptions(context.extensionUri),
      ),
    );
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Command.OpenComparison, open),
    vscode.window.registerWebviewPanelSerializer(VIEW.comparisonPanel, {
      // the webview restores its own state (getState); it then asks for fresh data
      deserializeWebviewPanel: async (p) => {
        panel?.dispose();
        attach(p);
      },
    }),
    { dispose: () => panel?.dispose() },
  );
}

function incompleteMessage(model: ModelAnalysis): string {
  const c = model.analysis.coverage;
  return `${model.analysis.model.name}: ${withheldText(c)}. No verdict until every node that may carry compute is costed (${c.text}).`;
}

function dataOf(model: ModelAnalysis) {
  return panelData(vscode.workspace.asRelativePath(model.uri), model.analysis, model.selectedArchitecture);
}

function assertNever(m: never): void {
  throw new Error(`unexpected message from the comparison panel: ${JSON.stringify(m)}`);
}
