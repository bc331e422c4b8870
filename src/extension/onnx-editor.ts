import * as vscode from 'vscode';
import type { OnnxHostToWebview, OnnxWebviewToHost } from '../shared/protocol';
import type { ModelEntry, ModelService } from './model-service';
import { Command } from './commands';
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
    /** Each send asks the worker for the view's message (JSON); only the newest answer is posted. */
    let sends = 0;
    const send = async (e: ModelEntry | undefined) => {
      const n = ++sends;
      const bytes =
        e &&
        (await this.models.value({
          type: 'onnxView',
          key: uri.toString(),
          file: uri.fsPath,
          selected: this.models.selectedArchitecture,
        }));
      if (n !== sends) return;
      post(
        bytes
          ? { type: 'encoded', bytes }
          : { type: 'error', message: `${uri.fsPath}: not readable as an ONNX model (see the Problems panel)` },
      );
    };
    const subs = [
      panel.webview.onDidReceiveMessage((m: OnnxWebviewToHost) => {
        switch (m.type) {
          case 'ready':
            void send(this.models.entry(uri));
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
        if (e && e.uri.toString() === uri.toString()) void send(this.models.entry(uri));
      }),
      panel.onDidChangeViewState(() => panel.active && this.models.setActive(uri)),
    ];
    panel.onDidDispose(() => subs.forEach((s) => s.dispose()));
    const entry = await this.models.lintOnnx(uri);
    this.models.setActive(uri);
    await send(entry);
  }
}
