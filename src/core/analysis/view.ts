import type { Analysis, ArchitectureResult, Finding } from './types';

/** What the editor shows for the selected architecture: its result and the findings that apply to it. */
export interface ArchitectureView {
  readonly architecture: ArchitectureResult;
  /** Findings of this architecture, and those of none (parse problems, missing spike rates). */
  readonly findings: readonly Finding[];
}

const VIEWS = new WeakMap<Analysis, Map<string, ArchitectureView>>();

/**
 * The selected architecture's view of an analysis (which already covers every architecture). The one
 * place an unknown selection falls back to the first architecture; undefined only when there is none.
 * Picking another architecture re-reads this, never the model. Memoized per analysis and id.
 */
export function architectureView(a: Analysis, selected: string): ArchitectureView | undefined {
  let views = VIEWS.get(a);
  if (!views) VIEWS.set(a, (views = new Map()));
  const known = views.get(selected);
  if (known) return known;
  const architecture = selectedOf(a.architectures, selected);
  if (!architecture) return undefined;
  const view = {
    architecture,
    findings: a.findings.filter((f) => !f.architecture || f.architecture === architecture.id),
  };
  views.set(selected, view);
  return view;
}

/** The selected one of a list of architectures (results, or the editor's digest of them): the fallback rule. */
export function selectedOf<T extends { readonly id: string }>(list: readonly T[], selected: string): T | undefined {
  return list.find((x) => x.id === selected) ?? list[0];
}
