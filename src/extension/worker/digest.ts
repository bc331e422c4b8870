import { withheldText } from '../../core/analysis/coverage';
import type { Finding } from '../../core/analysis/types';
import { architectureView } from '../../core/analysis/view';
import type { Problem, TextRange } from '../../core/model/ir';
import { lineIndex, type LineColumn } from '../../core/model/line-index';
import type { StoredModel } from '../model-store';
import { isJsonSyntax } from '../json-syntax';
import {
  MAX_DIAGNOSTICS,
  type DiagnosticView,
  type ModelDigest,
  type PlainDiagnostic,
  type PlainRange,
} from './protocol';

const RANK = { error: 0, warning: 1, information: 2 } as const;
const lines = new WeakMap<StoredModel, (o: number) => LineColumn>();

/**
 * Findings or problems as plain diagnostics, errors first (stable within a severity), capped like VS Code
 * does; `at` gives line/character for a text the worker holds (the ONNX text view).
 */
export function plainDiagnostics(
  findings: readonly (Finding | Problem)[],
  view: DiagnosticView,
  at?: (offset: number) => LineColumn,
): { diagnostics: PlainDiagnostic[]; total: number } {
  const shown = view.dropSyntax ? findings.filter((f) => !isJsonSyntax(f)) : findings;
  const order = shown.map((f, i) => [RANK[f.severity], i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const range = (r: TextRange | undefined): PlainRange | undefined => {
    if (!r) return undefined;
    if (!at) return { start: r.start, end: r.end };
    const s = at(r.start);
    const e = at(r.end);
    return { start: r.start, end: r.end, lines: [s.line - 1, s.column - 1, e.line - 1, e.column - 1] };
  };
  const diagnostics = order.slice(0, MAX_DIAGNOSTICS).map(([, i]): PlainDiagnostic => {
    const f = shown[i];
    const related = 'related' in f ? f.related : undefined;
    return {
      code: f.code,
      message: f.message,
      severity: f.severity,
      range: range(f.range),
      ...(related?.length ? { related: related.map((r) => ({ message: r.message, range: range(r.range) })) } : {}),
    };
  });
  return { diagnostics, total: shown.length };
}

/** Line/character of the ONNX text view's offsets (built once per stored model). */
export function onnxLines(m: StoredModel): ((o: number) => LineColumn) | undefined {
  if (!m.onnx) return undefined;
  let at = lines.get(m);
  if (!at) lines.set(m, (at = lineIndex(m.onnx.text.text)));
  return at;
}

/** The host's digest of a stored model, with its diagnostics on the selected architecture. */
export function digestOf(m: StoredModel, view: DiagnosticView, docVersion?: number): ModelDigest {
  const a = m.analysis;
  const sel = architectureView(a, view.selected);
  const { diagnostics, total } = plainDiagnostics(sel?.findings ?? m.problems, view, onnxLines(m));
  return {
    key: m.key,
    version: m.version,
    docVersion,
    name: a.model.name,
    onnx: m.onnx !== undefined,
    layers: m.network.layers.length,
    withheld: a.verdictWithheld,
    withheldText: a.verdictWithheld ? withheldText(a.coverage) : '',
    coverageText: a.coverage.text,
    architectures: a.architectures.map((x) => ({ id: x.id, name: x.name, ratio: x.ratio, cheaperAs: x.cheaperAs })),
    diagnostics,
    diagnosticsFor: sel?.architecture.id ?? view.selected,
    diagnosticsTotal: total,
  };
}
