// Our simulator against a PyTorch CPU dense simulation of the same SNN (bench/sim-torch.py), in one run on
// the same machine, both on all cores (torch.set_num_threads = cores; ours: the worker pool, --threads =
// cores) and both on one thread, so the per-thread scaling is measured too:
// 1. VGG-16 for CIFAR-10 (with BatchNorm), T = 6, batch 16, at the natural spike rate and at rates forced
//    lower by scaling every threshold (the same scaling in both);
// 2. ResNet-50 (torchvision, random weights) at 224 × 224, 4 samples, T = 4, with a projection for 8 and 16
//    cores (conservative for ours), and one sample on 1 thread and on all (the threads then share the sample).
// torch runs its convolutions through oneDNN on any thread count (bench/sim-torch.py says why).
// Figures are the SNN phase (after the ANN calibration pass), best of REPEATS runs with the spread.
// Run: npm run bench -- sim   (esbuild bundles this file to bench/out/sim-bench.js and runs it with node)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { randomInputs } from '../src/core/sim/inputs';
import { writeNpy } from '../src/core/sim/npy';
import { simulateFile, type SimulationResult } from '../src/node/simulate';

const OUT = 'bench/out';
const PY = '/usr/bin/python3';
const CORES = availableParallelism();
const REPEATS = Number(process.env.REPEATS ?? 3);
const SCALES = [1, 1.5, 2, 3, 5, 8];

interface Figure {
  readonly best: number;
  readonly worst: number;
  readonly rate: number;
}

mkdirSync(OUT, { recursive: true });
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

/** Ours, through the worker pool as the CLI runs it: SNN phase seconds, best and worst of REPEATS. */
async function ours(model: string, input: string, T: number, threads: number, scale = 1): Promise<Figure> {
  const times: number[] = [];
  let rate = 0;
  for (let k = 0; k < REPEATS; k++) {
    const r = await simulateFile(model, {
      input,
      timesteps: T,
      threads,
      thresholdScale: scale,
      workerPath: resolve('dist/sim-worker.js'),
    });
    if ('error' in r) throw new Error(r.error);
    times.push((r as SimulationResult).phaseMs.simulation / 1000);
    rate = r.meanSpikeRate;
  }
  return { best: Math.min(...times), worst: Math.max(...times), rate };
}

/** PyTorch's dense simulation of the same SNN: one figure per scale. */
function torch(model: string, input: string, T: number, threads: number, scales: number[]): Figure[] {
  const args = ['bench/sim-torch.py', model, input, String(T), String(threads), String(REPEATS), scales.join(',')];
  const py = spawnSync(PY, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (py.status !== 0) throw new Error(py.stderr);
  return py.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { seconds: number; worst: number; meanSpikeRate: number })
    .map((j) => ({ best: j.seconds, worst: j.worst, rate: j.meanSpikeRate }));
}

const s = (f: Figure) => `${f.best.toFixed(3)}–${f.worst.toFixed(3)}`;
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/**
 * Speed-ups on c cores from the measured 1- and n-thread times, conservative for ours: ours by Amdahl's law
 * through the two points (the serial share measured at n threads stays serial, so the speed-up flattens);
 * torch at its measured per-thread efficiency (speed-up / n) on every core, which never flattens.
 */
function amdahl(one: number, many: number, n: number): { share: number; at: (c: number) => number } {
  const speedup = one / many;
  // clamped: under a heavy outside load a run can come out slower on more threads
  const share = Math.max(0, Math.min(1, ((1 - 1 / speedup) * n) / (n - 1)));
  return { share, at: (c) => 1 / (1 - share + share / c) };
}
function linear(one: number, many: number, n: number): { efficiency: number; at: (c: number) => number } {
  const efficiency = one / many / n;
  return { efficiency, at: (c) => Math.max(1, c * efficiency) };
}

async function vgg() {
  const model = `${OUT}/vgg16_cifar.onnx`;
  if (!existsSync(model)) execFileSync(PY, ['bench/make_vgg16_cifar.py'], { stdio: 'inherit' });
  const N = 16;
  const T = 6;
  const x = randomInputs(N, [32, 32, 3], 0);
  const input = `${OUT}/sim-inputs.npy`;
  writeFileSync(input, writeNpy(x.shape, x.data));
  console.log(`\nVGG-16 CIFAR-10 (BN), T = ${T}, batch ${N}, SNN phase seconds (best–worst of ${REPEATS})`);
  for (const threads of [CORES, 1]) {
    const mine: Figure[] = [];
    for (const scale of SCALES) mine.push(await ours(model, input, T, threads, scale));
    const theirs = torch(model, input, T, threads, SCALES);
    console.log(`-- ${threads} thread${threads > 1 ? 's' : ''} each (load average ${loadavg()[0].toFixed(1)})`);
    console.log('threshold ×  spike rate ours / torch   ours s         torch s        torch/ours (best)');
    SCALES.forEach((sc, i) => {
      const o = mine[i];
      const t = theirs[i];
      const rates = `${pct(o.rate)} / ${pct(t.rate)}`.padStart(20);
      console.log(
        `${String(sc).padEnd(11)}  ${rates}   ${s(o).padEnd(13)}  ${s(t).padEnd(13)}  ${(t.best / o.best).toFixed(2)}×`,
      );
    });
  }
}

