import * as vscode from 'vscode';
import type { Edit } from 'jsonc-parser';
import { fixAllEdits, fixEdits, setProperty } from '../core/model/layer-spec/edit';
import { parseLayerSpec } from '../core/model/layer-spec/parse';
import type { Finding } from '../core/analysis/types';
import type { Problem, ProblemFix } from '../core/model/ir';
import type { ModelEntry, ModelService } from './model-service';
import { fileOfTextView, isOnnxFile } from './onnx-uri';
import { Command, DIAGNOSTIC_SOURCE, ONNX_TEXT_SCHEME } from './commands';

const ENERGY_CODES = new Set(['below-break-even', 'near-break-even', 'missing-spike-rate']);
const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('snnEnergy');

/**
 * Code actions on our diagnostics, each offered once however many diagnostics ask for it:
 * - the fix a spec problem's message proposes (did you mean, a missing field, a rate written as %);
 * - on energy findings: fewer timesteps, a hybrid QNN layer, the simulator, the comparison view, the regularizer;
 * - "fix all" (`source.fixAll.snnEnergy`, ESLint's pattern): every safe fix of the file, also as a quick fix
 *   when the file has more than one.
 */
export class EnergyCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL];

  constructor(private readonly models: ModelService) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    ctx: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    // the ONNX text view is read-only: it gets the actions that do not edit
    const editable = doc.uri.scheme !== ONNX_TEXT_SCHEME;
    const fixes = editable && this.models.isSpec(doc) ? problemFixes(doc) : [];
    // asked for source actions ("Fix All", fix on save): only our fix-all
    if (ctx.only && !ctx.only.contains(vscode.CodeActionKind.QuickFix))
      return ctx.only.contains(FIX_ALL) && fixes.some((p) => p.fix!.safe) ? [fixAll(doc, fixes)] : [];
    const out = new Actions();
    for (const d of ctx.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const fix = fixes.find((p) => sameProblem(doc, p, d))?.fix;
      if (fix) out.add(fixAction(doc, fix, d));
    }
    if (fixes.filter((p) => p.fix!.safe).length > 1 && out.size)
      out.add(fixAll(doc, fixes, vscode.CodeActionKind.QuickFix));
    const entry = this.models.entry(editable ? doc.uri : fileOfTextView(doc.uri));
    if (!entry) return out.list();
    for (const d of ctx.diagnostics) {
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      if (d.source !== DIAGNOSTIC_SOURCE || !ENERGY_CODES.has(code)) continue;
      const f = entry.analysis.findings.find((x) => x.code === code && x.message === d.message);
      if (!f) continue;
      if (editable && !isOnnxFile(entry.uri)) for (const a of energyEdits(doc, d, f, entry)) out.add(a);
      for (const a of others(f, entry)) out.add(a);
    }
    return out.list();
  }
}

/** Actions by title: a second diagnostic asking for the same action only adds itself to the first. */
class Actions {
  private readonly byTitle = new Map<string, vscode.CodeAction>();
  get size(): number {
    return this.byTitle.size;
  }
  add(a: vscode.CodeAction): void {
    const had = this.byTitle.get(a.title);
    if (!had) this.byTitle.set(a.title, a);
    else if (a.diagnostics?.length) had.diagnostics = [...(had.diagnostics ?? []), ...a.diagnostics];
  }
  list(): vscode.CodeAction[] {
    return [...this.byTitle.values()];
  }
}

/** The spec's problems that carry a fix (parsed again: cheap, and right for the text the editor shows now). */
function problemFixes(doc: vscode.TextDocument): Problem[] {
  return parseLayerSpec(doc.getText()).problems.filter((p) => p.fix);
}

function sameProblem(doc: vscode.TextDocument, p: Problem, d: vscode.Diagnostic): boolean {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
  return p.code === code && p.message === d.message && (!p.range || doc.offsetAt(d.range.start) === p.range.start);
}

function fixAction(doc: vscode.TextDocument, fix: ProblemFix, d: vscode.Diagnostic): vscode.CodeAction {
  const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  a.edit = toWorkspaceEdit(doc, fixEdits(doc.getText(), fix));
  a.diagnostics = [d];
  a.isPreferred = fix.safe;
  return a;
}

function fixAll(doc: vscode.TextDocument, problems: Problem[], kind = FIX_ALL): vscode.CodeAction {
  const safe = problems.filter((p) => p.fix!.safe);
  const a = new vscode.CodeAction(`Fix all ${safe.length} auto-fixable problems in this spec (SNN Energy)`, kind);
  a.edit = toWorkspaceEdit(
    doc,
    fixAllEdits(
      doc.getText(),
      safe.map((p) => p.fix!),
    ),
  );
  return a;
}

function energyEdits(
  doc: vscode.TextDocument,
  d: vscode.Diagnostic,
  f: Finding,
  entry: ModelEntry,
): vscode.CodeAction[] {
  if (f.code === 'missing-spike-rate') return [];
  const out: vscode.CodeAction[] = [];
  const T = f.data?.largestBreakEvenT;
  if (T && T > 0) {
    const a = new vscode.CodeAction(
      `Set timesteps to ${T}, the largest T at which ${f.data?.consumer ?? f.layer} breaks even`,
      vscode.CodeActionKind.QuickFix,
    );
    a.edit = toWorkspaceEdit(doc, setProperty(doc.getText(), ['timesteps'], T));
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
    a.edit = toWorkspaceEdit(doc, setProperty(doc.getText(), ['layers', index - 1, 'execution'], 'qnn'));
    a.diagnostics = [d];
    a.isPreferred = f.data?.breakEvenSpikeRate === null;
    out.push(a);
  }
  return out;
}

function others(f: Finding, entry: ModelEntry): vscode.CodeAction[] {
  const out: vscode.CodeAction[] = [];
  if (f.code === 'missing-spike-rate' && isOnnxFile(entry.uri)) {
    const sim = new vscode.CodeAction('Measure spike rates: simulate this model', vscode.CodeActionKind.QuickFix);
    sim.command = { command: Command.Simulate, title: 'Simulate Spiking Activity', arguments: [entry.uri] };
    out.push(sim);
  }
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

/** Core's text edits as a WorkspaceEdit (core decides the text; this only converts offsets). */
function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly Edit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits)
    we.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  return we;
}
