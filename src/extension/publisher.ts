import * as vscode from 'vscode';
import { isOnnxFile, textViewUri } from './onnx-uri';
import { toDiagnostic } from './to-diagnostic';
import type { PlainDiagnostic, PlainRange, PutResult } from './worker/protocol';

const TOP = new vscode.Range(0, 0, 0, 0);
/**
 * Diagnostics from the model worker's plain data (the selected architecture's findings, capped and ordered
 * there): a spec's go on the spec, placed by the open document at the very version the worker analyzed; an
 * ONNX model's on its text view (lines and columns from the worker, which holds that text); an unreadable
 * model's problems on the file. Publishing never parses or analyzes.
 */
export class Publisher implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('snn-energy');

  /** Publish what a put returned for the model file `uri`. */
  publish(uri: vscode.Uri, r: PutResult): void {
    if (r.digest?.onnx) {
      this.diagnostics.delete(uri);
      const view = textViewUri(uri);
      this.diagnostics.set(view, this.toDiagnostics(view, r.digest.diagnostics, undefined));
      return;
    }
    const docVersion = r.digest ? r.digest.docVersion : r.docVersion;
    const key = uri.toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    // the text changed since the worker read it: its offsets are not this text's (a newer lint is on its way)
    if (doc && docVersion !== undefined && doc.version !== docVersion) return;
    this.diagnostics.set(uri, this.toDiagnostics(uri, r.digest ? r.digest.diagnostics : r.diagnostics, doc));
    if (!r.digest && isOnnxFile(uri)) this.diagnostics.delete(textViewUri(uri));
  }

  clear(uri: vscode.Uri): void {
    this.diagnostics.delete(uri);
    if (isOnnxFile(uri)) this.diagnostics.delete(textViewUri(uri));
  }

  private toDiagnostics(
    uri: vscode.Uri,
    plain: readonly PlainDiagnostic[],
    doc: vscode.TextDocument | undefined,
  ): vscode.Diagnostic[] {
    const toRange = (r: PlainRange | undefined): vscode.Range => {
      if (r?.lines) return new vscode.Range(r.lines[0], r.lines[1], r.lines[2], r.lines[3]);
      return r && doc ? new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)) : TOP;
    };
    return plain.map((f) => toDiagnostic(f, uri, toRange));
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}
