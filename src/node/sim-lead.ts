import { availableParallelism, totalmem } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { mergeAnn, thresholdsOf, type AnnPass } from '../core/sim/calibrate';
import { Cancelled, size } from '../core/sim/forward';
import type { SimGraph } from '../core/sim/types';
import { parseJsonInputs, randomInputs, samplesFrom } from '../core/sim/inputs';
import { planRun, splitFloats } from '../core/sim/memory';
import { teamBuffers, TeamFailed } from '../core/sim/team';
import { parseNpy } from '../core/sim/npy';
import { report } from '../core/sim/result';
import { mergeSnn, thresholdList, type SimOptions } from '../core/sim/run';
import { inSharedMemory, sharedMemory, wasmMemoryBytes, weightFloats } from '../core/sim/wasm/heap';
import { openGraph, runShard, shardOf, type FromShard, type ShardSetup, type ToShard } from './sim-shard';
import { MAX_THREADS, setTotal } from './sim-progress';
import type { WorkerMessage, WorkerRequest } from './simulate';
import { BINARY_LIMIT, readFailure, readRegularFileSync, TEXT_LIMIT, type FileLimit } from './file-source';

/**
 * The lead thread of the simulator's pool: reads the model and inputs, plans threads and batches within
 * the memory budget, starts the helper threads, runs its own share of each phase, merges the parts
 * (thresholds from the whole calibration pass, once) and reports.
 */
