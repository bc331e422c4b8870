// A 7B-parameter decoder (Llama-2-7B shapes, weights in a sparse external-data file) opened and linted:
// ours in a fresh process (structure read + IR + lint on every built-in architecture, attention costed)
// against Python `onnx.load(path, load_external_data=False)` alone, same machine, same run.
// Usage: npm run bench -- decoder
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { decoderMacs, synthesizeDecoder } from './synthetic-decoder';

const OUT = 'bench/out';
mkdirSync(OUT, { recursive: true });
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const path = `${OUT}/decoder-7b.onnx`;
const t = performance.now();
const { modelBytes, dataBytes } = synthesizeDecoder(path);
console.log(
  `decoder written in ${(performance.now() - t).toFixed(0)} ms: model ${(modelBytes / 1024).toFixed(0)} KiB, ` +
    `external data ${(dataBytes / 1e9).toFixed(2)} GB apparent (float16, ${(dataBytes / 2 / 1e9).toFixed(2)} B parameters), ` +
    `${(statSync(path.replace(/\.onnx$/, '.weights')).blocks * 512) / 1024} KiB on disk`,
);

const ours = () => {
  const r = spawnSync(process.execPath, [`${OUT}/decoder-7b-child.js`, path], { encoding: 'utf8' });
  return JSON.parse(r.stdout) as Record<string, number | boolean>;
};
const cli = () => {
  const t0 = performance.now();
  spawnSync(process.execPath, ['dist/cli.js', 'lint', path, '--fail-on', 'never'], { encoding: 'utf8' });
  return performance.now() - t0;
};
const PY = `import sys, time, onnx
t = time.perf_counter(); m = onnx.load(sys.argv[1], load_external_data=False); print((time.perf_counter() - t) * 1000)`;
const python = '/usr/bin/python3';
const haveOnnx = spawnSync(python, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
const theirs = () => Number(execFileSync(python, ['-c', PY, path], { encoding: 'utf8' }));

const o = Array.from({ length: RUNS }, ours);
const open = median(o.map((x) => x.openMs as number));
const lint = median(o.map((x) => x.lintMs as number));
const whole = median(Array.from({ length: RUNS }, cli));
const py = haveOnnx ? median(Array.from({ length: 3 }, theirs)) : NaN;
const first = o[0];
const cpu = median(o.map((x) => x.cpuMs as number));
console.log(
  `open (read + shapes + IR) ${open.toFixed(0)} ms, lint ${lint.toFixed(0)} ms, together ${(open + lint).toFixed(0)} ms; ` +
    `\`snn-energy lint\` end to end (process start included) ${whole.toFixed(0)} ms; CPU time of the measuring process ${cpu.toFixed(0)} ms`,
);
console.log(
  `bytes read ${first.bytesRead} (${((first.bytesRead as number) / 1024).toFixed(0)} KiB in ${first.reads} reads) of a ` +
    `${(modelBytes / 1024).toFixed(0)} KiB model; the ${(dataBytes / 1e9).toFixed(1)} GB data file is never opened`,
);
console.log(
  `MACs ${first.macs} (hand count ${decoderMacs()}), complete ${first.complete}, ${first.attentionLayers} attention products costed, ` +
    `${first.findings} findings, peak RSS ${((first.maxRssKiB as number) / 1024).toFixed(0)} MiB`,
);
console.log(
  `peer: onnx.load(load_external_data=False) ${py.toFixed(0)} ms; ours (open + lint) / onnx.load = ${((open + lint) / py).toFixed(2)}`,
);
