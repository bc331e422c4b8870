import * as vscode from 'vscode';
import { parseArchitecture } from '../core/energy/validate-architecture';
import { toDiagnostic } from './to-diagnostic';
import { notReportedByJsonService } from './json-service';

/**
 * `invalid-architecture` diagnostics on open `*.arch.json` documents (the document tracker says when
 * to lint and when they close). Parsing only, so it also runs in a restricted workspace.
 */
export class ArchitectureDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('snn-energy-architectures');

  lint(doc: vscode.TextDocument): void {
    const problems = parseArchitecture(doc.getText()).problems;
    const toRange = (r: { start: number; end: number } | undefined) =>
      r ? new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)) : new vscode.Range(0, 0, 0, 0);
    this.collection.set(
      doc.uri,
      notReportedByJsonService(doc.uri, problems).map((p) => toDiagnostic(p, doc.uri, toRange)),
    );
  }

  closed(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
