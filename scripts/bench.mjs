// Builds and runs the benchmarks in bench/ (never part of npm test). Usage: npm run bench [-- name…]
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const ALL = {
  lint: ['lint-1000'],
  onnx: ['onnx-read', 'onnx-read-child'],
  sim: ['sim-bench'],
  torchvision: ['torchvision'],
  decoder: ['decoder-7b', 'decoder-7b-child'],
  fuzz: ['fuzz/run'],
  host: ['host-steps'],
};
const args = process.argv.slice(2);
// `npm run bench -- fuzz 500 100 7`: numbers after "fuzz" are its counts and seed
const fuzzArgs = args.filter((a) => /^\d+$/.test(a));
const named = args.filter((a) => !/^\d+$/.test(a));
const wanted = named.length ? named : Object.keys(ALL).filter((n) => n !== 'fuzz' && n !== 'host');
for (const name of wanted) {
  const entries = (ALL[name] ?? []).filter((e) => existsSync(`bench/${e}.ts`));
  if (!entries.length) {
    console.log(`(no benchmark "${name}" here)`);
    continue;
  }
  for (const e of entries)
    await esbuild.build({
      entryPoints: [`bench/${e}.ts`],
      outfile: `bench/out/${e}.js`,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      mainFields: ['module', 'main'],
      logLevel: 'warning',
    });
  // the host benchmark drives the bundled model worker
  if (name === 'host') spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  console.log(`\n## ${name}`);
  spawnSync(process.execPath, [`bench/out/${entries[0]}.js`, ...(name === 'fuzz' ? fuzzArgs : [])], {
    stdio: 'inherit',
  });
}
