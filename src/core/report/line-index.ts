import type { TextRange } from '../model/ir';

import { lineIndex, type LineColumn } from '../model/line-index';

export { lineIndex, type LineColumn };

export interface LocatedRange {
  readonly start: LineColumn;
  readonly end: LineColumn;
  readonly startOffset: number;
  readonly endOffset: number;
}

export function locate(range: TextRange, at: (offset: number) => LineColumn): LocatedRange {
  return { start: at(range.start), end: at(range.end), startOffset: range.start, endOffset: range.end };
}
