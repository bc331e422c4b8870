// Structure read of big ONNX models: ours (wire walker, positional reads) against Python
// `onnx.load(path, load_external_data=False)`, each in a fresh process, same machine, same run.
// Usage: npm run bench:onnx   (generates bench/out/*.onnx on demand; PyTorch models need /usr/bin/python3 with torch)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { synthesizeVgg16 } from './synthetic-vgg16';

const OUT = 'bench/out';
mkdirSync(OUT, { recursive: true });
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const synthetic = `${OUT}/vgg16-synthetic.onnx`;
const t0 = performance.now();
const size = synthesizeVgg16(synthetic);
console.log(
  `synthetic VGG-16 written in ${(performance.now() - t0).toFixed(1)} ms: ${(size / 1e6).toFixed(0)} MB apparent`,
);

const python = '/usr/bin/python3';
const haveTorch = spawnSync(python, ['-c', 'import torch, torchvision, onnx'], { stdio: 'ignore' }).status === 0;
if (haveTorch && (!existsSync(`${OUT}/vgg16.onnx`) || !existsSync(`${OUT}/resnet18.onnx`))) {
  console.log('exporting torchvision VGG-16 and ResNet-18 with PyTorch (once)…');
  execFileSync(python, ['bench/make_models.py'], { stdio: 'inherit' });
}
const haveOnnx = spawnSync(python, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;

const ours = (path: string) => {
  const r = spawnSync(process.execPath, [`${OUT}/onnx-read-child.js`, path], { encoding: 'utf8' });
  return JSON.parse(r.stdout) as {
    readMs: number;
    networkMs: number;
    maxRssKiB: number;
    reads: number;
    bytesRead: number;
    macs: number;
  };
};
const PY = `import sys, time, json, resource, onnx
t = time.perf_counter(); m = onnx.load(sys.argv[1], load_external_data=False); dt = time.perf_counter() - t
print(json.dumps({"ms": dt * 1000, "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "nodes": len(m.graph.node)}))`;
const theirs = (path: string) =>
  JSON.parse(execFileSync(python, ['-c', PY, path], { encoding: 'utf8' })) as { ms: number; maxRssKiB: number };
const bareNode = Number(
  execFileSync(process.execPath, ['-e', 'console.log(process.resourceUsage().maxRSS)'], { encoding: 'utf8' }),
);
const barePy = haveOnnx
  ? Number(
      execFileSync(python, ['-c', 'import onnx, resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)'], {
        encoding: 'utf8',
      }),
    )
  : NaN;

const models = [
  ['VGG-16 224×224 (PyTorch)', `${OUT}/vgg16.onnx`],
  ['ResNet-18 224×224 (PyTorch)', `${OUT}/resnet18.onnx`],
  ['VGG-16 synthetic (sparse file)', synthetic],
  ['cnn_bn fixture (17 KB)', 'test/fixtures/onnx/cnn_bn.onnx'],
].filter(([, p]) => existsSync(p));

console.log(
  `bare process peak RSS: node ${(bareNode / 1024).toFixed(0)} MiB, python+onnx ${(barePy / 1024).toFixed(0)} MiB`,
);
console.log(
  'model                              size MB   ours read ms  +IR ms  ours MiB  reads  KiB read   onnx.load ms  onnx MiB   time ×   memory ×',
);
for (const [label, path] of models) {
  const o = Array.from({ length: RUNS }, () => ours(path));
  const p = haveOnnx ? Array.from({ length: Math.min(RUNS, 3) }, () => theirs(path)) : [];
  const readMs = median(o.map((x) => x.readMs));
  const irMs = median(o.map((x) => x.networkMs));
  const rss = median(o.map((x) => x.maxRssKiB)) / 1024;
  const pyMs = p.length ? median(p.map((x) => x.ms)) : NaN;
  const pyRss = p.length ? median(p.map((x) => x.maxRssKiB)) / 1024 : NaN;
  console.log(
    `${label.padEnd(34)} ${(statSync(path).size / 1e6).toFixed(1).padStart(7)}  ${readMs.toFixed(1).padStart(12)}  ${irMs.toFixed(1).padStart(6)}  ${rss.toFixed(0).padStart(8)}  ${String(o[0].reads).padStart(5)}  ${(o[0].bytesRead / 1024).toFixed(0).padStart(8)}  ${pyMs.toFixed(0).padStart(13)}  ${pyRss.toFixed(0).padStart(8)}  ${(pyMs / readMs).toFixed(0).padStart(7)}  ${(pyRss / rss).toFixed(1).padStart(9)}`,
  );
}
console.log(
  'time × = onnx.load time / our structure read time; memory × = onnx.load peak RSS / our peak RSS (whole process).',
);
