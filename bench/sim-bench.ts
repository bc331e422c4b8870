// Our simulator against a PyTorch CPU dense simulation of the same SNN (bench/sim-torch.py), in one run on
// the same machine: VGG-16 (CIFAR-10 size, with BatchNorm), T = 6, batch 16, at the natural spike rate and
// at rates forced lower by scaling every threshold (the same scaling in both). Ours is single-threaded, so
// torch gets one thread too (torch.set_num_threads(1)). Each figure is the best of REPEATS runs.
// Run: npm run bench -- sim   (esbuild bundles this file to bench/out/sim-bench.js and runs it with node)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { openFileSource } from '../src/node/file-source';
import { readOnnx } from '../src/core/model/onnx/reader';
import { buildSimGraph } from '../src/core/sim/graph';
import { randomInputs, samplesFrom } from '../src/core/sim/inputs';
import { writeNpy } from '../src/core/sim/npy';
import { calibrate, simulate } from '../src/core/sim/run';

const OUT = 'bench/out';
const PY = '/usr/bin/python3';
const T = 6;
const N = 16;
const THREADS = 1;
const REPEATS = 3;
const SCALES = [1, 1.5, 2, 3, 5, 8];

mkdirSync(OUT, { recursive: true });
const model = `${OUT}/vgg16_cifar.onnx`;
if (!existsSync(model)) execFileSync(PY, ['bench/make_vgg16_cifar.py'], { stdio: 'inherit' });
const x = randomInputs(N, [32, 32, 3], 0);
writeFileSync(`${OUT}/sim-inputs.npy`, writeNpy(x.shape, x.data));

const t0 = performance.now();
const src = openFileSource(model);
const built = buildSimGraph(readOnnx(src).value!, src);
src.close();
if ('error' in built) throw new Error(built.error);
const g = built;
const loadMs = performance.now() - t0;
const inputs = samplesFrom(x.shape, x.data, g.inputShape) as Float32Array[];
const t1 = performance.now();
calibrate(g, inputs, 99.9);
const calibMs = performance.now() - t1;

/** The SNN phase: from the first timestep's progress report (after the ANN pass) to the end. */
function ours(scale: number): { seconds: number; rate: number } {
  let best = Infinity;
  let rate = 0;
  for (let k = 0; k < REPEATS; k++) {
    let start = 0;
    const opts = { timesteps: T, thresholdPercentile: 99.9, vInit: 0.5, encoding: 'direct' as const, seed: 0 };
    const r = simulate(
      g,
      inputs,
      inputs,
      { ...opts, thresholdScale: scale },
      { progress: () => void (start ||= performance.now()) },
    );
    best = Math.min(best, (performance.now() - start) / 1000);
    rate = r.meanSpikeRate;
  }
  return { seconds: best, rate };
}

const mine = SCALES.map(ours);
const args = ['bench/sim-torch.py', model, `${OUT}/sim-inputs.npy`, String(T), String(THREADS), String(REPEATS)];
const py = spawnSync(PY, [...args, SCALES.join(',')], { encoding: 'utf8' });
if (py.status !== 0) throw new Error(py.stderr);
const torch = py.stdout
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { scale: number; seconds: number; meanSpikeRate: number });

const pad = (s: string, n: number) => s.padStart(n);
console.log(`VGG-16 CIFAR-10 (BN), T = ${T}, batch ${N}, ${THREADS} thread each, best of ${REPEATS}; SNN phase only`);
console.log(
  `(ours besides: model load ${(loadMs / 1000).toFixed(2)} s, ANN calibration pass ${(calibMs / 1000).toFixed(2)} s)`,
);
console.log('threshold ×   spike rate ours / torch   ours s   torch s   torch/ours');
SCALES.forEach((s, i) => {
  const o = mine[i];
  const t = torch[i];
  const rates = `${(o.rate * 100).toFixed(2)}% / ${(t.meanSpikeRate * 100).toFixed(2)}%`;
  const row = `${pad(rates, 20)}   ${pad(o.seconds.toFixed(3), 6)}   ${pad(t.seconds.toFixed(3), 7)}   ${pad((t.seconds / o.seconds).toFixed(2), 9)}×`;
  console.log(`${String(s).padEnd(11)}  ${row}`);
});
console.log(
  'torch/ours > 1: ours is faster. Ours: float32, event-driven, WebAssembly SIMD; torch: float32 dense (oneDNN).',
);
