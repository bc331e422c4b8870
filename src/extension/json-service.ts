import * as vscode from 'vscode';
import { isJsonSyntax } from './json-syntax';

/**
 * VS Code's JSON language service validates every *.layers.json and *.arch.json for syntax (our schemas only
 * lend it completion and hover). While it runs, our own JSON syntax problems are not published a second time;
 * if the user turned it off, ours stand in.
 */
export function jsonServiceReportsSyntax(uri?: vscode.Uri): boolean {
  return (
    vscode.extensions.getExtension('vscode.json-language-features') !== undefined &&
    vscode.workspace.getConfiguration('json', uri).get<boolean>('validate.enable', true)
  );
}

/** The problems to show in the editor: all but the syntax errors the JSON language service reports already. */
export function notReportedByJsonService<T extends { readonly code: string; readonly message: string }>(
  uri: vscode.Uri,
  problems: readonly T[],
): readonly T[] {
  if (!problems.some(isJsonSyntax) || !jsonServiceReportsSyntax(uri)) return problems;
  return problems.filter((p) => !isJsonSyntax(p));
}
