import type { FindingCode, Problem } from './ir';

/** Deeper nesting than any spec or architecture needs; jsonc-parser recurses per level and overflows near 6,000. */
export const MAX_JSON_DEPTH = 256;

/**
 * The offset where brackets nest deeper than `max` (outside strings and comments), or -1. One linear
 * scan without recursion, run before a recursive parser sees the text.
 */
export function tooDeepAt(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return -1;
}

/** One located problem when the text nests too deep, else undefined. */
export function depthProblem(text: string, code: FindingCode): Problem | undefined {
  const at = tooDeepAt(text);
  if (at < 0) return undefined;
  return {
    code,
    severity: 'error',
    message: `JSON nested more than ${MAX_JSON_DEPTH} levels deep: refused (no layer spec or architecture needs this)`,
    range: { start: at, end: at + 1 },
  };
}
