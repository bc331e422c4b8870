/** The ONNX model view's row order (no DOM: unit-tested in node). */
import type { OnnxLayerRow } from '../../src/shared/protocol';

export type Key = 'order' | 'name' | 'op' | 'macs' | 'ratio' | 'breakEven' | 'rate' | 'findings';
export interface TableState {
  sortBy: Key;
  descending: boolean;
  showPlumbing: boolean;
}

/** Rows in the order the state asks for; ties and missing numbers keep model order. */
export function sortRows(rows: readonly OnnxLayerRow[], s: TableState): OnnxLayerRow[] {
  const indexed = rows.map((r, i) => ({ r, i }));
  const value = (x: { r: OnnxLayerRow; i: number }): number | string => {
    switch (s.sortBy) {
      case 'order':
        return x.i;
      case 'name':
        return x.r.name.toLowerCase();
      case 'op':
        return x.r.op.toLowerCase();
      case 'findings':
        return x.r.findings.length;
      default:
        return x.r.sort[s.sortBy];
    }
  };
  const dir = s.descending ? -1 : 1;
  return indexed
    .sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const na = typeof va === 'number' && Number.isNaN(va);
      const nb = typeof vb === 'number' && Number.isNaN(vb);
      if (na || nb) return na === nb ? a.i - b.i : na ? 1 : -1; // no number: last, whatever the direction
      if (va === vb) return a.i - b.i;
      return (va < vb ? -1 : 1) * dir;
    })
    .map((x) => x.r);
}
