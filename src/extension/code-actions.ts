import * as vscode from 'vscode';
import { setProperty } from '../core/model/layer-spec/edit';
import type { Finding } from '../core/analysis/types';
import type { ModelEntry, ModelService } from './model-service';
import { fileOfTextView } from './onnx-uri';
import { Command, DIAGNOSTIC_SOURCE, ONNX_TEXT_SCHEME } from './commands';

const ENERGY_CODES = new Set(['below-break-even', 'near-break-even', 'missing-spike-rate']);

/** Quick fixes on energy findings: fewer timesteps, a hybrid QNN layer, the comparison view, the regularizer. */
export class EnergyCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly models: ModelService) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    ctx: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    // the ONNX text view is read-only: it gets the actions that do not edit
    const editable = doc.uri.scheme !== ONNX_TEXT_SCHEME;
    const entry = this.models.entry(editable ? doc.uri : fileOfTextView(doc.uri));
    if (!entry) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      if (d.source !== DIAGNOSTIC_SOURCE || !ENERGY_CODES.has(code)) continue;
      const f = entry.analysis.findings.find((x) => x.code === code && x.message === d.message);
      if (!f) continue;
      actions.push(...(editable ? this.edits(doc, d, f, entry) : []), ...this.others(f));
    }
    return actions;
  }

  private edits(doc: vscode.TextDocument, d: vscode.Diagnostic, f: Finding, entry: ModelEntry): vscode.CodeAction[] {
    if (f.code === 'missing-spike-rate') return [];
    const out: vscode.CodeAction[] = [];
    const T = f.data?.largestBreakEvenT;
    if (T && T > 0) {
      const a = new vscode.CodeAction(
        `Set timesteps to ${T}, the largest T at which ${f.data?.consumer ?? f.layer} breaks even`,
        vscode.CodeActionKind.QuickFix,
      );
      a.edit = jsonEdit(doc, ['timesteps'], T);
      a.diagnostics = [d];
      out.push(a);
    }
    const target = f.data?.consumer ?? f.layer;
    const index = target ? entry.network.layers.find((l) => l.name === target)?.index : undefined;
    if (index !== undefined) {
      const a = new vscode.CodeAction(
        `Run ${target} as a QNN ("execution": "qnn", hybrid plan)`,
        vscode.CodeActionKind.QuickFix,
      );
      a.edit = jsonEdit(doc, ['layers', index - 1, 'execution'], 'qnn');
      a.diagnostics = [d];
      a.isPreferred = f.data?.breakEvenSpikeRate === null;
      out.push(a);
    }
    return out;
  }

  private others(f: Finding): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const open = new vscode.CodeAction(
      `Open the comparison view at ${f.layer ?? 'this model'}`,
      vscode.CodeActionKind.QuickFix,
    );
    open.command = { command: Command.OpenComparison, title: 'Open Comparison View', arguments: [f.layer] };
    out.push(open);
    if (f.code === 'below-break-even' || f.code === 'near-break-even') {
      const reg = new vscode.CodeAction(
        'Insert the sparsity regularizer (PyTorch) into a new file',
        vscode.CodeActionKind.QuickFix,
      );
      reg.command = { command: Command.InsertRegularizer, title: 'Insert Sparsity Regularizer' };
      out.push(reg);
    }
    return out;
  }
}

/** The spec edit as a WorkspaceEdit (core decides the text; this only converts offsets). */
function jsonEdit(doc: vscode.TextDocument, path: (string | number)[], value: unknown): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of setProperty(doc.getText(), path, value))
    we.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  return we;
}
