import { describe, expect, it } from 'vitest';
import type { OnnxLayerRow } from '../../../src/shared/protocol';
import { sortRows } from '../../../webview/src/onnx-sort';

const row = (name: string, ratio: number, macs = NaN, plumbing = false): OnnxLayerRow => ({
  name,
  op: plumbing ? 'Identity' : 'Conv',
  shape: '[1]',
  macs: '',
  ratio: '',
  breakEven: '',
  verdict: 'none',
  plumbing,
  rate: '',
  rateOrigin: '',
  sort: { macs, ratio, breakEven: NaN, rate: NaN },
  findings: [],
});

describe('ONNX model view: sorting', () => {
  const rows = [row('b', 1.2, 10), row('id', NaN, NaN, true), row('a', 0.8, 30), row('c', 1.2, 20)];

  it('keeps model order by default', () => {
    expect(sortRows(rows, { sortBy: 'order', descending: false, showPlumbing: true }).map((r) => r.name)).toEqual([
      'b',
      'id',
      'a',
      'c',
    ]);
  });

  it('sorts by a number either way, rows without one last, ties in model order', () => {
    const by = (descending: boolean) =>
      sortRows(rows, { sortBy: 'ratio', descending, showPlumbing: true }).map((r) => r.name);
    expect(by(true)).toEqual(['b', 'c', 'a', 'id']);
    expect(by(false)).toEqual(['a', 'b', 'c', 'id']);
  });

  it('sorts by name', () => {
    expect(sortRows(rows, { sortBy: 'name', descending: false, showPlumbing: true }).map((r) => r.name)).toEqual([
      'a',
      'b',
      'c',
      'id',
    ]);
  });
});
