import { parentPort, workerData } from 'node:worker_threads';
import type { SimGraph } from '../core/sim/types';
import { leadMain } from './sim-lead';
import { helperMain, type ShardSetup } from './sim-shard';
import type { WorkerMessage, WorkerRequest } from './simulate';

/**
 * The simulator's threads (dist/sim-worker.js): the lead, started by simulateFile, and the helpers the
 * lead starts from this same file.
 */
const data = workerData as
  WorkerRequest | { readonly role: 'helper'; readonly setup: ShardSetup; readonly graph: SimGraph };
if ('role' in data && data.role === 'helper') helperMain(data.setup, data.graph);
else
  void leadMain(data as WorkerRequest).then(
    (m) => parentPort!.postMessage(m),
    (e: Error) =>
      parentPort!.postMessage({ type: 'error', error: `simulator failed: ${e.message}` } satisfies WorkerMessage),
  );