async function resnet50() {
  const out = execFileSync(PY, ['bench/export_torchvision.py', `${OUT}/torchvision`, 'resnet50@224'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const model = (JSON.parse(out.trim()) as { path: string }).path;
  const N = 4;
  const T = 4;
  const x = randomInputs(N, [224, 224, 3], 0);
  const input = `${OUT}/resnet50-inputs.npy`;
  writeFileSync(input, writeNpy(x.shape, x.data));
  console.log(`\nResNet-50 (torchvision, random weights) 224×224, ${N} samples, T = ${T}, SNN phase seconds`);
  const mine = new Map<number, Figure>();
  const theirs = new Map<number, Figure>();
  for (const threads of [1, CORES]) {
    mine.set(threads, await ours(model, input, T, threads));
    theirs.set(threads, torch(model, input, T, threads, [1])[0]);
    const o = mine.get(threads)!;
    const t = theirs.get(threads)!;
    console.log(
      `${threads} thread(s), load ${loadavg()[0].toFixed(1)}: spike rate ${pct(o.rate)} / ${pct(t.rate)}; ours ${s(o)} s, torch ${s(t)} s, torch/ours ${(t.best / o.best).toFixed(2)}×`,
    );
  }
  if (CORES > 1) {
    const po = amdahl(mine.get(1)!.best, mine.get(CORES)!.best, CORES);
    const pt = linear(theirs.get(1)!.best, theirs.get(CORES)!.best, CORES);
    const sp = (f: Map<number, Figure>) => (f.get(1)!.best / f.get(CORES)!.best).toFixed(2);
    console.log(`--threads ${CORES} vs 1: ours ${sp(mine)}×, torch ${sp(theirs)}×`);
    for (const c of [8, 16])
      console.log(
        `projected on ${c} cores (ours by Amdahl, parallel share ${(po.share * 100).toFixed(0)}%; torch at its ` +
          `${(pt.efficiency * 100).toFixed(0)}% per-thread efficiency on every core): ours ` +
          `${(mine.get(1)!.best / po.at(c)).toFixed(3)} s, torch ${(theirs.get(1)!.best / pt.at(c)).toFixed(3)} s`,
      );
  }
  // one sample: the threads share it (bands of each layer's rows)
  const one = `${OUT}/resnet50-one.npy`;
  writeFileSync(one, writeNpy([1, ...x.shape.slice(1)], x.data.subarray(0, 224 * 224 * 3)));
  const o1 = await ours(model, one, T, 1);
  const oN = await ours(model, one, T, CORES);
  console.log(
    `one sample (load ${loadavg()[0].toFixed(1)}): ours ${s(o1)} s on 1 thread, ${s(oN)} s on ${CORES} (${(o1.best / oN.best).toFixed(2)}×)`,
  );
}

/**
 * The first write to fresh memory (page faults) on 1 thread and on every core at once: each simulator thread
 * writes fresh WebAssembly memory (its weights, then its batch's membranes in the SNN phase), so where faults
 * are dear or do not run in parallel (some virtual machines) that part of a run does not scale with threads.
 */
async function freshMemory(threads: number, mb = 32): Promise<number[]> {
  const code = `const { parentPort } = require('node:worker_threads');
    const m = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
    m.grow(${mb} * 16);
    const a = new Float32Array(m.buffer);
    parentPort.once('message', () => { const t = performance.now(); a.fill(1, 0, ${mb} << 18); parentPort.postMessage(performance.now() - t); });
    parentPort.postMessage('ready');`;
  const ws = Array.from({ length: threads }, () => new Worker(code, { eval: true }));
  await Promise.all(ws.map((w) => new Promise((r) => w.once('message', r))));
  const ms = await Promise.all(ws.map((w) => new Promise<number>((r) => (w.once('message', r), w.postMessage('go')))));
  await Promise.all(ws.map((w) => w.terminate()));
  return ms.map((t) => t / mb);
}

async function main() {
  console.log(
    `${CORES} cores; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const one = await freshMemory(1);
  const all = await freshMemory(CORES);
  console.log(
    `first write to fresh memory: ${one[0].toFixed(2)} ms/MB on 1 thread; ` +
      `${all.map((x) => x.toFixed(2)).join(', ')} ms/MB each on ${CORES} at once`,
  );
  if (!process.env.ONLY || process.env.ONLY === 'vgg') await vgg();
  if (!process.env.ONLY || process.env.ONLY === 'resnet50') await resnet50();
  console.log('torch/ours > 1: ours is faster. Ours: float32, event-driven, WebAssembly SIMD; torch: float32 dense.');
}
void main();
