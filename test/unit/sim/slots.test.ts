// Values that never live at once share a buffer: lifetimes worked out by hand on a small residual block.
import { describe, expect, it } from 'vitest';
import type { ConvParams, SimGraph, SimOp } from '../../../src/core/sim/types';
import { slotFloats, valueSlots } from '../../../src/core/sim/slots';

const conv = {} as ConvParams; // the slots look at shapes and wiring only

/** x[2,2,1] → conv a → ReLU r1 → conv b → add(r1, b) → ReLU → GAP → Gemm 4 → 3. */
function block(): SimGraph {
  const ops: SimOp[] = [
    { kind: 'conv', name: 'a', input: 0, output: 1, conv },
    { kind: 'relu', name: 'r1', input: 1, output: 2, max: Infinity },
    { kind: 'conv', name: 'b', input: 2, output: 3, conv },
    { kind: 'add', name: 'add', inputs: [2, 3], output: 4 },
    { kind: 'relu', name: 'r2', input: 4, output: 5, max: Infinity },
    { kind: 'gap', name: 'gap', input: 5, output: 6 },
    { kind: 'gemm', name: 'fc', input: 6, output: 7, conv },
  ];
  const hw4 = [2, 2, 4];
  return {
    ops,
    shapes: [[2, 2, 1], hw4, hw4, hw4, hw4, hw4, [1, 1, 4], [3]],
    input: 0,
    output: 7,
    inputShape: [2, 2, 1],
  };
}

describe('value slots', () => {
  it('reuses a buffer once its value has been read for the last time', () => {
    // v0 (input) keeps slot 0; v1 slot 1; v2 (read by add at op 3) slot 2; v3 takes slot 1 (v1 was last read at
    // op 1); v4 needs a new slot 3 (v2 and v3 are read by the op that writes it); v5 takes slot 1 (v2, v3 done);
    // v6 takes slot 2 (v4 done; slots 2 and 3 free, the first smallest that fits); v7 takes slot 1 (v5 done)
    const s = valueSlots(block());
    expect(s.slot).toEqual([0, 1, 2, 1, 3, 1, 2, 1]);
    expect(s.floats).toEqual([4, 16, 16, 16]);
    expect(slotFloats(block())).toBe(52);
  });

  it('never gives an op its output in the buffer of one of its inputs', () => {
    const g = block();
    const { slot } = valueSlots(g);
    for (const op of g.ops)
      for (const i of 'inputs' in op ? op.inputs : [op.input]) expect(slot[op.output]).not.toBe(slot[i]);
  });
});
