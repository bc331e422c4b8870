import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { MeasuredActivity } from '../core/analysis/types';
import type { SimResult } from '../core/sim/run';
import { textTable } from '../core/report/text-table';
import { percent } from '../core/units';
import { progressBuffer, readProgress, TimeLeft } from './sim-progress';

export interface SimulateOptions {
  readonly input?: string;
  readonly randomInputs?: number;
  readonly calibration?: string;
  readonly timesteps?: number;
  readonly thresholdPercentile?: number;
  readonly vInit?: number;
  readonly encoding?: 'direct' | 'poisson';
  readonly seed?: number;
  /** Threads (default: every core), fewer when the memory budget or the number of samples says so. */
  readonly threads?: number;
  /** Memory budget in MiB (default: half the machine's memory). */
  readonly memoryBudgetMB?: number;
  /** Multiplies every balanced threshold (benchmarks and what-ifs; default 1). */
  readonly thresholdScale?: number;
  /** Size caps (bytes) for the model, external data and .npy inputs, and for JSON inputs; and how to raise them. */
  readonly maxBinaryBytes?: number;
  readonly maxTextBytes?: number;
  readonly binaryLimitName?: string;
  readonly textLimitName?: string;
  /** dist/sim-worker.js; defaults to the one next to this bundle. */
  readonly workerPath?: string;
}

/** Memory of a run: the budget, what the plan needed, WebAssembly memory of all threads, the process's peak. */
export interface SimMemory {
  readonly budgetBytes: number;
  readonly plannedBytes: number;
  readonly wasmBytes: number;
  /** Peak resident memory of the whole process (all threads), from the OS. */
  readonly peakRssBytes: number;
}

/** A finished simulation: the simulator's counts plus the wall time, threads and memory measured here. */
export type SimulationResult = SimResult & {
  readonly wallMs: number;
  readonly model: string;
  readonly threads: number;
  readonly memory: SimMemory;
  /** Wall time of each phase, measured by the lead thread. */
  readonly phaseMs: PhaseTimes;
};

/** Reading the model and inputs; the ANN pass (thresholds, predictions); the SNN's timesteps. */
export interface PhaseTimes {
  readonly load: number;
  readonly calibration: number;
  readonly simulation: number;
}

export type SimulationOutcome = SimulationResult | { readonly error: string };

export interface WorkerRequest {
  readonly modelPath: string;
  readonly options: SimulateOptions;
  readonly cancel: SharedArrayBuffer;
  readonly progress: SharedArrayBuffer;
}

export type WorkerMessage =
  | {
      readonly type: 'plan';
      readonly threads: number;
      readonly batch: number;
      readonly samples: number;
      readonly timesteps: number;
      readonly layers: readonly string[];
    }
  | {
      readonly type: 'done';
      readonly result: SimResult;
      readonly threads: number;
      readonly batch: number;
      readonly memory: SimMemory;
      readonly phaseMs: PhaseTimes;
    }
  | { readonly type: 'error'; readonly error: string };

/** Where a run is, for a progress display: phase, the first thread's sample, timestep and layer, time left. */
export interface SimulationProgress {
  readonly phase: 'calibration' | 'simulation';
  readonly sample: number;
  readonly samples: number;
  readonly batchSize: number;
  readonly timestep: number;
  readonly timesteps: number;
  readonly layer: string;
  readonly threads: number;
  /** Share of the run's work done, 0..1. */
  readonly fraction: number;
  /**
   * Estimated time left from the measured speed of the current phase: of the calibration while calibrating,
   * of the whole run while simulating (undefined until the phase has finished something).
   */
  readonly etaMs?: number;
}

export interface SimulateHooks {
  /** Called every `progressMs` (100) while something changes. */
  onProgress?(p: SimulationProgress): void;
  signal?: AbortSignal;
  progressMs?: number;
  /** The shared progress counters (to watch the threads from outside, e.g. that all stopped after a cancel). */
  progressBuffer?: SharedArrayBuffer;
}

/**
 * Run the simulator on an ONNX file in worker threads (dist/sim-worker.js next to this bundle: a lead
 * thread that starts its helpers): the caller's thread never blocks. Progress is read from shared
 * counters on a timer; aborting the signal sets a shared flag every thread polls between ops, and the
 * promise resolves `{ error: 'cancelled' }` at the latest 100 ms later (the threads are terminated if
 * they have not stopped by then), once every thread has stopped. Never rejects.
 */
