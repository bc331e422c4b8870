import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { MeasuredActivity } from '../core/analysis/types';
import type { SimProgress, SimResult } from '../core/sim/run';
import { textTable } from '../core/report/text-table';
import { percent } from '../core/units';

export interface SimulateOptions {
  readonly input?: string;
  readonly randomInputs?: number;
  readonly calibration?: string;
  readonly timesteps?: number;
  readonly thresholdPercentile?: number;
  readonly vInit?: number;
  readonly encoding?: 'direct' | 'poisson';
  readonly seed?: number;
  /** Size caps (bytes) for the model, external data and .npy inputs, and for JSON inputs; and how to raise them. */
  readonly maxBinaryBytes?: number;
  readonly maxTextBytes?: number;
  readonly binaryLimitName?: string;
  readonly textLimitName?: string;
  /** dist/sim-worker.js; defaults to the one next to this bundle. */
  readonly workerPath?: string;
}

/** A finished simulation: the simulator's counts plus the wall time measured here and the model path. */
export type SimulationResult = SimResult & { readonly wallMs: number; readonly model: string };

export type SimulationOutcome = SimulationResult | { readonly error: string };

export interface WorkerRequest {
  readonly modelPath: string;
  readonly options: SimulateOptions;
  readonly cancel: SharedArrayBuffer;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly progress: SimProgress }
  | { readonly type: 'done'; readonly result: SimResult }
  | { readonly type: 'error'; readonly error: string };

/**
 * Run the simulator on an ONNX file in a worker thread (dist/sim-worker.js next to this bundle): the
 * caller's thread never blocks. Progress per batch of samples and timestep; aborting the signal sets a
 * shared flag the worker polls between ops, and the promise resolves `{ error: 'cancelled' }` at the
 * latest 100 ms later (the worker is terminated if it has not stopped by then). Never rejects.
 */
export function simulateFile(
  modelPath: string,
  options: SimulateOptions,
  hooks: { onProgress?(p: SimProgress): void; signal?: AbortSignal } = {},
): Promise<SimulationOutcome> {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const worker = new Worker(options.workerPath ?? join(__dirname, 'sim-worker.js'), {
      workerData: { modelPath, options: { ...options, workerPath: undefined }, cancel } satisfies WorkerRequest,
    });
    let settled = false;
    const finish = (r: SimulationOutcome) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(r);
    };
    const onAbort = () => {
      Atomics.store(flag, 0, 1);
      setTimeout(() => finish({ error: 'cancelled' }), 100);
    };
    if (hooks.signal?.aborted) onAbort();
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') hooks.onProgress?.(m.progress);
      else if (m.type === 'done') finish({ ...m.result, wallMs: performance.now() - t0, model: modelPath });
      else finish({ error: m.error });
    });
    worker.on('error', (e) => finish({ error: `simulator failed: ${e.message}` }));
    worker.on('exit', (code) => finish({ error: code === 0 ? 'cancelled' : `simulator exited with code ${code}` }));
  });
}

/** Measured rates for the energy model: each IF (ReLU) layer's spike rate and ANN density. */
export function measuredActivity(r: SimResult): Map<string, MeasuredActivity> {
  return new Map(r.layers.map((l) => [l.name, { spikeRate: l.spikeRate, annDensity: l.annDensity }]));
}

/** The JSON report (`snn-energy simulate --format json`). */
export function simulationJson(r: SimulationResult) {
  return {
    model: r.model,
    samples: r.samples,
    timesteps: r.timesteps,
    options: r.options,
    meanSpikeRate: r.meanSpikeRate,
    agreement: r.agreement,
    wallMs: r.wallMs,
    layers: r.layers.map((l) => ({
      name: l.name,
      spikeRate: l.spikeRate,
      spikesPerNeuron: l.spikesPerNeuron,
      threshold: l.threshold,
      annDensity: l.annDensity,
      neurons: l.neurons,
    })),
    weighted: r.weighted,
  };
}

/** The text report (`snn-energy simulate`, default format). */
export function formatSimulationTable(r: SimulationResult): string {
  const head = `Simulated ${r.model}: ${r.samples} samples × T = ${r.timesteps} (${r.options.encoding} encoding, threshold p${r.options.thresholdPercentile}, v(0) = ${r.options.vInit}·θ, seed ${r.options.seed}) in ${(r.wallMs / 1000).toFixed(2)} s`;
  const ifTable = textTable(
    ['IF layer', 'neurons', 'spike rate', 'spikes/neuron', 'threshold', 'ANN density'],
    r.layers.map((l) => [
      l.name,
      String(l.neurons),
      percent(l.spikeRate, 2),
      l.spikesPerNeuron.toFixed(3),
      l.threshold.toPrecision(4),
      percent(l.annDensity, 1),
    ]),
  );
  const wTable = textTable(
    ['weighted layer', 'input spike rate', 'synaptic ops', 'output IF layer', 'output spike rate'],
    r.weighted.map((w) => [
      w.name,
      w.analogInput ? 'analog' : percent(w.inputSpikeRate, 2),
      w.synapticOps.toExponential(3),
      w.outputLayer ?? '(output)',
      w.outputSpikeRate === undefined ? '–' : percent(w.outputSpikeRate, 2),
    ]),
  );
  return `${head}\n\n${ifTable}\n\n${wTable}\n\nmean spike rate ${percent(r.meanSpikeRate, 2)}, SNN/ANN agreement ${percent(r.agreement, 1)}\n`;
}
