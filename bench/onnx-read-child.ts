// One measurement in a fresh process: read an ONNX model's structure (and build the IR) by positional reads.
import { openFileSource } from '../src/node/file-source';
import { parseOnnx } from '../src/core/model/onnx/to-network';
import { readOnnx } from '../src/core/model/onnx/reader';

const path = process.argv[2];
const t0 = performance.now();
const src = openFileSource(path);
const read = readOnnx(src);
const t1 = performance.now();
const net = parseOnnx(src);
const t2 = performance.now();
src.close();
const macs = net.value?.network.layers.reduce((s, l) => s + (l.counts?.synapses ?? 0), 0) ?? 0;
console.log(
  JSON.stringify({
    readMs: t1 - t0,
    networkMs: t2 - t1,
    maxRssKiB: process.resourceUsage().maxRSS,
    reads: read.reads,
    bytesRead: read.bytesRead,
    nodes: read.value?.graph.nodes.length,
    macs,
  }),
);
