import * as vscode from 'vscode';
import { parseArchitecture } from '../core/energy/validate-architecture';
import { toDiagnostic } from './to-diagnostic';
import { notReportedByJsonService } from './json-service';

const DEBOUNCE_MS = 300;

export const isArchitectureFile = (doc: vscode.TextDocument) => doc.uri.path.endsWith('.arch.json');

/**
 * `invalid-architecture` diagnostics on open `*.arch.json` documents: computed on open, after the user
 * pauses typing, and deleted on close. Parsing only, so it also runs in a restricted workspace.
 */
export function registerArchitectureDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('snn-energy-architectures');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lint = (doc: vscode.TextDocument) => {
    const problems = parseArchitecture(doc.getText()).problems;
    const toRange = (r: { start: number; end: number } | undefined) =>
      r ? new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)) : new vscode.Range(0, 0, 0, 0);
    collection.set(
      doc.uri,
      notReportedByJsonService(doc.uri, problems).map((p) => toDiagnostic(p, doc.uri, toRange)),
    );
  };
  const schedule = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        if (!doc.isClosed) lint(doc);
      }, DEBOUNCE_MS),
    );
  };
  for (const doc of vscode.workspace.textDocuments) if (isArchitectureFile(doc)) lint(doc);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument((doc) => isArchitectureFile(doc) && lint(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => isArchitectureFile(e.document) && schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clearTimeout(timers.get(doc.uri.toString()));
      collection.delete(doc.uri);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}