export function simulateFile(
  modelPath: string,
  options: SimulateOptions,
  hooks: SimulateHooks = {},
): Promise<SimulationOutcome> {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const progress = hooks.progressBuffer ?? progressBuffer();
  const t0 = performance.now();
  return new Promise((resolve) => {
    const request: WorkerRequest = { modelPath, options: { ...options, workerPath: undefined }, cancel, progress };
    const worker = new Worker(options.workerPath ?? join(__dirname, 'sim-worker.js'), { workerData: request });
    let settled = false;
    let plan: Extract<WorkerMessage, { type: 'plan' }> | undefined;
    const timer = setInterval(() => plan && report(), hooks.progressMs ?? 100);
    let last = '';
    const timeLeft = new TimeLeft();
    const report = () => {
      const p = readProgress(new Int32Array(progress));
      if (p.phase === 'starting' || !plan) return;
      const key = `${p.done} ${p.sample} ${p.timestep} ${p.op}`;
      if (key === last) return;
      last = key;
      hooks.onProgress?.({
        phase: p.phase,
        sample: p.sample,
        samples: plan.samples,
        batchSize: p.batchSize,
        timestep: p.timestep,
        timesteps: plan.timesteps,
        layer: plan.layers[p.op] ?? '',
        threads: plan.threads,
        fraction: p.total ? p.done / p.total : 0,
        etaMs: timeLeft.estimate(p.phase, p.done, p.total, plan.samples * plan.timesteps),
      });
    };
    const finish = (r: SimulationOutcome) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      hooks.signal?.removeEventListener('abort', onAbort);
      // settle once the lead thread (and with it every helper it started) has stopped, so that nothing moves after
      const settle = () => resolve(r);
      worker.terminate().then(settle, settle);
    };
    const onAbort = () => {
      Atomics.store(flag, 0, 1);
      setTimeout(() => finish({ error: 'cancelled' }), 100);
    };
    if (hooks.signal?.aborted) onAbort();
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'plan') plan = m;
      else if (m.type === 'done')
        finish({
          ...m.result,
          wallMs: performance.now() - t0,
          model: modelPath,
          threads: m.threads,
          memory: m.memory,
          phaseMs: m.phaseMs,
        });
      else finish({ error: m.error });
    });
    const cancelled = () => Atomics.load(flag, 0) === 1;
    worker.on('error', (e) => finish({ error: cancelled() ? 'cancelled' : `simulator failed: ${e.message}` }));
    worker.on('exit', (code) => finish({ error: code === 0 ? 'cancelled' : `simulator exited with code ${code}` }));
  });
}

/** One line for a progress display: phase, sample, timestep, layer, threads and time left. */
export function describeProgress(p: SimulationProgress): string {
  const where =
    p.phase === 'calibration'
      ? `calibrating: sample ${p.sample + 1}/${p.samples}`
      : `simulating: sample ${p.sample + 1}/${p.samples}, timestep ${p.timestep}/${p.timesteps}`;
  const left =
    p.etaMs === undefined
      ? ''
      : `, about ${formatDuration(p.etaMs)} left${p.phase === 'calibration' ? ' in calibration' : ''}`;
  return `${where}, layer ${p.layer} (${p.threads} thread${p.threads === 1 ? '' : 's'})${left}`;
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
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
    threads: r.threads,
    memory: r.memory,
    phaseMs: r.phaseMs,
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
  const head = `Simulated ${r.model}: ${r.samples} samples × T = ${r.timesteps} (${r.options.encoding} encoding, threshold p${r.options.thresholdPercentile}, v(0) = ${r.options.vInit}·θ, seed ${r.options.seed}) in ${(r.wallMs / 1000).toFixed(2)} s on ${r.threads} thread${r.threads === 1 ? '' : 's'}`;
  const m = r.memory;
  const mem = `memory: planned ${mib(m.plannedBytes)} of a ${mib(m.budgetBytes)} budget; WebAssembly ${mib(m.wasmBytes)}; peak resident ${mib(m.peakRssBytes)} (whole process)`;
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
  return `${head}\n${mem}\n\n${ifTable}\n\n${wTable}\n\nmean spike rate ${percent(r.meanSpikeRate, 2)}, SNN/ANN agreement ${percent(r.agreement, 1)}\n`;
}
