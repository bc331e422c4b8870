// One WebAssembly memory per simulation: the weights are written there once, as the model is read, and every
// thread runs on them; a helper thread copies none of them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { simulateFile, type SimulationResult } from '../../../src/node/simulate';
import { mulberry32 } from '../../../src/core/sim/prng';
import { sharedMemory, weightFloats, weights } from '../../../src/core/sim/wasm/heap';
import { ensureBuilt, ROOT } from '../cli/run-cli';

beforeAll(ensureBuilt, 120_000);
vi.setConfig({ testTimeout: 120_000 });

/** x[N, 1024] → Gemm 1024 → ReLU → Gemm 10: 4.2 MB of weights, next to which a batch's activations are small. */
function mlp(): { path: string; weightBytes: number } {
  const r = mulberry32(7);
  const tensor = (name: string, dims: number[]) =>
    onnx.TensorProto.create({
      name,
      dims,
      dataType: onnx.TensorProto.DataType.FLOAT,
      floatData: Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => (r() - 0.5) / 16),
    });
  const io = (name: string, n: number) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType: onnx.TensorProto.DataType.FLOAT,
          shape: { dim: [{ dimParam: 'N' }, { dimValue: n }] },
        },
      },
    });
  const transB = onnx.AttributeProto.create({ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'mlp',
      input: [io('x', 1024)],
      output: [io('y', 10)],
      initializer: [tensor('w1', [1024, 1024]), tensor('b1', [1024]), tensor('w2', [10, 1024]), tensor('b2', [10])],
      node: [
        { opType: 'Gemm', input: ['x', 'w1', 'b1'], output: ['h'], name: 'fc1', attribute: [transB] },
        { opType: 'Relu', input: ['h'], output: ['a'], name: 'relu' },
        { opType: 'Gemm', input: ['a', 'w2', 'b2'], output: ['y'], name: 'fc2', attribute: [transB] },
      ],
    },
  });
  const path = join(mkdtempSync(join(tmpdir(), 'snn-shared-')), 'mlp.onnx');
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
  return { path, weightBytes: 4 * (1024 * 1024 + 1024 + 10 * 1024 + 10) };
}

describe('shared WebAssembly memory', () => {
  it('weights made in it are used in place: the kernels reserve nothing more for them', () => {
    const w = weightFloats(4096);
    if (!w) return expect(sharedMemory()).toBeUndefined(); // no WebAssembly SIMD here: nothing to share
    const next = () => new Int32Array(sharedMemory()!.buffer, 0, 1)[0];
    const before = next();
    expect(weights(w)).toBe(w.byteOffset);
    expect(next()).toBe(before);
    // an array outside it is copied in once
    const outside = new Float32Array(1000).fill(2);
    const at = weights(outside)!;
    expect(next()).toBe(before + 4000);
    expect(weights(outside)).toBe(at);
    expect(Array.from(new Float32Array(sharedMemory()!.buffer, at, 1000))).toEqual(Array.from(outside));
  });

  it('a second thread adds its batch, not another copy of the weights; the rates are the same bits', async () => {
    const { path, weightBytes } = mlp();
    const run = async (threads: number) => {
      const r = await simulateFile(path, {
        randomInputs: 8,
        timesteps: 3,
        threads,
        workerPath: `${ROOT}dist/sim-worker.js`,
      });
      if ('error' in r) throw new Error(r.error);
      return r as SimulationResult;
    };
    const one = await run(1);
    const two = await run(2);
    expect(two.threads).toBe(2);
    expect(two.layers.map((l) => l.spikeRate)).toEqual(one.layers.map((l) => l.spikeRate));
    expect(one.memory.wasmBytes).toBeGreaterThan(weightBytes);
    // a copy of the weights per thread would add 4.2 MB; a batch of 4 samples is a few KB (64 KB pages)
    expect(two.memory.wasmBytes - one.memory.wasmBytes).toBeLessThan(weightBytes / 8);
  });
});
