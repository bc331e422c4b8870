/**
 * Threads that run the same batch together (fewer samples than threads, e.g. the editor's single sample):
 * every thread holds the whole state and runs every op, but each event-driven convolution is split into
 * bands of output rows, one per thread; each thread writes its band into a shared exchange buffer, waits
 * at a barrier, and copies the whole output back. Each output element is computed by one thread exactly
 * as one thread alone computes it, so the results are bit-identical for any team size. Two exchange
 * buffers alternate, so one barrier per split layer is enough (a thread cannot write a buffer again
 * before every thread has passed the barrier after which the others read it).
 * Layout of `sync` (Int32Array on a SharedArrayBuffer): [generation, arrived, failed].
 */
export interface Team {
  readonly rank: number;
  readonly size: number;
  /** Two shared buffers, each as large as the largest split layer's output for a batch. */
  readonly exchange: readonly [Float32Array, Float32Array];
  readonly sync: Int32Array;
  /** Polled while waiting at a barrier (the run's cancel flag). */
  readonly cancelled: () => boolean;
  /** Which exchange buffer the next split layer uses (every thread flips it at the same layers). */
  turn: number;
}

/** What a split needs of a convolution: its output's rows, columns and channels. */
interface Rows {
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
}

const GEN = 0;
const ARRIVED = 1;
const FAILED = 2;
/** Spins before sleeping at a barrier (the other threads usually arrive within microseconds). */
const SPINS = 4000;

export class TeamFailed extends Error {
  constructor() {
    super('another simulator thread failed');
  }
}

/** Shared memory of a team: its sync words and two exchange buffers of `floats` each. */
export function teamBuffers(floats: number): {
  sync: SharedArrayBuffer;
  exchange: [SharedArrayBuffer, SharedArrayBuffer];
} {
  return {
    sync: new SharedArrayBuffer(12),
    exchange: [new SharedArrayBuffer(4 * floats), new SharedArrayBuffer(4 * floats)],
  };
}

/** Tell the other threads of the team to stop waiting (this one failed or was cancelled). */
export function failTeam(sync: Int32Array): void {
  Atomics.store(sync, FAILED, 1);
  Atomics.add(sync, GEN, 1);
  Atomics.notify(sync, GEN);
}

/** Wait until every thread of the team has arrived; throws when one failed or the run is cancelled. */
export function barrier(team: Team, onCancel: () => Error): void {
  const s = team.sync;
  const gen = Atomics.load(s, GEN);
  if (Atomics.load(s, FAILED)) throw new TeamFailed();
  if (Atomics.add(s, ARRIVED, 1) === team.size - 1) {
    Atomics.store(s, ARRIVED, 0);
    Atomics.add(s, GEN, 1);
    Atomics.notify(s, GEN);
    return;
  }
  for (let k = 0; k < SPINS && Atomics.load(s, GEN) === gen; k++);
  while (Atomics.load(s, GEN) === gen) {
    if (team.cancelled()) {
      failTeam(s);
      throw onCancel();
    }
    Atomics.wait(s, GEN, gen, 20);
  }
  if (Atomics.load(s, FAILED)) throw team.cancelled() ? onCancel() : new TeamFailed();
}

/** This thread's rows [r0, r1) of a convolution's output, or undefined when the layer is not split. */
export function bandOf(team: Team | undefined, p: Rows): readonly [number, number] | undefined {
  if (!team || team.size < 2 || p.outH < team.size) return undefined;
  return [Math.floor((p.outH * team.rank) / team.size), Math.floor((p.outH * (team.rank + 1)) / team.size)];
}

/**
 * After each thread has computed its band of `out` (samples one after the other): publish it, wait for
 * the others, and take the whole output.
 */
export function exchangeBands(
  team: Team,
  p: Rows,
  band: readonly [number, number],
  out: Float32Array,
  samples: number,
  onCancel: () => Error,
): void {
  const buf = team.exchange[(team.turn ^= 1)];
  const plane = out.length / samples;
  const a = band[0] * p.outW * p.outC;
  const b = band[1] * p.outW * p.outC;
  for (let s = 0; s < samples; s++) buf.set(out.subarray(s * plane + a, s * plane + b), s * plane + a);
  barrier(team, onCancel);
  // the other threads' rows: before this band in the first sample, between two samples' bands, after the last
  let at = 0;
  for (let s = 0; s <= samples; s++) {
    const end = s < samples ? s * plane + a : out.length;
    out.set(buf.subarray(at, end), at);
    at = s * plane + b;
  }
}
