import type { Problem } from '../ir';
import { lineIndex } from '../line-index';

export interface Duplicate {
  readonly key: string;
  readonly first: number;
  readonly offset: number;
  readonly length: number;
}

/** A key twice in one object: this parser keeps the first value, JSON.parse and Python the last. */
export function duplicateKeyProblems(text: string, duplicates: readonly Duplicate[]): Problem[] {
  // one line index (a hostile spec may repeat a key 100,000 times), then a binary search per offset
  const at = lineIndex(text);
  return duplicates.map((d) => {
    const a = at(d.first);
    const b = at(d.offset);
    return {
      code: 'duplicate-key',
      severity: 'warning',
      message: `"${d.key}" is given twice in this object, at line ${a.line}, column ${a.column} and at line ${b.line}, column ${b.column}: the first value is used here, but JSON.parse and Python use the last; delete one`,
      range: { start: d.offset, end: d.offset + d.length },
    };
  });
}
