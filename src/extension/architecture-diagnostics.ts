import * as vscode from 'vscode';
import type { ArchitectureParser } from './architectures';
import { toDiagnostic } from './to-diagnostic';
import { notReportedByJsonService } from './json-service';

/**
 * `invalid-architecture` diagnostics on open `*.arch.json` documents (the document tracker says when
 * to lint and when they close). Parsing only, so it also runs in a restricted workspace; the model worker
 * parses, off the host thread.
 */
export class ArchitectureDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('snn-energy-architectures');

  constructor(private readonly worker: ArchitectureParser) {}

  async lint(doc: vscode.TextDocument): Promise<void> {
    const version = doc.version;
    const r = await this.worker.value({ type: 'parseArchitecture', text: doc.getText(), taken: [] });
    // a closed document keeps no diagnostics; an edit since then is linted again
    if (!r || doc.isClosed || doc.version !== version) return;
    const problems = r.problems;
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
