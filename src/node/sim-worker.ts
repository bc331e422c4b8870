import { parentPort, workerData } from 'node:worker_threads';
import { readOnnx } from '../core/model/onnx/reader';
import { buildSimGraph } from '../core/sim/graph';
import { parseJsonInputs, randomInputs, samplesFrom } from '../core/sim/inputs';
import { parseNpy } from '../core/sim/npy';
import { Cancelled, simulate } from '../core/sim/run';
import {
  BINARY_LIMIT,
  externalDataOpener,
  openFileSource,
  failureReason,
  readFailure,
  readRegularFileSync,
  TEXT_LIMIT,
  type FileLimit,
  type FileSource,
} from './file-source';
import type { WorkerMessage, WorkerRequest } from './simulate';

/** The simulator's worker thread: reads the model, the inputs, runs, reports. */
function main(req: WorkerRequest): WorkerMessage {
  const flag = new Int32Array(req.cancel);
  const o = req.options;
  const binary: FileLimit = o.maxBinaryBytes
    ? { maxBytes: o.maxBinaryBytes, raiseWith: o.binaryLimitName ?? '--max-binary-mb' }
    : BINARY_LIMIT;
  const text: FileLimit = o.maxTextBytes
    ? { maxBytes: o.maxTextBytes, raiseWith: o.textLimitName ?? '--max-text-mb' }
    : TEXT_LIMIT;
  let src: FileSource;
  try {
    src = openFileSource(req.modelPath, binary);
  } catch (e) {
    return { type: 'error', error: failureReason(e) };
  }
  const open = externalDataOpener(req.modelPath, binary);
  try {
    const read = readOnnx(src);
    if (!read.value) return { type: 'error', error: `${req.modelPath}: ${read.problems[0]?.message}` };
    const g = buildSimGraph(read.value, src, open);
    if ('error' in g) return { type: 'error', error: g.error };
    const load = (path: string | undefined, fallback: number) => {
      if (!path) return samplesFrom(...rnd(fallback, g.inputShape, o.seed ?? 0), g.inputShape);
      const npy = path.toLowerCase().endsWith('.npy');
      let bytes: Uint8Array;
      try {
        bytes = readRegularFileSync(path, npy ? binary : text);
      } catch (e) {
        return { error: readFailure(path, e) };
      }
      const parsed = npy ? parseNpy(bytes) : parseJsonInputs(new TextDecoder().decode(bytes));
      if ('error' in parsed) return { error: `${path}: ${parsed.error}` };
      const s = samplesFrom(parsed.shape, parsed.data, g.inputShape);
      return 'error' in s ? { error: `${path}: ${s.error}` } : s;
    };
    const inputs = load(o.input, o.randomInputs ?? 16);
    if ('error' in inputs) return { type: 'error', error: inputs.error };
    const calibration = o.calibration ? load(o.calibration, 0) : inputs;
    if ('error' in calibration) return { type: 'error', error: calibration.error };
    const result = simulate(
      g,
      inputs,
      calibration,
      {
        timesteps: o.timesteps ?? 6,
        thresholdPercentile: o.thresholdPercentile ?? 99.9,
        vInit: o.vInit ?? 0.5,
        encoding: o.encoding ?? 'direct',
        seed: o.seed ?? 0,
      },
      {
        progress: (p) => parentPort!.postMessage({ type: 'progress', progress: p } satisfies WorkerMessage),
        cancelled: () => Atomics.load(flag, 0) === 1,
      },
    );
    return { type: 'done', result };
  } catch (e) {
    if (e instanceof Cancelled) return { type: 'error', error: 'cancelled' };
    return { type: 'error', error: `simulator failed: ${(e as Error).message}` };
  } finally {
    src.close();
    open.closeAll();
  }
}

function rnd(n: number, shape: readonly number[], seed: number): [number[], Float32Array] {
  const r = randomInputs(n, shape, seed);
  return [r.shape, r.data];
}

parentPort!.postMessage(main(workerData as WorkerRequest));
