import { parentPort } from 'node:worker_threads';
import { readOnnx } from '../core/model/onnx/reader';
import { annPartial, type AnnPartial } from '../core/sim/calibrate';
import { Cancelled } from '../core/sim/forward';
import { failTeam, TeamFailed } from '../core/sim/team';
import { buildSimGraph } from '../core/sim/graph';
import type { SimGraph } from '../core/sim/types';
import { claimedBatches } from '../core/sim/schedule';
import type { SimHooks } from '../core/sim/types';
import { snnPartial, thresholdMap, type SimOptions, type SnnPartial } from '../core/sim/run';
import { adoptWeights, reserveArenas, useMemory, wasmMemoryBytes, type SharedMemory } from '../core/sim/wasm/heap';
import {
  BINARY_LIMIT,
  externalDataOpener,
  failureReason,
  openFileSource,
  type FileLimit,
  type FileSource,
} from './file-source';
import { shardHooks } from './sim-progress';

/**
 * One thread of the simulator's pool. Every thread runs the lead's graph (its weights in shared memory),
 * views the same inputs in shared memory and takes batches from shared counters (whichever thread asks first), so a
 * sample's counts do not depend on the thread that ran it: the merged counts equal one thread's.
 */
export interface ShardSetup {
  readonly modelPath: string;
  /** All inputs, sample after sample, each `perSample` floats in the graph's layout (HWC). */
  readonly inputs: SharedArrayBuffer;
  /** Calibration samples when they are not the inputs. */
  readonly calibration?: SharedArrayBuffer;
  readonly perSample: number;
  /** [next batch of the inputs' ANN pass, of the calibration pass, of the SNN] */
  readonly counters: SharedArrayBuffer;
  readonly cancel: SharedArrayBuffer;
  readonly progress: SharedArrayBuffer;
  readonly slot: number;
  readonly batch: number;
  /** Bytes of a batch's arena (RunPlan.arenaBytes): each thread takes its block for them at the start. */
  readonly arenaBytes: number;
  readonly options: SimOptions;
  /**
   * The lead's WebAssembly memory (absent without WebAssembly) and the ops whose weights live in it, written
   * once as the model was read: the helpers run on that memory and copy none of those weights.
   */
  readonly memory?: { readonly memory: SharedMemory; readonly weightsOf: readonly number[] };
  /** Set when the threads share each batch (fewer samples than threads): the team's shared memory. */
  readonly team?: {
    readonly size: number;
    readonly sync: SharedArrayBuffer;
    readonly exchange: readonly SharedArrayBuffer[];
  };
}

export type ToShard =
  | { readonly type: 'ann'; readonly set: 'inputs' | 'calibration' }
  | { readonly type: 'snn'; readonly thresholds: readonly number[]; readonly argmax: Int32Array };

export type FromShard =
  | { readonly type: 'ann'; readonly part: AnnPartial }
  | { readonly type: 'snn'; readonly part: SnnPartial; readonly wasmBytes: number }
  | { readonly type: 'error'; readonly error: string };

export const COUNTER = { inputs: 0, calibration: 1, snn: 2 } as const;

/** Read and build the model's graph (weights read by offset, files closed after). */
export function openGraph(
  modelPath: string,
  limit: FileLimit = BINARY_LIMIT,
  alloc?: (floats: number) => Float32Array,
): SimGraph | { error: string } {
  let src: FileSource;
  try {
    src = openFileSource(modelPath, limit);
  } catch (e) {
    return { error: failureReason(e) };
  }
  const open = externalDataOpener(modelPath, limit);
  try {
    const read = readOnnx(src);
    if (!read.value) return { error: `${modelPath}: ${read.problems[0]?.message}` };
    return buildSimGraph(read.value, src, open, alloc);
  } finally {
    src.close();
    open.closeAll();
  }
}

/** Per-sample views of samples stored one after the other in shared memory. */
export function samplesOf(buf: SharedArrayBuffer, perSample: number): Float32Array[] {
  const n = buf.byteLength / (4 * perSample);
  return Array.from({ length: n }, (_, k) => new Float32Array(buf, 4 * k * perSample, perSample));
}

/** A shard's state: the graph, its inputs, its hooks. */
export interface Shard {
  readonly g: SimGraph;
  readonly setup: ShardSetup;
  readonly inputs: Float32Array[];
  readonly calibration: Float32Array[];
  readonly hooks: SimHooks;
}

export function shardOf(g: SimGraph, setup: ShardSetup): Shard {
  const inputs = samplesOf(setup.inputs, setup.perSample);
  const calibration = setup.calibration ? samplesOf(setup.calibration, setup.perSample) : inputs;
  const hooks: SimHooks = shardHooks(new Int32Array(setup.progress), new Int32Array(setup.cancel), setup.slot);
  reserveArenas(setup.arenaBytes);
  const t = setup.team;
  if (t)
    hooks.team = {
      rank: setup.slot,
      size: t.size,
      sync: new Int32Array(t.sync),
      exchange: [new Float32Array(t.exchange[0]), new Float32Array(t.exchange[1])],
      cancelled: hooks.cancelled!,
      turn: 0,
    };
  return { g, setup, inputs, calibration, hooks };
}

/**
 * This thread's part of a phase: batches claimed from the phase's shared counter until none is left, or
 * in a team every batch (each thread a band of its big layers). A failure releases the team's other threads.
 */
export function runShard(s: Shard, m: ToShard): FromShard {
  try {
    return runPhase(s, m);
  } catch (e) {
    if (s.hooks.team) failTeam(s.hooks.team.sync);
    throw e;
  }
}

function runPhase(s: Shard, m: ToShard): FromShard {
  const { g, setup } = s;
  const counters = new Int32Array(setup.counters);
  // a team runs every batch together; otherwise each batch goes to whichever thread claims it first
  const claim = (k: number) => (s.hooks.team ? counting() : () => Atomics.add(counters, k, 1));
  const B = setup.batch;
  const p = setup.options.thresholdPercentile;
  if (m.type === 'ann') {
    const samples = m.set === 'inputs' ? s.inputs : s.calibration;
    const next = claimedBatches(samples.length, B, claim(COUNTER[m.set]));
    return { type: 'ann', part: annPartial(g, samples, p, next, B, s.hooks) };
  }
  const next = claimedBatches(s.inputs.length, B, claim(COUNTER.snn));
  const thresholds = thresholdMap(g, m.thresholds);
  const part = snnPartial(g, s.inputs, thresholds, m.argmax, setup.options, next, B, s.hooks);
  return { type: 'snn', part, wasmBytes: wasmMemoryBytes() };
}

/** 0, 1, 2, …: every batch in order. */
function counting(): () => number {
  let k = 0;
  return () => k++;
}

/** A helper thread: with the lead's graph (weights in shared memory), run each phase the lead asks for and post its part. */
export function helperMain(setup: ShardSetup, g: SimGraph): void {
  const port = parentPort!;
  if (setup.memory) {
    useMemory(setup.memory.memory);
    for (const i of setup.memory.weightsOf) {
      const op = g.ops[i];
      if (op.kind === 'conv' || op.kind === 'gemm') adoptWeights(op.conv.w);
    }
  }
  const shard = shardOf(g, setup);
  port.on('message', (m: ToShard) => {
    try {
      port.postMessage(runShard(shard, m));
    } catch (e) {
      const error =
        e instanceof Cancelled || e instanceof TeamFailed ? 'cancelled' : `simulator failed: ${(e as Error).message}`;
      port.postMessage({ type: 'error', error } satisfies FromShard);
    }
  });
}
