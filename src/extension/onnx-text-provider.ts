import * as vscode from 'vscode';
import type { ModelService } from './model-service';
import { fileOfTextView } from './onnx-uri';

/** The read-only `snn-energy-onnx:` documents: an ONNX model in ONNX's textual syntax. */
export class OnnxTextProvider implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly models: ModelService) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = fileOfTextView(uri);
    if (!this.models.entry(file)) await this.models.lintOnnx(file);
    const text = await this.models.value({ type: 'onnxText', key: file.toString() });
    return text ?? `# ${file.fsPath}: not readable as an ONNX model (see the Problems panel)\n`;
  }

  refresh(uri: vscode.Uri): void {
    this.emitter.fire(uri);
  }
}
