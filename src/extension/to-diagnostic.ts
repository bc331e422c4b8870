import * as vscode from 'vscode';
import type { Finding } from '../core/analysis/types';
import type { Problem, TextRange } from '../core/model/ir';
import { RULES_BASE_URI } from '../core/report/context';
import { DIAGNOSTIC_SOURCE } from './commands';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

/** A finding as a diagnostic: stable code linking to docs/rules/<code>.md, related locations, the numbers. */
export function toDiagnostic(
  f: Finding | Problem,
  uri: vscode.Uri,
  toRange: (r: TextRange | undefined) => vscode.Range,
): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.code, target: vscode.Uri.parse(`${RULES_BASE_URI}${f.code}.md`) };
  const related = 'related' in f ? f.related : undefined;
  if (related?.length)
    d.relatedInformation = related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message),
    );
  return d;
}
