// Re-lint a generated 1,000-layer spec on every built-in architecture: parse + analyze, in core.
// Goal (issue #3): ≤ 10 ms median. Peer: the same spec's JSON.parse + a plain JS loop that computes
// only the paper's per-synapse formula per layer (what a hand-written script does), measured in the
// same run, so the ratio says what the full analysis costs over the bare minimum.
import { parseLayerSpec } from '../src/core/model/layer-spec/parse';
import { analyze } from '../src/core/analysis/analyze';
import { BUILTIN_ARCHITECTURES } from '../src/core/energy/builtins';

function generate(n: number): string {
  const layers: string[] = [];
  let c = 16;
  for (let i = 0; i < n; i++) {
    const out = 16 + ((i * 7) % 48);
    layers.push(
      `    { "name": "conv${i}", "type": "conv2d", "outChannels": ${out}, "kernel": 3, "padding": 1, "spikeRate": ${(0.02 + ((i * 13) % 100) / 1000).toFixed(3)} }`,
    );
    c = out;
  }
  void c;
  layers.push(
    '    { "name": "gap", "type": "globalavgpool2d" }',
    '    { "name": "flatten", "type": "flatten" }',
    '    { "name": "fc", "type": "linear", "outFeatures": 10 }',
  );
  return `{ "name": "deep", "input": { "shape": [16, 16, 16] }, "timesteps": 6, "layers": [\n${layers.join(',\n')}\n] }\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f: () => void, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return out;
}

const text = generate(1000);
/** What the editor does per edit: parse, analyze on every architecture, write the selected one's diagnostics. */
const lint = () => {
  const net = parseLayerSpec(text).value!;
  const a = analyze(net, BUILTIN_ARCHITECTURES, {
    defaultSpikeRate: 0.1,
    view: 'per-layer',
    nearMargin: 0.1,
    detail: 'lint',
  });
  let chars = 0;
  for (const f of a.findings)
    if (!f.architecture || f.architecture === 'spatial-dataflow') chars += f.message.length + (f.range?.start ?? 0);
  if (chars === 0) throw new Error('no diagnostics');
};
const peer = () => {
  const spec = JSON.parse(text) as { layers: { outChannels?: number; spikeRate?: number }[] };
  let s = 0;
  for (let a = 0; a < BUILTIN_ARCHITECTURES.length; a++)
    for (const l of spec.layers) s += 6 * (l.spikeRate ?? 0.1) * 64.32 + (2 * 2020 * (6 / 7)) / 256 + (6 * 64.35) / 144;
  if (!Number.isFinite(s)) throw new Error('unreachable');
};
time(lint, 200); // warm-up: the JIT and the heap settle, as in a long-running editor
time(peer, 20);
const ours = time(lint, 100);
const full = time(
  () =>
    analyze(parseLayerSpec(text).value!, BUILTIN_ARCHITECTURES, {
      defaultSpikeRate: 0.1,
      view: 'per-layer',
      nearMargin: 0.1,
    }),
  30,
);
const one = time(
  () =>
    analyze(parseLayerSpec(text).value!, BUILTIN_ARCHITECTURES.slice(1, 2), {
      defaultSpikeRate: 0.1,
      view: 'per-layer',
      nearMargin: 0.1,
      detail: 'lint',
    }),
  60,
);
const theirs = time(peer, 60);
const parseOnly = time(() => parseLayerSpec(text), 60);
console.log(`1,000-layer spec, ${BUILTIN_ARCHITECTURES.length} architectures, ${text.length} bytes`);
console.log(
  `  snn-energy lint (parse + analyze + the selected architecture's diagnostic texts): median ${median(ours).toFixed(2)} ms (goal ≤ 10 ms)`,
);
console.log(`  same with the T sweep (report/panel detail): median ${median(full).toFixed(2)} ms`);
console.log(`  editor re-lint, one selected architecture:  median ${median(one).toFixed(2)} ms`);
console.log(`    of which parse:                 median ${median(parseOnly).toFixed(2)} ms`);
console.log(`  peer (JSON.parse + per-synapse formula only): median ${median(theirs).toFixed(2)} ms`);
console.log(`  ratio ours/peer: ${(median(ours) / median(theirs)).toFixed(1)}×`);
