// The simulator in its worker thread: progress, cancellation (the run stops where it is), measured rates.
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateFile } from '../../../src/node/simulate';
import { ensureBuilt, ROOT } from '../cli/run-cli';

beforeAll(ensureBuilt, 120_000);
const worker = `${ROOT}dist/sim-worker.js`;

describe('simulateFile', () => {
  it('reports progress per batch of samples and timestep and returns per-layer rates', async () => {
    const seen: string[] = [];
    const r = await simulateFile(
      `${ROOT}test/fixtures/onnx/resnet_tiny.onnx`,
      { randomInputs: 20, timesteps: 3, workerPath: worker },
      { onProgress: (p) => seen.push(`${p.sample}+${p.batchSize}/${p.timestep}`) },
    );
    if ('error' in r) throw new Error(r.error);
    expect(seen).toEqual(['0+16/1', '0+16/2', '0+16/3', '16+4/1', '16+4/2', '16+4/3']);
    expect(r.layers.map((l) => l.name)).toEqual(['/Relu', '/Relu_1', '/Relu_2']);
    expect(r.samples).toBe(20);
    expect(r.wallMs).toBeGreaterThan(0);
  });

  it('stops at the step it is in when cancelled', async () => {
    const abort = new AbortController();
    let after = -1;
    const p = simulateFile(
      `${ROOT}test/fixtures/onnx/cnn_bn.onnx`,
      { randomInputs: 5000, timesteps: 6, workerPath: worker },
      {
        signal: abort.signal,
        onProgress: () => {
          if (after < 0) abort.abort();
          after++;
        },
      },
    );
    const r = await p;
    expect(r).toEqual({ error: 'cancelled' });
    // 5000 samples × 6 timesteps would report 1 878 times (batches of 16); the run stops within its batch
    expect(after).toBeLessThan(6);
  });

  it('stops during threshold calibration too, before simulating any timestep', async () => {
    const abort = new AbortController();
    let steps = 0;
    const p = simulateFile(
      `${ROOT}test/fixtures/onnx/cnn_bn.onnx`,
      { randomInputs: 20000, workerPath: worker },
      { signal: abort.signal, onProgress: () => steps++ },
    );
    await new Promise((r) => setTimeout(r, 300));
    abort.abort();
    expect(await p).toEqual({ error: 'cancelled' });
    expect(steps).toBe(0);
  });

  it('says which file and why when the model cannot be simulated', async () => {
    const r = await simulateFile(`${ROOT}test/fixtures/onnx/lstm.onnx`, { workerPath: worker });
    expect(r).toEqual({ error: expect.stringMatching(/cannot simulate \w+ \(node \/lstm\//) });
  });
});
