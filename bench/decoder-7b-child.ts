// One measurement in a fresh process: open a big decoder by positional reads, build the IR, lint it on every
// built-in architecture; reports times, the bytes read and the coverage.
import { openFileSource } from '../src/node/file-source';
import { parseOnnx } from '../src/core/model/onnx/to-network';
import { analyze } from '../src/core/analysis/analyze';
import { BUILTIN_ARCHITECTURES } from '../src/core/energy/builtins';
import type { ByteSource } from '../src/core/model/onnx/types';

const t0 = performance.now();
const file = openFileSource(process.argv[2]);
let bytesRead = 0;
let reads = 0;
const src: ByteSource = {
  size: file.size,
  read(offset, length) {
    const b = file.read(offset, length);
    bytesRead += b.length;
    reads++;
    return b;
  },
};
const parsed = parseOnnx(src);
const t1 = performance.now();
const net = parsed.value!.network;
const a = analyze(net, BUILTIN_ARCHITECTURES, {
  defaultSpikeRate: 0.1,
  view: 'per-layer',
  nearMargin: 0.1,
  detail: 'lint',
});
const t2 = performance.now();
file.close();
console.log(
  JSON.stringify({
    openMs: t1 - t0,
    lintMs: t2 - t1,
    bytesRead,
    reads,
    macs: a.coverage.accountedMacs,
    complete: a.coverage.complete,
    attentionLayers: net.layers.filter((l) => l.approximation && l.counts).length,
    findings: a.findings.length,
    maxRssKiB: process.resourceUsage().maxRSS,
    // CPU time of the whole process (start-up included): wall time on a loaded machine runs longer
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  }),
);
