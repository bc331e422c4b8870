// Our simulator against a PyTorch CPU dense simulation of the same SNN, in one run on the same cores:
// VGG-16 (CIFAR-10 size, with BatchNorm), T = 6, batch 16, at the natural spike rate and at rates forced
// lower by scaling every threshold (same scaling in both). Torch uses as many threads as we do (1), and 2.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { openFileSource } from '../src/node/file-source';
import { readOnnx } from '../src/core/model/onnx/reader';
import { buildSimGraph } from '../src/core/sim/graph';
import { randomInputs, samplesFrom } from '../src/core/sim/inputs';
import { writeNpy } from '../src/core/sim/npy';
import { calibrate, simulate } from '../src/core/sim/run';

const OUT = 'bench/out';
mkdirSync(OUT, { recursive: true });
const model = `${OUT}/vgg16_cifar.onnx`;
const py = '/usr/bin/python3';
if (!existsSync(model)) execFileSync(py, ['bench/make_vgg16_cifar.py'], { stdio: 'inherit' });
const T = 6;
const N = 16;
const scales = [1, 1.5, 2, 3, 5];
const x = randomInputs(N, [32, 32, 3], 0);
writeFileSync(`${OUT}/sim-inputs.npy`, writeNpy(x.shape, x.data));

const src = openFileSource(model);
const g = buildSimGraph(readOnnx(src).value!, src);
if ('error' in g) throw new Error(g.error);
const inputs = samplesFrom(x.shape, x.data, g.inputShape) as Float64Array[];
const t0 = performance.now();
calibrate(g, inputs, 99.9);
const calibMs = performance.now() - t0;

const ours = scales.map((scale) => {
  // the SNN phase starts at the first timestep's progress report (after the ANN calibration pass)
  let start = 0;
  const r = simulate(
    g,
    inputs,
    inputs,
    { timesteps: T, thresholdPercentile: 99.9, vInit: 0.5, encoding: 'direct', seed: 0, thresholdScale: scale },
    {
      progress: () => {
        start ||= performance.now();
      },
    },
  );
  return { scale, seconds: (performance.now() - start) / 1000, rate: r.meanSpikeRate };
});
src.close();

const torch = (threads: number) => {
  const r = spawnSync(
    py,
    ['bench/sim_torch.py', model, `${OUT}/sim-inputs.npy`, String(T), String(threads), scales.join(',')],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { scale: number; seconds: number; meanSpikeRate: number });
};
const t1 = torch(1);
const t2 = torch(2);
console.log(
  `VGG-16 CIFAR-10 (BN), T = ${T}, batch ${N}; SNN phase only (our ANN calibration pass: ${(calibMs / 1000).toFixed(2)} s)`,
);
console.log('threshold ×  spike rate (ours / torch)   ours s   torch 1 thread s  ratio   torch 2 threads s  ratio');
ours.forEach((o, i) =>
  console.log(
    `${String(o.scale).padEnd(11)}  ${(o.rate * 100).toFixed(2).padStart(6)}% / ${(t1[i].meanSpikeRate * 100).toFixed(2).padStart(6)}%       ${o.seconds.toFixed(2).padStart(6)}   ${t1[i].seconds.toFixed(2).padStart(15)}  ${(t1[i].seconds / o.seconds).toFixed(2).padStart(5)}×  ${t2[i].seconds.toFixed(2).padStart(16)}  ${(t2[i].seconds / o.seconds).toFixed(2).padStart(5)}×`,
  ),
);
console.log('ratio = torch time / our time (> 1: we are faster). Ours is single-threaded, float64, event-driven.');
