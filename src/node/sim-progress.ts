import type { SimHooks } from '../core/sim/types';

/**
 * Progress and cancellation of a worker pool through shared memory: the simulating threads write
 * plain integers (no messages in the hot loops), the caller's thread reads them on a timer.
 * Layout of the progress Int32Array: [units done, units in all, phase (1 calibration, 2 simulation),
 * then per thread a slot of [first sample of its batch, timestep, op index, batch size]].
 */
const DONE = 0;
const TOTAL = 1;
const PHASE = 2;
const SLOTS = 4;
const SLOT = 4;
export const MAX_THREADS = 256;

export function progressBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * (SLOTS + SLOT * MAX_THREADS));
}

/** Work units of a run: one per sample of each ANN pass, one per sample and timestep of the SNN. */
export function setTotal(progress: Int32Array, units: number): void {
  Atomics.store(progress, TOTAL, units);
}

/** The hooks of thread `slot`: it writes where it is, counts what it finished, and polls the cancel flag. */
export function shardHooks(progress: Int32Array, cancel: Int32Array, slot: number): SimHooks {
  const at = SLOTS + SLOT * slot;
  return {
    cancelled: () => Atomics.load(cancel, 0) === 1,
    layer: (op) => Atomics.store(progress, at + 2, op),
    progress: (p) => {
      Atomics.store(progress, PHASE, p.phase === 'calibration' ? 1 : 2);
      Atomics.store(progress, at, p.sample);
      Atomics.store(progress, at + 1, p.timestep);
      Atomics.store(progress, at + 3, p.batchSize);
    },
    done: (k) => void Atomics.add(progress, DONE, k),
  };
}

/** What the caller's thread reads: how far, and where thread 0 is. */
export interface SharedProgress {
  readonly done: number;
  readonly total: number;
  readonly phase: 'calibration' | 'simulation' | 'starting';
  readonly sample: number;
  readonly timestep: number;
  readonly op: number;
  readonly batchSize: number;
}

export function readProgress(progress: Int32Array): SharedProgress {
  const phase = Atomics.load(progress, PHASE);
  return {
    done: Atomics.load(progress, DONE),
    total: Atomics.load(progress, TOTAL),
    phase: phase === 1 ? 'calibration' : phase === 2 ? 'simulation' : 'starting',
    sample: Atomics.load(progress, SLOTS),
    timestep: Atomics.load(progress, SLOTS + 1),
    op: Atomics.load(progress, SLOTS + 2),
    batchSize: Atomics.load(progress, SLOTS + 3),
  };
}

/** Where thread `slot` is: the timestep of its batch (0 while calibrating) and the op it runs. */
export function readSlot(progress: Int32Array, slot: number): { timestep: number; op: number } {
  const at = SLOTS + SLOT * slot;
  return { timestep: Atomics.load(progress, at + 1), op: Atomics.load(progress, at + 2) };
}

/**
 * Time left, from measured progress only: each phase's rate is the units it finished over the time since
 * the phase was first seen (model loading, thread start-up and the other phase never count), so the
 * estimate is work left / measured speed. In the calibration phase it covers the calibration's remainder
 * (a simulation unit's cost is not measured yet); in the simulation phase, the rest of the run. Undefined
 * until the phase has finished something. `now` is a clock in ms (a fake one in tests).
 */
export class TimeLeft {
  private phase = '';
  private t0 = 0;
  private d0 = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** `done` of `total` units, of which the last `simulationUnits` belong to the simulation phase. */
  estimate(phase: 'calibration' | 'simulation', done: number, total: number, simulationUnits: number) {
    const t = this.now();
    if (phase !== this.phase) {
      this.phase = phase;
      this.t0 = t;
      this.d0 = done;
      return undefined;
    }
    const end = phase === 'calibration' ? total - simulationUnits : total;
    if (done <= this.d0 || t <= this.t0) return undefined;
    return (Math.max(0, end - done) * (t - this.t0)) / (done - this.d0);
  }
}
