/**
 * Every `snnEnergy.*` setting: declared once in package.json (contributes.configuration), mirrored once
 * here with its default and validation. test/unit/extension/settings.test.ts checks the two agree.
 * Pure: no vscode import, so the reader can be unit-tested.
 */
export interface Settings {
  readonly architecture: string;
  readonly timesteps: number | null;
  readonly weightBits: number | null;
  readonly defaultSpikeRate: number;
  readonly breakEvenMargin: number;
  readonly view: 'per-layer' | 'network-mean';
  readonly specGlobs: readonly string[];
  readonly customArchitectures: readonly string[];
  readonly 'simulator.samples': number;
  readonly 'simulator.seed': number;
  readonly 'simulator.encoding': 'direct' | 'poisson';
  readonly 'simulator.thresholdPercentile': number;
  readonly 'simulator.storeResults': 'workspace' | 'file';
  readonly 'simulator.threads': number | null;
  readonly 'simulator.memoryBudgetMB': number | null;
  readonly 'limits.maxTextFileMB': number;
  readonly 'limits.maxBinaryFileMB': number;
}

type Check<T> = (v: unknown) => v is T;
const intIn =
  (min: number, max: number): Check<number> =>
  (v): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const numIn =
  (min: number, max: number): Check<number> =>
  (v): v is number =>
    typeof v === 'number' && v >= min && v <= max;
const orNull =
  <T>(c: Check<T>): Check<T | null> =>
  (v): v is T | null =>
    v === null || c(v);
const oneOf =
  <T extends string>(...xs: T[]): Check<T> =>
  (v): v is T =>
    typeof v === 'string' && (xs as string[]).includes(v);
const strings: Check<string[]> = (v): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const nonEmpty: Check<string> = (v): v is string => typeof v === 'string' && v.length > 0;

export const SETTINGS: {
  readonly [K in keyof Settings]: { readonly default: Settings[K]; readonly valid: Check<Settings[K]> };
} = {
  architecture: { default: 'spatial-dataflow', valid: nonEmpty },
  timesteps: { default: null, valid: orNull(intIn(1, 1024)) },
  weightBits: { default: null, valid: orNull(intIn(1, 32)) },
  defaultSpikeRate: { default: 0.1, valid: numIn(0, 1) },
  breakEvenMargin: { default: 0.1, valid: numIn(0, 1) },
  view: { default: 'per-layer', valid: oneOf('per-layer', 'network-mean') },
  specGlobs: { default: ['**/*.layers.json'], valid: strings },
  customArchitectures: { default: [], valid: strings },
  'simulator.samples': { default: 16, valid: intIn(1, 100_000) },
  'simulator.seed': { default: 0, valid: intIn(0, 2 ** 32 - 1) },
  'simulator.encoding': { default: 'direct', valid: oneOf('direct', 'poisson') },
  'simulator.thresholdPercentile': { default: 99.9, valid: numIn(0, 100) },
  'simulator.storeResults': { default: 'workspace', valid: oneOf('workspace', 'file') },
  'simulator.threads': { default: null, valid: orNull(intIn(1, 256)) },
  'simulator.memoryBudgetMB': { default: null, valid: orNull(intIn(1, 2 ** 24)) },
  'limits.maxTextFileMB': { default: 16, valid: numIn(0.001, 4096) },
  'limits.maxBinaryFileMB': { default: 4096, valid: numIn(0.001, 1_048_576) },
};

export const SETTING_KEYS = Object.keys(SETTINGS) as (keyof Settings)[];

/** Read every setting through `get`, replacing invalid values by defaults and saying which. */
export function readSettings(get: (key: string) => unknown): { settings: Settings; invalid: string[] } {
  const invalid: string[] = [];
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const spec = SETTINGS[key];
    const v = get(key);
    if (v === undefined) out[key] = spec.default;
    else if ((spec.valid as (x: unknown) => boolean)(v)) out[key] = v;
    else {
      invalid.push(`snnEnergy.${key}`);
      out[key] = spec.default;
    }
  }
  return { settings: out as unknown as Settings, invalid };
}
