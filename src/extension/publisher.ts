import * as vscode from 'vscode';
import type { Finding } from '../core/analysis/types';
import { architectureView } from '../core/analysis/view';
import type { Problem, TextRange } from '../core/model/ir';
import { lineIndex, type LineColumn } from '../core/report/line-index';
import type { Stored, StoredModel } from './model-store';
import { isOnnxFile, textViewUri } from './onnx-uri';
import { toDiagnostic } from './to-diagnostic';
import { notReportedByJsonService } from './json-service';

const TOP = new vscode.Range(0, 0, 0, 0);

/**
 * Diagnostics from stored analyses: the selected architecture's findings (core's architectureView),
 * placed with the ranges core gave them. A spec's go on the spec; an ONNX model's on its text view
 * (listed once; a click opens the model there, at the layer's node line); an unreadable model's problems
 * on the file. Publishing never parses or analyzes: picking an architecture only re-publishes.
 */
export class Publisher implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('snn-energy');
  private readonly lines = new WeakMap<StoredModel, (offset: number) => LineColumn>();

  /** Publish what a put returned for the model file `uri`. */
  publish(uri: vscode.Uri, stored: Stored, selected: string): void {
    if (!stored.model) {
      this.diagnostics.set(uri, this.toDiagnostics(uri, stored.problems, this.positionsOf(uri, undefined)));
      if (isOnnxFile(uri)) this.diagnostics.delete(textViewUri(uri));
      return;
    }
    const findings = architectureView(stored.model.analysis, selected)?.findings ?? stored.model.problems;
    const at = this.positionsOf(uri, stored.model);
    if (stored.model.onnx) {
      this.diagnostics.delete(uri);
      this.diagnostics.set(textViewUri(uri), this.toDiagnostics(textViewUri(uri), findings, at));
    } else this.diagnostics.set(uri, this.toDiagnostics(uri, findings, at));
  }

  clear(uri: vscode.Uri): void {
    this.diagnostics.delete(uri);
    if (isOnnxFile(uri)) this.diagnostics.delete(textViewUri(uri));
  }

  /** Offsets → positions: the ONNX text view's (core's text), else the open spec document's. */
  private positionsOf(uri: vscode.Uri, m: StoredModel | undefined): ((o: number) => vscode.Position) | undefined {
    if (m?.onnx) {
      let at = this.lines.get(m);
      if (!at) this.lines.set(m, (at = lineIndex(m.onnx.text.text)));
      const index = at;
      return (o) => {
        const p = index(o);
        return new vscode.Position(p.line - 1, p.column - 1);
      };
    }
    const key = uri.toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    return doc && ((o) => doc.positionAt(o));
  }

  private toDiagnostics(
    uri: vscode.Uri,
    findings: readonly (Finding | Problem)[],
    at: ((o: number) => vscode.Position) | undefined,
  ): vscode.Diagnostic[] {
    const toRange = (r: TextRange | undefined) => (r && at ? new vscode.Range(at(r.start), at(r.end)) : TOP);
    return notReportedByJsonService(uri, findings).map((f) => toDiagnostic(f, uri, toRange));
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}
