import * as vscode from 'vscode';
import type { PanelHostToWebview, PanelWebviewToHost } from '../../shared/protocol';
import type { AnalysisHub, ModelAnalysis } from './contract';
import { Command, VIEW } from '../commands';
import { webviewHtml, webviewOptions } from '../webview-html';

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
  /** Each send asks the worker; only the answer to the newest is posted (never a stale model). */
  let sends = 0;
  const send = async (model: ModelAnalysis | undefined = hub.current) => {
    // a hidden webview is not running; it asks again ('ready') when it is shown
    if (!panel?.visible) return;
    const n = ++sends;
    if (!model) {
      post({ type: 'empty', message: EMPTY });
      return;
    }
    panel.title = `${TITLE} · ${model.digest.name}`;
    // the worker's message as UTF-8 JSON: handed on unread (the host never holds the panel's data)
    const bytes = await hub.panelMessage(model);
    if (n !== sends || !panel) return;
    post(bytes ? { type: 'encoded', bytes } : { type: 'empty', message: EMPTY });
    if (pendingLayer !== undefined) post({ type: 'focusLayer', layer: pendingLayer });
    pendingLayer = undefined;
  };

  const onMessage = (m: PanelWebviewToHost) => {
    switch (m.type) {
      case 'ready':
        return void send();
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
    const subs = [p.webview.onDidReceiveMessage(onMessage), hub.onDidChange((m) => void send(m ?? hub.current))];
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
      void send();
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

function assertNever(m: never): void {
  throw new Error(`unexpected message from the comparison panel: ${JSON.stringify(m)}`);
}
