import type { Team } from './team';

/**
 * The network the simulator runs, built from an ONNX model: BatchNormalization folded into the
 * preceding Conv/Gemm (simulator.md, Conversion 1), weights read lazily by offset and laid out
 * channel-last for the kernels. Activations are HWC images ([H, W, C]) or flat vectors ([F]), float32.
 */
export type SimOp =
  | {
      /** Conv, or Gemm/MatMul as a 1×1 convolution over a 1×1 image. */
      readonly kind: 'conv' | 'gemm';
      readonly name: string;
      readonly input: number;
      readonly output: number;
      readonly conv: ConvParams;
      /** A BatchNormalization with no Conv/Gemm to fold into: a per-channel scale and shift. */
      readonly affine?: true;
    }
  | {
      readonly kind: 'relu';
      readonly name: string;
      readonly input: number;
      readonly output: number;
      /** Clip(0, max): the ANN clips at max; the IF neuron's threshold stays the balanced one. */
      readonly max: number;
    }
  | {
      readonly kind: 'maxpool' | 'avgpool';
      readonly name: string;
      readonly input: number;
      readonly output: number;
      readonly pool: PoolParams;
    }
  | {
      readonly kind: 'gap' | 'flatten' | 'identity';
      readonly name: string;
      readonly input: number;
      readonly output: number;
    }
  | {
      readonly kind: 'pad';
      readonly name: string;
      readonly input: number;
      readonly output: number;
      /** [top, left, bottom, right] */
      readonly pads: readonly [number, number, number, number];
    }
  | {
      readonly kind: 'add' | 'concat';
      readonly name: string;
      readonly inputs: readonly number[];
      readonly output: number;
    };

export type WeightedOp = Extract<SimOp, { kind: 'conv' | 'gemm' }>;

export interface ConvParams {
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly ph: number;
  readonly pw: number;
  readonly dh: number;
  readonly dw: number;
  readonly groups: number;
  /** Weights [c][ky][kx][o within the group], BN folded. */
  readonly w: Float32Array;
  readonly b: Float32Array;
}

export interface PoolParams {
  readonly inH: number;
  readonly inW: number;
  readonly c: number;
  readonly outH: number;
  readonly outW: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly ph: number;
  readonly pw: number;
  readonly countIncludePad: boolean;
}

export interface SimGraph {
  readonly ops: readonly SimOp[];
  /** Per value: its per-sample shape ([H, W, C] or [F]). */
  readonly shapes: readonly number[][];
  readonly input: number;
  readonly output: number;
  readonly inputShape: readonly number[];
}

/** Simulator options (simulator.md); every one is a CLI flag and a setting. */
export interface SimOptions {
  readonly timesteps: number;
  /** Threshold balancing percentile p (99.9; 100 = maximum). */
  readonly thresholdPercentile: number;
  /** Initial membrane potential as a share of the threshold (0.5). */
  readonly vInit: number;
  readonly encoding: 'direct' | 'poisson';
  readonly seed: number;
  /** Multiplies every balanced threshold (default 1): forces lower spike rates, for benchmarks and what-ifs. */
  readonly thresholdScale?: number;
}

/** Where a run is: samples [sample, sample + batchSize) are at timestep `timestep` (1..T; 0 in calibration). */
export interface SimProgress {
  /** The ANN pass (calibration, predictions) or the SNN's timesteps. */
  readonly phase: 'calibration' | 'simulation';
  readonly sample: number;
  readonly samples: number;
  readonly timestep: number;
  readonly timesteps: number;
  /** Samples simulated together (a batch). */
  readonly batchSize: number;
}

export interface SimHooks {
  /** At the start of each batch (calibration) and each of its timesteps (simulation). */
  progress?(p: SimProgress): void;
  /** Before each op of the graph: its index in `g.ops` (cheap; says which layer is running). */
  layer?(op: number): void;
  /** After a batch's ANN pass or one of its timesteps: how many samples it held. */
  done?(samples: number): void;
  /** Polled between ops: return true to stop (the run then throws Cancelled). */
  cancelled?(): boolean;
  /** Threads that run each batch together, each a band of the big layers' rows (team.ts); rank 0 counts. */
  team?: Team;
}