export async function leadMain(req: WorkerRequest): Promise<WorkerMessage> {
  const o = req.options;
  const t0 = performance.now();
  const limits: Limits = {
    binary: o.maxBinaryBytes
      ? { maxBytes: o.maxBinaryBytes, raiseWith: o.binaryLimitName ?? '--max-binary-mb' }
      : BINARY_LIMIT,
    text: o.maxTextBytes ? { maxBytes: o.maxTextBytes, raiseWith: o.textLimitName ?? '--max-text-mb' } : TEXT_LIMIT,
  };
  const wanted = Math.min(MAX_THREADS, o.threads ?? availableParallelism());
  // the weights are laid out in the kernels' (shared) WebAssembly memory as they are read: no thread copies
  // them, and the helpers get the graph without reading the file again (plain shared memory without WebAssembly)
  const alloc = (n: number) => weightFloats(n) ?? (wanted > 1 ? sharedFloats(n) : new Float32Array(n));
  const built = openGraph(req.modelPath, limits.binary, alloc);
  if ('error' in built) return { type: 'error', error: built.error };
  const g = wanted > 1 ? sharedWeights(built) : built;
  const inputs = load(g, o.input, o.randomInputs ?? 16, o.seed ?? 0, limits);
  if ('error' in inputs) return { type: 'error', error: inputs.error };
  const calibration = o.calibration ? load(g, o.calibration, 0, 0, limits) : undefined;
  if (calibration && 'error' in calibration) return { type: 'error', error: calibration.error };
  const options: SimOptions = {
    timesteps: o.timesteps ?? 6,
    thresholdPercentile: o.thresholdPercentile ?? 99.9,
    vInit: o.vInit ?? 0.5,
    encoding: o.encoding ?? 'direct',
    seed: o.seed ?? 0,
    ...(o.thresholdScale !== undefined ? { thresholdScale: o.thresholdScale } : {}),
  };
  const budgetBytes = o.memoryBudgetMB !== undefined ? o.memoryBudgetMB * 2 ** 20 : defaultBudget();
  const plan = planRun(g, {
    samples: inputs.length,
    calibrationSamples: calibration?.length ?? 0,
    threads: wanted,
    budgetBytes,
    thresholdPercentile: options.thresholdPercentile,
    // fewer samples than threads: the threads share each batch, each a band of the big layers' rows
    split: inputs.length < wanted,
  });
  if ('error' in plan) return { type: 'error', error: plan.error };
  const perSample = size(g.inputShape);
  // from here on only the shared copies of the inputs are used (the parsed arrays can go)
  const n = inputs.length;
  const nCalibration = calibration?.length ?? 0;
  const units = n * (1 + options.timesteps) + nCalibration;
  setTotal(new Int32Array(req.progress), units);
  parentPort!.postMessage({
    type: 'plan',
    threads: plan.threads,
    batch: plan.batch,
    samples: inputs.length,
    timesteps: options.timesteps,
    layers: g.ops.map((op) => op.name),
  } satisfies WorkerMessage);
  const setup: ShardSetup = {
    modelPath: req.modelPath,
    inputs: shared(inputs),
    calibration: calibration ? shared(calibration) : undefined,
    perSample,
    counters: new SharedArrayBuffer(4 * 3),
    cancel: req.cancel,
    progress: req.progress,
    slot: 0,
    batch: plan.batch,
    arenaBytes: plan.arenaBytes,
    options,
    team: inputs.length < wanted && plan.threads > 1 ? teamSetup(g, plan.threads, plan.batch) : undefined,
    memory: memoryOf(g),
  };
  const helpers = Array.from({ length: plan.threads - 1 }, (_, k) => new Helper(g, { ...setup, slot: k + 1 }));
  const t1 = performance.now();
  try {
    const own = shardOf(g, setup);
    const phase = async <T extends FromShard>(m: ToShard): Promise<T[]> => {
      const waits = helpers.map((h) => h.next<T>());
      // if this thread's share throws (a cancel), the helpers' failures that follow are not unhandled
      for (const w of waits) w.catch(() => {});
      for (const h of helpers) h.worker.postMessage(m);
      let mine: T;
      try {
        mine = runShard(own, m) as T;
      } catch (e) {
        // released from a team's barrier by a helper's failure: report the helper's own error
        if (e instanceof TeamFailed) await Promise.all(waits);
        throw e;
      }
      return [mine, ...(await Promise.all(waits))];
    };
    const p = options.thresholdPercentile;
    const annOf = async (set: 'inputs' | 'calibration', n: number): Promise<AnnPass> => {
      const parts = await phase<Extract<FromShard, { type: 'ann' }>>({ type: 'ann', set });
      return mergeAnn(
        g,
        parts.map((x) => x.part),
        p,
        n,
      );
    };
    const onInputs = await annOf('inputs', n);
    const calib = nCalibration ? await annOf('calibration', nCalibration) : onInputs;
    const thresholds = thresholdsOf(g, calib, options.thresholdScale ?? 1);
    const t2 = performance.now();
    const argmax = Int32Array.from(onInputs.argmax);
    const parts = await phase<Extract<FromShard, { type: 'snn' }>>({
      type: 'snn',
      thresholds: thresholdList(g, thresholds),
      argmax,
    });
    const counts = mergeSnn(
      g,
      parts.map((x) => x.part),
    );
    const phaseMs = { load: t1 - t0, calibration: t2 - t1, simulation: performance.now() - t2 };
    const result = report(g, n, options, thresholds, onInputs.nonZero, counts);
    // one memory for all threads: each reports its size, the largest is its peak
    const wasmBytes = Math.max(wasmMemoryBytes(), ...parts.slice(1).map((x) => x.wasmBytes));
    const memory = {
      budgetBytes,
      plannedBytes: plan.plannedBytes,
      wasmBytes,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    return { type: 'done', result, threads: plan.threads, batch: plan.batch, memory, phaseMs };
  } catch (e) {
    if (e instanceof Cancelled) return { type: 'error', error: 'cancelled' };
    return { type: 'error', error: (e as Error).message };
  } finally {
    await Promise.all(helpers.map((h) => h.worker.terminate()));
  }
}

/** Shared memory of a team of `size` threads that share batches of `batch` samples. */
function teamSetup(g: SimGraph, size: number, batch: number): ShardSetup['team'] {
  const { sync, exchange } = teamBuffers(splitFloats(g) * batch);
  return { size, sync, exchange };
}

/** Half the machine's memory. */
export function defaultBudget(): number {
  return Math.floor(totalmem() / 2);
}

/** A helper thread and the messages it sends back, one phase at a time. */
class Helper {
  readonly worker: Worker;
  private waiting?: { resolve(m: FromShard): void; reject(e: Error): void };

  constructor(g: SimGraph, setup: ShardSetup) {
    this.worker = new Worker(__filename, { workerData: { role: 'helper', setup, graph: g } });
    this.worker.on('message', (m: FromShard) => {
      if (m.type === 'error') this.fail(m.error === 'cancelled' ? new Cancelled() : new Error(m.error));
      else this.waiting?.resolve(m);
      this.waiting = undefined;
    });
    this.worker.on('error', (e) => this.fail(new Error(`simulator failed: ${e.message}`)));
    this.worker.on('exit', () => this.fail(new Error('a simulator thread stopped')));
  }

  private fail(e: Error): void {
    this.waiting?.reject(e);
    this.waiting = undefined;
  }

  next<T extends FromShard>(): Promise<T> {
    return new Promise((resolve, reject) => (this.waiting = { resolve: resolve as (m: FromShard) => void, reject }));
  }
}

/** The graph with every weight and bias array in shared memory (posting it then copies no weights); most are there already. */
function sharedWeights(g: SimGraph): SimGraph {
  const share = (a: Float32Array) => {
    if (a.buffer instanceof SharedArrayBuffer) return a;
    const s = sharedFloats(a.length);
    s.set(a);
    return s;
  };
  const ops = g.ops.map((op) =>
    op.kind === 'conv' || op.kind === 'gemm'
      ? { ...op, conv: { ...op.conv, w: share(op.conv.w), b: share(op.conv.b) } }
      : op,
  );
  return { ...g, ops };
}

/** This thread's WebAssembly memory for the helpers, with the ops whose weights are in it. */
function memoryOf(g: SimGraph): ShardSetup['memory'] {
  const memory = sharedMemory();
  if (!memory) return undefined;
  const weightsOf = g.ops.flatMap((op, i) =>
    (op.kind === 'conv' || op.kind === 'gemm') && inSharedMemory(op.conv.w) ? [i] : [],
  );
  return { memory, weightsOf };
}

function sharedFloats(n: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(4 * n));
}

