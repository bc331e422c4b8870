// `npm run bench -- host`: issue 13's 50 ms budget on a 20,000-layer spec and a 1,000-node ONNX model.
// First the work itself (parse, analysis, panel data, ONNX read), in this thread, with its peer measured in
// the same run (the same steps on a 1,000-layer spec); the extension does all of it in the model worker.
// Then the extension's host-side steps with the real worker (dist/model-worker.js): each post and hand-off,
// the host thread's longest busy stretch, and the worker's time on each request next to them.
import { hostSteps } from './host-worker-steps';
import { model, spec } from './host-inputs';
import { analyze } from '../src/core/analysis/analyze';
import { BUILTIN_ARCHITECTURES } from '../src/core/energy/builtins';
import { parseLayerSpec } from '../src/core/model/layer-spec/parse';
import { parseOnnx } from '../src/core/model/onnx/to-network';
import { renderOnnxText } from '../src/core/model/onnx/text';
import { bufferSource } from '../src/core/model/onnx/wire';
import { panelData } from '../src/extension/panel/panel-data';

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

console.log('the work itself, in one thread (the model worker does it), median of 5');
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

void (async () => {
  const r = await hostSteps(`${process.cwd()}/dist/model-worker.js`);
  const ms = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(1)} ms`);
  console.log('host-side steps with the model worker (budget 50 ms each), one run');
  for (const [step, t] of Object.entries(r.host)) console.log(`  host ${step}: ${ms(t)}`);
  for (const [step, t] of Object.entries(r.worker)) console.log(`  worker ${step}: ${ms(t)}`);
  console.log(`  host thread busiest stretch (its CPU time between 1 ms ticks): ${ms(r.maxBusyMs)}`);
  console.log(
    `  host event loop, wall clock (includes other processes holding the cores): drift ${ms(r.maxDriftMs)}, histogram max ${ms(r.maxDelayMs)}`,
  );
  const worst = Math.max(...Object.values(r.host), r.maxBusyMs ?? 0);
  console.log(`  ratio worker spec put / worst host step: ${(r.worker.spec / worst).toFixed(0)}×`);
})();
