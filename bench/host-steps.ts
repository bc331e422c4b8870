// `npm run bench -- host`: what each host-thread step of the extension costs today on a 20,000-layer spec
// and a 1,000-node ONNX model (issue 13's 50 ms budget), next to a peer measured in the same run: the same
// steps on the 1,000-layer VGG-like spec (the re-lint benchmark's input size).
import { onnx } from 'onnx-proto';
import { analyze } from '../src/core/analysis/analyze';
import { BUILTIN_ARCHITECTURES } from '../src/core/energy/builtins';
import { parseLayerSpec } from '../src/core/model/layer-spec/parse';
import { parseOnnx } from '../src/core/model/onnx/to-network';
import { renderOnnxText } from '../src/core/model/onnx/text';
import { bufferSource } from '../src/core/model/onnx/wire';
import { panelData } from '../src/extension/panel/panel-data';

function spec(n: number): string {
  const layers = Array.from({ length: n }, (_, i) =>
    i % 2
      ? `{"name":"r${i}","type":"relu"}`
      : `{"name":"c${i}","type":"conv2d","outChannels":16,"kernel":3,"padding":1,"spikeRate":0.1}`,
  );
  return `{"input":{"shape":[16,8,8]},"layers":[${layers.join(',')}]}`;
}

/** n nodes: Conv (16→16, 3×3, weights inline) and Relu alternating on a 16×8×8 input. */
function model(n: number): Uint8Array {
  const T = onnx.TensorProto.DataType.FLOAT;
  const vi = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: T, shape: { dim: [1, 16, 8, 8].map((d) => ({ dimValue: d })) } } },
    });
  const nodes: onnx.INodeProto[] = [];
  const inits: onnx.ITensorProto[] = [];
  let x = 'x';
  for (let i = 0; i < n; i++) {
    const y = `t${i}`;
    if (i % 2 === 0) {
      inits.push({ name: `w${i}`, dataType: T, dims: [16, 16, 3, 3], rawData: new Uint8Array(16 * 16 * 9 * 4) });
      nodes.push({
        opType: 'Conv',
        name: `conv${i}`,
        input: [x, `w${i}`],
        output: [y],
        attribute: [{ name: 'pads', type: onnx.AttributeProto.AttributeType.INTS, ints: [1, 1, 1, 1] }],
      });
    } else nodes.push({ opType: 'Relu', name: `relu${i}`, input: [x], output: [y] });
    x = y;
  }
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'g', node: nodes, initializer: inits, input: [vi('x')], output: [vi(x)] },
  }).finish();
}

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
};
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const opts = { defaultSpikeRate: 0.1, view: 'per-layer' as const, nearMargin: 0.1 };

function steps(label: string, text: string) {
  const rows: Record<string, number[]> = { parse: [], 'analysis (diagnostics)': [], 'analysis + panel data': [] };
  for (let k = 0; k < 5; k++) {
    const [p, tp] = time(() => parseLayerSpec(text));
    rows.parse.push(tp);
    rows['analysis (diagnostics)'].push(
      time(() => analyze(p.value!, BUILTIN_ARCHITECTURES, { ...opts, detail: 'lint' }))[1],
    );
    rows['analysis + panel data'].push(
      time(() => panelData('x', analyze(p.value!, BUILTIN_ARCHITECTURES, opts), 'spatial-dataflow'))[1],
    );
  }
  for (const [k, v] of Object.entries(rows)) console.log(`  ${label} ${k}: ${median(v).toFixed(0)} ms`);
  return rows;
}

console.log('host-thread steps, median of 5 (budget 50 ms each)');
const small = steps('1,000-layer spec', spec(1000));
const big = steps('20,000-layer spec', spec(20000));
console.log(`  ratio 20,000 / 1,000 layers, parse: ${(median(big.parse) / median(small.parse)).toFixed(1)}×`);
const bytes = model(1000);
const reads: number[] = [];
const texts: number[] = [];
for (let k = 0; k < 5; k++) {
  const [r, t] = time(() => parseOnnx(bufferSource(bytes), { name: 'm' }));
  reads.push(t);
  texts.push(time(() => renderOnnxText(r.value!.model, r.value!.network))[1]);
}
console.log(
  `  1,000-node ONNX (${(bytes.length / 2 ** 20).toFixed(1)} MB) read + IR: ${median(reads).toFixed(0)} ms, text view: ${median(texts).toFixed(0)} ms`,
);
