// The simulator in its worker threads: progress, cancellation, measured rates, the same counts on any
// number of threads, memory planned against a budget.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { simulateFile, type SimulationProgress, type SimulationResult } from '../../../src/node/simulate';
import { progressBuffer, readProgress, readSlot } from '../../../src/node/sim-progress';
import { ensureBuilt, ROOT } from '../cli/run-cli';

beforeAll(ensureBuilt, 120_000);
// several worker pools per test: generous limits for a loaded 2-core machine (no assertion is on time)
vi.setConfig({ testTimeout: 120_000 });
const worker = `${ROOT}dist/sim-worker.js`;
const fixture = (p: string) => `${ROOT}test/fixtures/${p}`;

async function run(model: string, options: object): Promise<SimulationResult> {
  const r = await simulateFile(fixture(model), { workerPath: worker, ...options });
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('simulateFile', () => {
  it('reports phase, sample, timestep, layer and time left, and returns per-layer rates', async () => {
    const seen: SimulationProgress[] = [];
    const r = await simulateFile(
      fixture('onnx/resnet_tiny.onnx'),
      { randomInputs: 400, timesteps: 3, threads: 2, workerPath: worker },
      { onProgress: (p) => seen.push(p), progressMs: 5 },
    );
    if ('error' in r) throw new Error(r.error);
    expect(r.layers.map((l) => l.name)).toEqual(['/Relu', '/Relu_1', '/Relu_2']);
    expect(r.samples).toBe(400);
    expect(r.threads).toBe(2);
    expect(seen.length).toBeGreaterThan(0);
    const names = [
      '/stem/Conv',
      '/Relu',
      '/c1/Conv',
      '/Relu_1',
      '/c2/Conv',
      '/Add',
      '/Relu_2',
      '/GlobalAveragePool',
      '/Flatten',
      '/fc/Gemm',
    ];
    for (const p of seen) {
      expect(names).toContain(p.layer);
      expect(p.samples).toBe(400);
      expect(p.sample).toBeLessThan(400);
      expect(p.timestep).toBeLessThanOrEqual(3);
      expect(p.threads).toBe(2);
    }
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(seen.some((p) => p.phase === 'simulation' && p.etaMs !== undefined)).toBe(true);
  });

  it('gives bit-identical counts on 1, 2 and 3 threads (and whatever batches the pool forms)', async () => {
    const opts = { randomInputs: 37, timesteps: 4 };
    for (const model of ['sim/branchy.onnx', 'onnx/resnet_tiny.onnx']) {
      const runs = await Promise.all([1, 2, 3].map((threads) => run(model, { ...opts, threads })));
      expect(runs.map((r) => r.threads)).toEqual([1, 2, 3]);
      const [one, ...more] = runs.map((r) => ({
        layers: r.layers,
        weighted: r.weighted,
        mean: r.meanSpikeRate,
        agreement: r.agreement,
      }));
      for (const m of more) expect(m).toEqual(one);
    }
  });

  it('one sample split over 1, 2 and 3 threads (bands of each layer): bit-identical counts', async () => {
    for (const model of ['sim/branchy.onnx', 'onnx/resnet_tiny.onnx', 'onnx/cnn_bn.onnx']) {
      const runs = [];
      for (const threads of [1, 2, 3]) runs.push(await run(model, { randomInputs: 1, timesteps: 4, threads, seed: 3 }));
      // the threads really ran: one sample, yet as many threads as asked
      expect(runs.map((r) => r.threads)).toEqual([1, 2, 3]);
      const [one, ...more] = runs.map((r) => ({ layers: r.layers, weighted: r.weighted, agreement: r.agreement }));
      for (const m of more) expect(m).toEqual(one);
      expect(one.weighted.every((w) => w.synapticOps > 0)).toBe(true);
    }
  });

  it('a cancel stops every thread of a team sharing one sample (none is left waiting at a barrier)', async () => {
    const abort = new AbortController();
    const shared = progressBuffer();
    const counters = new Int32Array(shared);
    let asked = 0;
    const p = simulateFile(
      fixture('onnx/cnn_bn.onnx'),
      { randomInputs: 1, timesteps: 1_000_000, threads: 2, workerPath: worker },
      {
        signal: abort.signal,
        progressBuffer: shared,
        onProgress: (q) =>
          q.phase === 'simulation' && q.timestep > 50 && !asked && (asked = performance.now()) && abort.abort(),
      },
    );
    expect(await p).toEqual({ error: 'cancelled' });
    // the promise settles at the latest 100 ms after, once every thread has stopped (the bound leaves room for a
    // loaded machine: this shared 2-core one runs the other test files beside it)
    expect(performance.now() - asked).toBeLessThan(1000);
    const at = [0, 1].map((k) => readSlot(counters, k));
    // both threads had got into the simulation, and neither moves on
    for (const s of at) expect(s.timestep).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 400));
    expect([0, 1].map((k) => readSlot(counters, k))).toEqual(at);
  });

  it('a cancel stops every thread: the promise says cancelled and the shared counters stop moving', async () => {
    const abort = new AbortController();
    const shared = progressBuffer();
    const counters = new Int32Array(shared);
    const p = simulateFile(
      fixture('onnx/cnn_bn.onnx'),
      { randomInputs: 5000, threads: 2, workerPath: worker },
      {
        signal: abort.signal,
        progressBuffer: shared,
        onProgress: (q) => q.phase === 'simulation' && abort.abort(),
      },
    );
    expect(await p).toEqual({ error: 'cancelled' });
    const at = readProgress(counters);
    await new Promise((r) => setTimeout(r, 400));
    expect(readProgress(counters).done).toBe(at.done);
    expect(at.done).toBeLessThan(at.total);
  });

  it('a cancel during threshold calibration stops it too', async () => {
    const abort = new AbortController();
    const shared = progressBuffer();
    const p = simulateFile(
      fixture('onnx/cnn_bn.onnx'),
      { randomInputs: 20000, workerPath: worker },
      { signal: abort.signal, progressBuffer: shared, onProgress: (q) => q.phase === 'calibration' && abort.abort() },
    );
    expect(await p).toEqual({ error: 'cancelled' });
    const at = readProgress(new Int32Array(shared));
    await new Promise((r) => setTimeout(r, 400));
    expect(readProgress(new Int32Array(shared)).done).toBe(at.done);
    expect(at.done).toBeLessThan(20000);
  });

  it('refuses, in words, a run that does not fit the memory budget', async () => {
    // 2000 inputs of 3×16×16 float32 are 6,144,000 bytes (5.9 MB) on their own
    const r = await simulateFile(fixture('onnx/cnn_bn.onnx'), {
      randomInputs: 2000,
      memoryBudgetMB: 4,
      workerPath: worker,
    });
    expect(r).toEqual({ error: expect.stringMatching(/more than the memory budget of 4\.0 MB: raise the budget/) });
  });

  it('reports memory: within the budget, and the process peak', async () => {
    const r = await run('onnx/cnn_bn.onnx', { randomInputs: 16, memoryBudgetMB: 64, threads: 2 });
    expect(r.memory.budgetBytes).toBe(64 * 2 ** 20);
    expect(r.memory.plannedBytes).toBeLessThanOrEqual(r.memory.budgetBytes);
    expect(r.memory.plannedBytes).toBeGreaterThan(16 * 3 * 16 * 16 * 4);
    expect(r.memory.peakRssBytes).toBeGreaterThan(r.memory.plannedBytes);
  });

  it('says which file and why when the model cannot be simulated', async () => {
    const r = await simulateFile(fixture('onnx/lstm.onnx'), { workerPath: worker });
    expect(r).toEqual({ error: expect.stringMatching(/LSTM \(node \/lstm\//) });
  });
});
