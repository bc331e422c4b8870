import * as vscode from 'vscode';
import type { Severity } from '../core/model/ir';
import { RULES_BASE_URI } from '../core/report/context';
import { DIAGNOSTIC_SOURCE } from './commands';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

/** What a diagnostic is made of: a finding, a problem, or the model worker's plain copy of one. */
export interface DiagnosticSource<R> {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly range?: R;
  readonly related?: readonly { readonly message: string; readonly range?: R }[];
}

/** A finding as a diagnostic: stable code linking to docs/rules/<code>.md, related locations, the numbers. */
export function toDiagnostic<R>(
  f: DiagnosticSource<R>,
  uri: vscode.Uri,
  toRange: (r: R | undefined) => vscode.Range,
): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.code, target: vscode.Uri.parse(`${RULES_BASE_URI}${f.code}.md`) };
  if (f.related?.length)
    d.relatedInformation = f.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message),
    );
  return d;
}
