// Coverage run: every torchvision CNN with ReLU-family activations (AlexNet, VGG, ResNet, ResNeXt,
// Wide-ResNet, DenseNet, GoogLeNet, Inception-v3, SqueezeNet, MobileNet-v2) exported with PyTorch
// (bench/export_torchvision.py: random weights, small inputs where the net allows, into bench/out/, never
// committed) and simulated by ours through the worker pool, as the CLI runs it. Exits 1 if any is refused.
// Run: npm run bench -- torchvision   (MODELS=name[@side],… SAMPLES, TIMESTEPS, THREADS from the environment)
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { simulateFile } from '../src/node/simulate';

const OUT = 'bench/out/torchvision';
const SAMPLES = Number(process.env.SAMPLES ?? 2);
const T = Number(process.env.TIMESTEPS ?? 2);
const THREADS = process.env.THREADS ? Number(process.env.THREADS) : undefined;

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const exported = execFileSync(
  '/usr/bin/python3',
  ['bench/export_torchvision.py', OUT, ...(process.env.MODELS?.split(',') ?? [])],
  {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 1 << 20,
  },
)
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { name: string; path: string; input: number[] });

async function main() {
  console.log(`${SAMPLES} random samples, T = ${T}, ${THREADS ?? 'all'} threads`);
  console.log('model                   input      IF layers  mean rate  threads  wall s   planned MB  peak RSS MB');
  let failed = 0;
  for (const m of exported) {
    const r = await simulateFile(m.path, {
      randomInputs: SAMPLES,
      timesteps: T,
      threads: THREADS,
      workerPath: resolve('dist/sim-worker.js'),
    });
    const input = m.input.join('×');
    if ('error' in r) {
      failed++;
      console.log(`${m.name.padEnd(22)}  ${input.padEnd(9)}  REFUSED: ${r.error}`);
      continue;
    }
    const cols = [
      String(r.layers.length).padStart(9),
      `${(r.meanSpikeRate * 100).toFixed(2)}%`.padStart(9),
      String(r.threads).padStart(7),
      (r.wallMs / 1000).toFixed(2).padStart(7),
      (r.memory.plannedBytes / 2 ** 20).toFixed(0).padStart(11),
      (r.memory.peakRssBytes / 2 ** 20).toFixed(0).padStart(12),
    ];
    console.log(`${m.name.padEnd(22)}  ${input.padEnd(9)}  ${cols.join('  ')}`);
  }
  console.log(failed ? `${failed} of ${exported.length} refused` : `all ${exported.length} simulated`);
  process.exitCode = failed ? 1 : 0;
}
void main();
