// A seeded fuzz campaign over ONNX and spec mutants: counts crashes, slow runs, non-finite results,
// unlocated rejections and injections. Shared by the CI smoke test and `npm run bench -- fuzz`.
import { readFileSync, readdirSync } from 'node:fs';
import { checkOnnx, checkSpec, type Outcome } from './check';
import { mutateOnnx, mutateSpec, rng } from './mutate';

export interface CampaignOptions {
  readonly onnx: number;
  readonly spec: number;
  readonly seed: number;
  /**
   * A mutant slower than this counts as a hang (default 10 s; the pipeline is synchronous, so it is
   * measured, not interrupted: a true endless loop stops the campaign itself).
   */
  readonly hangMs?: number;
  readonly root: string;
}

export interface Failure {
  readonly kind: 'onnx' | 'spec';
  readonly index: number;
  readonly what: string;
}

export interface Summary {
  readonly mutants: { onnx: number; spec: number };
  readonly rejected: number;
  readonly accepted: number;
  readonly crashes: number;
  readonly hangs: number;
  readonly nonFinite: number;
  readonly unlocated: number;
  readonly injections: number;
  readonly slowestMs: number;
  /** Mutants over 2 s (the 20,000-layer specs, rendered in all six formats). */
  readonly over2s: number;
  readonly peakRssMB: number;
  readonly failures: Failure[];
}

export function campaign(o: CampaignOptions): Summary {
  const models = readdirSync(`${o.root}test/fixtures/onnx`)
    .filter((f) => f.endsWith('.onnx') && !f.includes('external'))
    .map((f) => new Uint8Array(readFileSync(`${o.root}test/fixtures/onnx/${f}`)));
  const specs = readdirSync(`${o.root}examples`)
    .filter((f) => f.endsWith('.layers.json'))
    .map((f) => readFileSync(`${o.root}examples/${f}`, 'utf8'));
  const hangMs = o.hangMs ?? 10_000;
  const s = {
    rejected: 0,
    accepted: 0,
    crashes: 0,
    hangs: 0,
    nonFinite: 0,
    unlocated: 0,
    injections: 0,
    slowestMs: 0,
    over2s: 0,
    peakRssMB: 0,
    failures: [] as Failure[],
  };
  const tally = (kind: 'onnx' | 'spec', index: number, r: Outcome) => {
    s.slowestMs = Math.max(s.slowestMs, r.ms);
    if (r.ms > 2000) s.over2s++;
    if (r.kind === 'rejected') s.rejected++;
    if (r.kind === 'accepted') s.accepted++;
    const fail = (what: string) => s.failures.length < 20 && s.failures.push({ kind, index, what });
    if (r.kind === 'crashed') {
      s.crashes++;
      fail(`crash: ${r.error}`);
    }
    if (r.ms > hangMs) {
      s.hangs++;
      fail(`took ${r.ms.toFixed(0)} ms`);
    }
    if (r.badNumber) {
      s.nonFinite++;
      fail(`non-finite or negative: ${r.badNumber}`);
    }
    if (r.unlocated) {
      s.unlocated++;
      fail('rejected without a located problem');
    }
    if (r.injected) {
      s.injections++;
      fail(`injection: ${r.injected}`);
    }
    s.peakRssMB = Math.max(s.peakRssMB, process.memoryUsage().rss / 2 ** 20);
  };
  const r = rng(o.seed);
  for (let i = 0; i < o.onnx; i++) tally('onnx', i, checkOnnx(mutateOnnx(models[i % models.length], r)));
  for (let i = 0; i < o.spec; i++) tally('spec', i, checkSpec(mutateSpec(specs[i % specs.length], r)));
  return { mutants: { onnx: o.onnx, spec: o.spec }, ...s };
}
