// The simulator in its worker thread: progress, cancellation within 100 ms, measured rates.
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

  it('stops within 100 ms of a cancel', async () => {
    const abort = new AbortController();
    let started = 0;
    const p = simulateFile(
      `${ROOT}test/fixtures/onnx/cnn_bn.onnx`,
      { randomInputs: 5000, workerPath: worker },
      {
        signal: abort.signal,
        onProgress: () => {
          if (!started) {
            started = performance.now();
            abort.abort();
          }
        },
      },
    );
    const r = await p;
    expect(r).toEqual({ error: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(150);
  });

  it('stops within 100 ms of a cancel during threshold calibration too', async () => {
    const abort = new AbortController();
    const p = simulateFile(
      `${ROOT}test/fixtures/onnx/cnn_bn.onnx`,
      { randomInputs: 20000, workerPath: worker },
      { signal: abort.signal },
    );
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    abort.abort();
    expect(await p).toEqual({ error: 'cancelled' });
    expect(performance.now() - t0).toBeLessThan(150);
  });

  it('says which file and why when the model cannot be simulated', async () => {
    const r = await simulateFile(`${ROOT}test/fixtures/onnx/lstm.onnx`, { workerPath: worker });
    expect(r).toEqual({ error: expect.stringMatching(/cannot simulate \w+ \(node \/lstm\//) });
  });
});
