import * as vscode from 'vscode';
import type { Finding } from '../core/analysis/types';
import type { Problem, TextRange } from '../core/model/ir';
import type { OnnxText } from '../core/model/onnx/text';
import { textViewUri } from './onnx-uri';
import { toDiagnostic } from './to-diagnostic';

const TOP = new vscode.Range(0, 0, 0, 0);

/** An ONNX model's findings, as diagnostics for its `.onnx` file and for its text view. */
export interface OnnxDiagnostics {
  /** On the binary file (Problems entries, Explorer badge); each links to its node line in the text view. */
  readonly onFile: vscode.Diagnostic[];
  /** On the text view document, at the node's line (published while that document is open). */
  readonly onText: vscode.Diagnostic[];
}

/**
 * Place ONNX findings: a finding about a layer goes on its node line in the text view (after the
 * indentation); on the `.onnx` file, where lines mean nothing, at the top, with the node line as
 * related information, so a click in the Problems panel can open the text view at the node.
 */
export function onnxDiagnostics(
  file: vscode.Uri,
  findings: readonly (Finding | Problem)[],
  positionAt: (offset: number) => vscode.Position,
  text: OnnxText | undefined,
): OnnxDiagnostics {
  const textUri = textViewUri(file);
  const nodeLine = (r: TextRange | undefined, layer?: string): vscode.Range | undefined => {
    const span = (layer !== undefined ? text?.nodeRanges.get(layer) : undefined) ?? r;
    if (!span || !text) return undefined;
    let start = span.start;
    while (start < span.end && /\s/.test(text.text[start])) start++;
    return new vscode.Range(positionAt(start), positionAt(span.end));
  };
  const onText = findings.map((f) => toDiagnostic(f as Finding, textUri, (r, layer) => nodeLine(r, layer) ?? TOP));
  const onFile = findings.map((f, i) => {
    const d = toDiagnostic(f as Finding, file, () => TOP);
    const at = nodeLine(f.range, f.layer);
    const related = onText[i].relatedInformation ?? [];
    d.relatedInformation = at
      ? [
          new vscode.DiagnosticRelatedInformation(new vscode.Location(textUri, at), `${f.layer} in the text view`),
          ...related,
        ]
      : related.length
        ? related
        : undefined;
    return d;
  });
  return { onFile, onText };
}
