// CI fuzz smoke: a few hundred seeded ONNX and spec mutants through parse, analysis, guard and every
// report format. `npm run bench -- fuzz` runs the 10,000 + 1,000 campaign with the same harness.
import { describe, expect, it } from 'vitest';
import { campaign } from '../../../bench/fuzz/campaign';
import { ROOT } from '../cli/run-cli';

describe('fuzz smoke (seeded)', () => {
  it('300 ONNX and 150 spec mutants: no crash, hang, non-finite result, unlocated rejection or injection', () => {
    const t0 = performance.now();
    const s = campaign({ onnx: 300, spec: 150, seed: 2026, root: ROOT, hangMs: 10_000 });
    expect(s.failures).toEqual([]);
    expect(s.crashes + s.hangs + s.nonFinite + s.unlocated + s.injections).toBe(0);
    // the mutants do reach both sides: some are refused, some still give a (checked) result
    expect(s.rejected).toBeGreaterThan(50);
    expect(s.accepted).toBeGreaterThan(50);
    expect(performance.now() - t0).toBeLessThan(60_000);
  }, 90_000);
});
