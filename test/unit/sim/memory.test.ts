// Planning a run against a memory budget: threads and batches that fit, a refusal in words when nothing does.
import { describe, expect, it } from 'vitest';
import type { SimGraph, SimOp } from '../../../src/core/sim/types';
import { memoryNeeds, planRun } from '../../../src/core/sim/memory';

/** Input [4, 4, 2] → 3×3 conv (pad 1) to [4, 4, 8] → ReLU → GAP → Gemm 8 → 10, built by hand. */
function tiny(): SimGraph {
  const conv = {
    inH: 4,
    inW: 4,
    inC: 2,
    outH: 4,
    outW: 4,
    outC: 8,
    kh: 3,
    kw: 3,
    sh: 1,
    sw: 1,
    ph: 1,
    pw: 1,
    dh: 1,
    dw: 1,
    groups: 1,
    w: new Float32Array(2 * 9 * 8),
    b: new Float32Array(8),
  };
  const fc = {
    ...conv,
    inH: 1,
    inW: 1,
    inC: 8,
    outH: 1,
    outW: 1,
    outC: 10,
    kh: 1,
    kw: 1,
    ph: 0,
    pw: 0,
    w: new Float32Array(80),
    b: new Float32Array(10),
  };
  const ops: SimOp[] = [
    { kind: 'conv', name: 'c', input: 0, output: 1, conv },
    { kind: 'relu', name: 'r', input: 1, output: 2, max: Infinity },
    { kind: 'gap', name: 'g', input: 2, output: 3 },
    { kind: 'gemm', name: 'f', input: 3, output: 4, conv: fc },
  ];
  return {
    ops,
    shapes: [[4, 4, 2], [4, 4, 8], [4, 4, 8], [1, 1, 8], [10]],
    input: 0,
    output: 4,
    inputShape: [4, 4, 2],
  };
}

describe('memory plan', () => {
  const g = tiny();
  // weights: (144 + 8 + 80 + 10) floats = 968 bytes, held once (the threads share one WebAssembly memory);
  // each thread copies the biases: (8 + 10) floats = 72 bytes
  // percentile heap for p = 99.9 over 128 positions × 10 samples: ceil(1280 · 0.001) + 2 = 4 doubles = 32 bytes
  // activations per sample, values that never live at once sharing a buffer: the input (32 floats, kept),
  // the conv's output (128), the ReLU's (128); the GAP's output (8) reuses the conv's buffer (read by the ReLU,
  // done by then) and the Gemm's (10) the ReLU's: 288 floats = 1152 bytes; membranes 128 floats = 512 bytes
  // first layer's fixed current: 128 floats = 512 bytes; conv scratch 4·(2 + 7·32 + 128) + 64 = 1480 bytes (the larger)
  it('adds up weights, heaps, activations, membranes and scratch', () => {
    expect(memoryNeeds(g, 10, 99.9)).toEqual({ weights: 968, fixed: 72 + 32, perSample: 1152 + 512 + 512 + 1480 });
  });

  it('gives every thread its share of samples when the budget allows', () => {
    const plan = planRun(g, {
      samples: 10,
      calibrationSamples: 0,
      threads: 2,
      budgetBytes: 1 << 20,
      thresholdPercentile: 99.9,
    });
    // shared: weights 968 + inputs 10 × 32 floats = 1280 bytes; per thread: 104 + 5 samples × 3656
    expect(plan).toEqual({
      threads: 2,
      batch: 5,
      perThreadBytes: 104 + 5 * 3656,
      arenaBytes: 5 * 3656,
      sharedBytes: 968 + 1280,
      plannedBytes: 968 + 1280 + 2 * (104 + 5 * 3656),
    });
  });

  it('drops threads, then shrinks batches, to stay within the budget', () => {
    // one thread with one sample: 2248 + 104 + 3656 = 6008 bytes; two: 2248 + 2 · 3760 = 9768
    const one = planRun(g, {
      samples: 10,
      calibrationSamples: 0,
      threads: 2,
      budgetBytes: 9700,
      thresholdPercentile: 99.9,
    });
    expect(one).toMatchObject({ threads: 1, batch: 2 }); // floor((9700 − 2248 − 104) / 3656) = 2
    if ('error' in one) throw new Error(one.error);
    expect(one.plannedBytes).toBeLessThanOrEqual(9700);
  });

  it('refuses in words when one sample on one thread does not fit', () => {
    const r = planRun(g, {
      samples: 10,
      calibrationSamples: 0,
      threads: 4,
      budgetBytes: 5000,
      thresholdPercentile: 99.9,
    });
    // 6008 bytes = 5.9 KB: weights 968 bytes, heap 32 + biases 72 = 104 bytes, one sample 3656 = 3.6 KB, inputs 1280 = 1.3 KB
    expect(r).toEqual({
      error:
        'the simulation needs at least 5.9 KB (model weights 968 bytes, threshold statistics and biases 104 bytes, one ' +
        "sample's activations and membranes 3.6 KB, the inputs 1.3 KB), more than the memory budget of 4.9 KB: " +
        'raise the ' +
        'budget (--memory-budget, setting snnEnergy.simulator.memoryBudgetMB) or simulate fewer samples',
    });
  });
});
