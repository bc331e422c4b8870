import { parseArgs } from 'node:util';
import { REPORT_FORMATS, type ReportFormat } from '../core/report/format';
import { DEFAULT_BINARY_MB, DEFAULT_TEXT_MB } from '../node/file-source';

export class UsageError extends Error {}

export interface CommonOptions {
  readonly files: string[];
  readonly archs: string[];
  readonly timesteps?: number;
  readonly weightBits?: number;
  readonly spikeRate: number;
  readonly view: 'per-layer' | 'network-mean';
  readonly margin: number;
  readonly format: ReportFormat;
  readonly failOn: 'warning' | 'error' | 'never';
  readonly output?: string;
  readonly measurements?: string;
  readonly inputShapes: Record<string, number[]>;
  readonly dims: Record<string, number>;
  readonly simulate: boolean;
  /** Give the verdict on the accounted part of an incomplete model instead of exiting 2. */
  readonly allowIncomplete: boolean;
  readonly sim: SimFlags;
  /** Size caps, bytes: text documents (specs, architectures, measurements, JSON inputs) and binary files. */
  readonly maxTextBytes: number;
  readonly maxBinaryBytes: number;
}

export interface SimFlags {
  readonly input?: string;
  readonly randomInputs?: number;
  readonly calibration?: string;
  readonly thresholdPercentile: number;
  readonly vInit: number;
  readonly encoding: 'direct' | 'poisson';
  readonly seed: number;
  readonly timesteps?: number;
  /** Threads (default: every core, capped by the memory budget). */
  readonly threads?: number;
  /** Memory budget in MiB (default: half the machine's memory). */
  readonly memoryBudgetMB?: number;
}

const OPTIONS = {
  arch: { type: 'string', multiple: true },
  timesteps: { type: 'string', short: 'T' },
  'weight-bits': { type: 'string' },
  'spike-rate': { type: 'string' },
  view: { type: 'string' },
  margin: { type: 'string' },
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  output: { type: 'string', short: 'o' },
  measurements: { type: 'string' },
  'input-shape': { type: 'string', multiple: true },
  dim: { type: 'string', multiple: true },
  simulate: { type: 'boolean' },
  'allow-incomplete': { type: 'boolean' },
  input: { type: 'string' },
  'random-inputs': { type: 'string' },
  calibration: { type: 'string' },
  'threshold-percentile': { type: 'string' },
  'v-init': { type: 'string' },
  encoding: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  'memory-budget': { type: 'string' },
  'max-text-mb': { type: 'string' },
  'max-binary-mb': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommandLine(
  argv: string[],
  command: 'report' | 'lint' | 'simulate',
): CommonOptions & { help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/, ''));
  }
  const v = parsed.values;
  const format = (v.format ?? 'table') as ReportFormat;
  if (
    !(REPORT_FORMATS as readonly string[]).includes(format) ||
    (command === 'simulate' && !['table', 'json'].includes(format))
  )
    throw new UsageError(
      `--format must be one of ${(command === 'simulate' ? ['table', 'json'] : REPORT_FORMATS).join(', ')}, not "${format}"`,
    );
  const failOn = v['fail-on'] ?? (command === 'lint' ? 'warning' : 'error');
  if (!['warning', 'error', 'never'].includes(failOn))
    throw new UsageError(`--fail-on must be warning, error or never, not "${failOn}"`);
  const view = v.view ?? 'per-layer';
  if (view !== 'per-layer' && view !== 'network-mean')
    throw new UsageError(`--view must be per-layer or network-mean, not "${view}"`);
  const encoding = v.encoding ?? 'direct';
  if (encoding !== 'direct' && encoding !== 'poisson')
    throw new UsageError(`--encoding must be direct or poisson, not "${encoding}"`);
  const timesteps = int(v.timesteps, '--timesteps', 1, 1024);
  return {
    help: v.help ?? false,
    files: parsed.positionals,
    archs: v.arch ?? [],
    timesteps,
    weightBits: int(v['weight-bits'], '--weight-bits', 1, 32),
    spikeRate: num(v['spike-rate'], '--spike-rate', 0, 1) ?? 0.1,
    view,
    margin: num(v.margin, '--margin', 0, 1) ?? 0.1,
    format,
    failOn: failOn as CommonOptions['failOn'],
    output: v.output,
    measurements: v.measurements,
    inputShapes: Object.fromEntries((v['input-shape'] ?? []).map(inputShape)),
    dims: Object.fromEntries((v.dim ?? []).map(dim)),
    simulate: v.simulate ?? false,
    allowIncomplete: v['allow-incomplete'] ?? false,
    maxTextBytes: (num(v['max-text-mb'], '--max-text-mb', 0.001, 4096) ?? DEFAULT_TEXT_MB) * 2 ** 20,
    maxBinaryBytes: (num(v['max-binary-mb'], '--max-binary-mb', 0.001, 1_048_576) ?? DEFAULT_BINARY_MB) * 2 ** 20,
    sim: {
      input: v.input,
      randomInputs: int(v['random-inputs'], '--random-inputs', 1, 1_000_000),
      calibration: v.calibration,
      thresholdPercentile: num(v['threshold-percentile'], '--threshold-percentile', 0, 100) ?? 99.9,
      vInit: num(v['v-init'], '--v-init', 0, 1) ?? 0.5,
      encoding,
      seed: int(v.seed, '--seed', 0, 2 ** 32 - 1) ?? 0,
      timesteps,
      threads: int(v.threads, '--threads', 1, 256),
      memoryBudgetMB: int(v['memory-budget'], '--memory-budget', 1, 2 ** 24),
    },
  };
}

function int(s: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (s === undefined) return undefined;
  const x = Number(s);
  if (!Number.isInteger(x) || x < min || x > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${s}"`);
  return x;
}

function num(s: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (s === undefined) return undefined;
  const x = Number(s);
  if (s.trim() === '' || !Number.isFinite(x) || x < min || x > max)
    throw new UsageError(`${flag} must be a number from ${min} to ${max}, not "${s}"`);
  return x;
}

const MAX_DIM = 2 ** 31 - 1;

function inputShape(s: string): [string, number[]] {
  const m = /^([^=]+)=(\d+(?:x\d+)*)$/.exec(s);
  if (!m) throw new UsageError(`--input-shape must look like name=1x3x224x224, not "${s}"`);
  const dims = m[2].split('x').map(Number);
  if (dims.some((d) => d < 1 || d > MAX_DIM))
    throw new UsageError(`--input-shape dimensions must be whole numbers from 1 to ${MAX_DIM}, not "${s}"`);
  return [m[1], dims];
}

function dim(s: string): [string, number] {
  const m = /^([^=]+)=(\d+)$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > MAX_DIM)
    throw new UsageError(`--dim must look like batch=1, not "${s}"`);
  return [m[1], Number(m[2])];
}
