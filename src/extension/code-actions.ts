import * as vscode from 'vscode';
import type { ModelService } from './model-service';
import { fileOfTextView } from './onnx-uri';
import { Command, DIAGNOSTIC_SOURCE, ONNX_TEXT_SCHEME } from './commands';
import type { AskedDiagnostic, CodeActionCommand, PlainCodeAction, PlainEdit } from './worker/protocol';

const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('snnEnergy');

/**
 * Code actions on our diagnostics (worker/code-actions.ts decides them, next to the spec's text and
 * analysis): a problem's proposed fix, the energy findings' edits and commands, and "fix all"
 * (`source.fixAll.snnEnergy`, ESLint's pattern). This only converts them to VS Code's types.
 */
export class EnergyCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL];

  constructor(private readonly models: ModelService) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    ctx: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    // the ONNX text view is read-only: it gets the actions that do not edit
    const editable = doc.uri.scheme !== ONNX_TEXT_SCHEME;
    const file = editable ? doc.uri : fileOfTextView(doc.uri);
    const isSpec = editable && this.models.isSpec(doc);
    // asked for source actions ("Fix All", fix on save): only our fix-all
    const onlyFixAll = ctx.only !== undefined && !ctx.only.contains(vscode.CodeActionKind.QuickFix);
    if (onlyFixAll && (!ctx.only!.contains(FIX_ALL) || !isSpec)) return [];
    // Fix All (palette, keybinding, on save) from the fix the worker sent with this text's diagnostics: no
    // round trip, which VS Code would cancel when the editor takes the focus back from the palette
    const ready = onlyFixAll ? this.models.fixAllFor(file, doc.version) : undefined;
    if (ready) return [toAction(doc, ready, [], file)];
    const ours = ctx.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!onlyFixAll && !ours.length) return [];
    const asked: AskedDiagnostic[] = ours.map((d) => ({
      code: typeof d.code === 'object' ? String(d.code.value) : String(d.code),
      message: d.message,
      start: doc.offsetAt(d.range.start),
    }));
    const version = doc.version;
    // the worker edits the text it analyzed; a newer text (typed since the last lint) goes with the request
    const current = this.models.entry(file)?.digest.docVersion === version;
    const actions = await this.models.value({
      type: 'codeActions',
      key: file.toString(),
      docVersion: version,
      text: isSpec && !current ? doc.getText() : undefined,
      editable,
      isSpec,
      onlyFixAll,
      diagnostics: asked,
    });
    if (!actions || doc.version !== version) return [];
    return actions.map((a) => toAction(doc, a, ours, file));
  }
}

function toAction(
  doc: vscode.TextDocument,
  a: PlainCodeAction,
  diagnostics: readonly vscode.Diagnostic[],
  file: vscode.Uri,
): vscode.CodeAction {
  const action = new vscode.CodeAction(a.title, a.kind === 'fixAll' ? FIX_ALL : vscode.CodeActionKind.QuickFix);
  if (a.edits) action.edit = toWorkspaceEdit(doc, a.edits);
  if (a.command) action.command = toCommand(a.command, file);
  if (a.diagnostics.length) action.diagnostics = a.diagnostics.map((i) => diagnostics[i]);
  if (a.isPreferred !== undefined) action.isPreferred = a.isPreferred;
  return action;
}

function toCommand(c: CodeActionCommand, file: vscode.Uri): vscode.Command {
  switch (c.kind) {
    case 'simulate':
      return { command: Command.Simulate, title: 'Simulate Spiking Activity', arguments: [file] };
    case 'openComparison':
      return { command: Command.OpenComparison, title: 'Open Comparison View', arguments: [c.layer] };
    case 'regularizer':
      return { command: Command.InsertRegularizer, title: 'Insert Sparsity Regularizer' };
  }
}

/** Core's text edits as a WorkspaceEdit (core decides the text; this only converts offsets). */
function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly PlainEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits)
    we.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  return we;
}
