import type { Finding } from '../../core/analysis/types';
import type { Problem, ProblemFix } from '../../core/model/ir';
import { fixAllEdits, fixEdits, setProperty } from '../../core/model/layer-spec/edit';
import type { StoredModel } from '../model-store';
import type { AskedDiagnostic, PlainCodeAction, RequestOf } from './protocol';

const ENERGY_CODES = new Set(['below-break-even', 'near-break-even', 'missing-spike-rate']);

/**
 * Code actions as data, each offered once however many diagnostics ask for it (in the worker: the edits
 * need the spec's text and parse, which the worker holds):
 * - the fix a spec problem's message proposes (did you mean, a missing field, a rate written as %);
 * - on energy findings: fewer timesteps, a hybrid QNN layer, the simulator, the comparison view, the regularizer;
 * - "fix all" (`source.fixAll.snnEnergy`): every safe fix of the file, also as a quick fix when there are several.
 */
export function codeActions(
  req: RequestOf<'codeActions'>,
  text: string,
  problems: readonly Problem[],
  model: StoredModel | undefined,
): PlainCodeAction[] {
  const fixes = req.editable && req.isSpec ? problems.filter((p) => p.fix) : [];
  const safe = fixes.filter((p) => p.fix!.safe);
  if (req.onlyFixAll) return safe.length ? [fixAll(text, safe, 'fixAll')] : [];
  const out = new Actions();
  req.diagnostics.forEach((d, i) => {
    const fix = fixes.find(
      (p) => p.code === d.code && p.message === d.message && (!p.range || d.start === p.range.start),
    )?.fix;
    if (fix) out.add(fixAction(text, fix, i));
  });
  if (safe.length > 1 && out.size) out.add(fixAll(text, safe, 'quickfix'));
  if (!model) return out.list();
  req.diagnostics.forEach((d, i) => {
    if (!ENERGY_CODES.has(d.code)) return;
    const f = model.analysis.findings.find((x) => x.code === d.code && x.message === d.message);
    if (!f) return;
    if (req.editable && !model.onnx) for (const a of energyEdits(text, d, i, f, model)) out.add(a);
    for (const a of others(f, i, model)) out.add(a);
  });
  return out.list();
}

/** Actions by title: a second diagnostic asking for the same action only adds itself to the first. */
class Actions {
  private readonly byTitle = new Map<string, PlainCodeAction>();
  get size(): number {
    return this.byTitle.size;
  }
  add(a: PlainCodeAction): void {
    const had = this.byTitle.get(a.title);
    if (!had) this.byTitle.set(a.title, a);
    else if (a.diagnostics.length)
      this.byTitle.set(a.title, { ...had, diagnostics: [...had.diagnostics, ...a.diagnostics] });
  }
  list(): PlainCodeAction[] {
    return [...this.byTitle.values()];
  }
}

function fixAction(text: string, fix: ProblemFix, d: number): PlainCodeAction {
  return { title: fix.title, kind: 'quickfix', edits: fixEdits(text, fix), diagnostics: [d], isPreferred: fix.safe };
}

/** A spec's "fix all" source action (`source.fixAll.snnEnergy`), when its problems have safe fixes. */
export function specFixAll(text: string, problems: readonly Problem[]): PlainCodeAction | undefined {
  const safe = problems.filter((p) => p.fix?.safe);
  return safe.length ? fixAll(text, safe, 'fixAll') : undefined;
}

function fixAll(text: string, safe: readonly Problem[], kind: PlainCodeAction['kind']): PlainCodeAction {
  return {
    title: `Fix all ${safe.length} auto-fixable problems in this spec (SNN Energy)`,
    kind,
    edits: fixAllEdits(
      text,
      safe.map((p) => p.fix!),
    ),
    diagnostics: [],
  };
}

function energyEdits(text: string, _d: AskedDiagnostic, i: number, f: Finding, m: StoredModel): PlainCodeAction[] {
  if (f.code === 'missing-spike-rate') return [];
  const out: PlainCodeAction[] = [];
  const T = f.data?.largestBreakEvenT;
  if (T && T > 0)
    out.push({
      title: `Set timesteps to ${T}, the largest T at which ${f.data?.consumer ?? f.layer} breaks even`,
      kind: 'quickfix',
      edits: setProperty(text, ['timesteps'], T),
      diagnostics: [i],
    });
  const target = f.data?.consumer ?? f.layer;
  const index = target ? m.network.layers.find((l) => l.name === target)?.index : undefined;
  if (index !== undefined)
    out.push({
      title: `Run ${target} as a QNN ("execution": "qnn", hybrid plan)`,
      kind: 'quickfix',
      edits: setProperty(text, ['layers', index - 1, 'execution'], 'qnn'),
      diagnostics: [i],
      isPreferred: f.data?.breakEvenSpikeRate === null,
    });
  return out;
}

function others(f: Finding, i: number, m: StoredModel): PlainCodeAction[] {
  const out: PlainCodeAction[] = [];
  if (f.code === 'missing-spike-rate' && m.onnx)
    out.push({
      title: 'Measure spike rates: simulate this model',
      kind: 'quickfix',
      command: { kind: 'simulate' },
      diagnostics: [i],
    });
  out.push({
    title: `Open the comparison view at ${f.layer ?? 'this model'}`,
    kind: 'quickfix',
    command: { kind: 'openComparison', layer: f.layer },
    diagnostics: [i],
  });
  if (f.code === 'below-break-even' || f.code === 'near-break-even')
    out.push({
      title: 'Insert the sparsity regularizer (PyTorch) into a new file',
      kind: 'quickfix',
      command: { kind: 'regularizer' },
      diagnostics: [i],
    });
  return out;
}