/** Samples one after the other in shared memory (every thread views the same copy). */
function shared(xs: readonly Float32Array[]): SharedArrayBuffer {
  const n = xs[0]?.length ?? 0;
  const buf = new SharedArrayBuffer(4 * n * xs.length);
  const all = new Float32Array(buf);
  xs.forEach((x, k) => all.set(x, k * n));
  return buf;
}

interface Limits {
  readonly binary: FileLimit;
  readonly text: FileLimit;
}

/** Inputs from a .npy or JSON file (a regular file within its size limit), or `fallback` seeded random ones. */
function load(g: SimGraph, path: string | undefined, fallback: number, seed: number, limits: Limits) {
  if (!path) {
    const r = randomInputs(fallback, g.inputShape, seed);
    return samplesFrom(r.shape, r.data, g.inputShape);
  }
  const npy = path.toLowerCase().endsWith('.npy');
  let bytes: Uint8Array;
  try {
    bytes = readRegularFileSync(path, npy ? limits.binary : limits.text);
  } catch (e) {
    return { error: readFailure(path, e) };
  }
  const parsed = npy ? parseNpy(bytes) : parseJsonInputs(new TextDecoder().decode(bytes));
  if ('error' in parsed) return { error: `${path}: ${parsed.error}` };
  const s = samplesFrom(parsed.shape, parsed.data, g.inputShape);
  return 'error' in s ? { error: `${path}: ${s.error}` } : s;
}
