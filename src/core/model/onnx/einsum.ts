/** A two-operand (or one-operand) einsum without ellipsis or a letter repeated inside one operand. */
export function parseEinsum(eq: string): { inputs: string[]; output: string } | undefined {
  const m = /^([a-zA-Z,]+)->([a-zA-Z]*)$/.exec(eq.replace(/\s+/g, ''));
  if (!m) return undefined;
  const inputs = m[1].split(',');
  const all = new Set(inputs.join(''));
  if (inputs.some((t) => new Set(t).size !== t.length) || [...m[2]].some((l) => !all.has(l))) return undefined;
  return { inputs, output: m[2] };
}

/** Sizes of an einsum's letters from its operands' shapes; undefined when they disagree. */
export function einsumSizes(eq: { inputs: string[] }, shapes: readonly (number[] | undefined)[]) {
  const size = new Map<string, number>();
  for (const [k, term] of eq.inputs.entries()) {
    const s = shapes[k];
    if (!s || s.length !== term.length) return undefined;
    for (const [j, l] of [...term].entries()) {
      const d = size.get(l);
      if (d !== undefined && d !== s[j] && d !== 1 && s[j] !== 1) return undefined;
      size.set(l, Math.max(d ?? 1, s[j]));
    }
  }
  return size;
}
