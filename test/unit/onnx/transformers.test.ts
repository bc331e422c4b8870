// Issue 12: transformer and recurrent PyTorch exports (test/fixtures/onnx/transformers/make_transformers.py):
// MACs against hand counts written here, shapes against onnx.shape_inference (reference-shapes.json), and
// coverage: every verdict is either right or withheld.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analysis/analyze';
import { BUILTIN_ARCHITECTURES } from '../../../src/core/energy/builtins';
import { inferShapes } from '../../../src/core/model/onnx/infer';
import { readOnnx } from '../../../src/core/model/onnx/reader';
import { parseOnnx } from '../../../src/core/model/onnx/to-network';
import { bufferSource } from '../../../src/core/model/onnx/wire';
import type { Network } from '../../../src/core/model/ir';
import { bytes, FIXTURES } from './samples';

const DIR = `${FIXTURES}transformers/`;
const REFERENCE = JSON.parse(readFileSync(`${DIR}reference-shapes.json`, 'utf8')) as Record<
  string,
  Record<string, number[]> & { error?: string }
>;

function net(file: string, opts = {}): Network {
  const r = parseOnnx(bufferSource(bytes(DIR + file)), opts);
  expect(r.value, JSON.stringify(r.problems)).toBeDefined();
  return r.value!.network;
}
const macs = (n: Network) => n.layers.reduce((s, l) => s + (l.counts?.synapses ?? 0), 0);
const lint = (n: Network, allowIncomplete = false) =>
  analyze(n, BUILTIN_ARCHITECTURES, {
    defaultSpikeRate: 0.1,
    view: 'per-layer',
    nearMargin: 0.1,
    detail: 'lint',
    allowIncomplete,
  });

describe('hand counts (MACs per sample, attention included)', () => {
  it('2-block ViT (32×32, patch 8, d 64, 4 heads, MLP 128, 10 classes)', () => {
    const n = net('vit2.onnx');
    const seq = 16 + 1; // 4×4 patches and the class token
    const patch = 3 * 8 * 8 * 64 * 16;
    const block =
      seq * 64 * 192 + // in-projection (q, k, v)
      2 * 4 * seq * seq * 16 + // QKᵀ and AV, 4 heads of 16
      seq * 64 * 64 + // out-projection
      2 * seq * 64 * 128; // MLP
    expect(macs(n)).toBe(patch + 2 * block + 64 * 10);
    const attention = n.layers.filter((l) => l.approximation && l.counts);
    expect(attention).toHaveLength(4);
    for (const l of attention) expect(l.counts).toMatchObject({ synapses: 4 * seq * seq * 16, weights: 0 });
  });

  it('Swin window block with shifted windows and padding: 6×6 padded to 8×8, windows 4×4, 2 heads', () => {
    const n = net('swin_block.onnx');
    const padded = 64;
    const attention = 2 * (4 * 2 * 16 * 16 * 16); // QKᵀ and AV: 4 windows × 2 heads × 16×16 tokens × 16
    const expected = padded * 32 * 96 + attention + padded * 32 * 32 + 2 * 36 * 32 * 128;
    expect(macs(n)).toBe(expected);
  });

  it('decoder block with a causal mask (8 tokens, d 32, 2 heads, MLP 64, vocab 50)', () => {
    const n = net('decoder_causal.onnx');
    const t = 8;
    expect(macs(n)).toBe(t * 32 * 96 + 2 * (2 * t * t * 16) + t * 32 * 32 + 2 * t * 32 * 64 + t * 32 * 50);
  });

  for (const [file, axis] of [
    ['lstm_batch_first.onnx', 0],
    ['lstm_seq_first.onnx', 1],
  ] as const)
    it(`${file}: per sample (batch 2 on axis ${axis}), LSTM biases counted`, () => {
      const n = net(file);
      const lstm = n.layers.find((l) => l.op === 'LSTM')!;
      expect(lstm.counts).toMatchObject({ synapses: 4 * 16 * (10 + 16) * 5, weights: 4 * 16 * 26, biases: 2 * 4 * 16 });
      const head = n.layers.filter((l) => l.counts && l.op !== 'LSTM');
      expect(head.reduce((s, l) => s + l.counts!.synapses, 0)).toBe(5 * 16 * 8);
      expect(n.batchRule).toContain(`axis ${axis}`);
    });
});

describe('element-wise work in both twins', () => {
  it('LayerNorm 8, Softmax 5 operations per element, one read per token and feature of the embedding', () => {
    const n = net('decoder_causal.onnx');
    const ops = (op: string) => n.layers.filter((l) => l.op === op).map((l) => l.elementOps);
    // opset 14 has no LayerNormalization op (its pieces are element-wise ops); the opset-17 Swin block has two
    const swin = net('swin_block.onnx').layers.filter((l) => l.op === 'LayerNormalization');
    expect(swin.map((l) => l.elementOps)).toEqual([36 * 32 * 8, 36 * 32 * 8]); // 6×6 tokens × 32 features × 8
    expect(ops('Softmax')).toEqual([5 * 2 * 8 * 8]); // 2 heads × 8 × 8 scores × 5
    const embedding = n.layers.find((l) => l.op === 'Gather' && l.elementOps);
    expect(embedding?.elementOps).toBe(8 * 32);
    expect(embedding?.approximation).toContain('one weight read per token');
  });

  it('priced by the architecture: 0 pJ in the v1 presets, an accumulate (0.05448 pJ) on neuromorphic, T times in the SNN', () => {
    const n = net('decoder_causal.onnx');
    const total = n.layers.reduce((s, l) => s + (l.elementOps ?? 0), 0);
    const a = lint(n);
    const T = a.settings.timesteps;
    const byId = (id: string) => a.architectures.find((x) => x.id === id)!;
    expect(byId('spatial-dataflow').elementwise).toEqual({ operations: total, qnnEnergyJ: 0, snnEnergyJ: 0 });
    const neuro = byId('neuromorphic').elementwise;
    expect(neuro.operations).toBe(total);
    expect(neuro.qnnEnergyJ).toBeCloseTo(total * 0.05448e-12, 20);
    expect(neuro.snnEnergyJ).toBeCloseTo(T * total * 0.05448e-12, 20);
    const layers = byId('neuromorphic').layers;
    const sum = (k: 'qnnEnergyJ' | 'snnEnergyJ') => layers.reduce((s, l) => s + l[k], 0);
    expect(byId('neuromorphic').qnnEnergyJ).toBeCloseTo(sum('qnnEnergyJ') + neuro.qnnEnergyJ, 18);
    expect(byId('neuromorphic').snnEnergyJ).toBeCloseTo(sum('snnEnergyJ') + neuro.snnEnergyJ, 18);
  });
});

describe('shape inference against onnx.shape_inference', () => {
  for (const file of ['vit2.onnx', 'swin_block.onnx', 'decoder_causal.onnx', 'lstm_batch_first.onnx'])
    it(`${file}: every shape the reference determines`, () => {
      const src = bufferSource(bytes(DIR + file));
      const inf = inferShapes(readOnnx(src).value!, src);
      const ref = REFERENCE[file];
      expect(Object.keys(ref).length).toBeGreaterThan(20);
      for (const [name, shape] of Object.entries(ref)) expect([name, inf.shapes.get(name)]).toEqual([name, shape]);
    });
});

describe('coverage: complete models get a verdict, silently', () => {
  for (const file of ['vit2.onnx', 'swin_block.onnx', 'decoder_causal.onnx', 'lstm_seq_first.onnx'])
    it(`${file}: no unmodelled-op, nothing not costed, verdict given`, () => {
      const n = net(file);
      const a = lint(n);
      expect(a.coverage).toMatchObject({ complete: true, notCosted: 0, accountedMacs: macs(n) });
      expect(a.verdictWithheld).toBe(false);
      expect(a.findings.filter((f) => f.code === 'unmodelled-op' || f.code === 'incomplete-model')).toEqual([]);
    });

  it('the analog-input information is said once per architecture, listing every layer it concerns', () => {
    const a = lint(net('vit2.onnx'));
    const arch = a.architectures[0].id;
    const analog = a.findings.filter((f) => f.architecture === arch && f.message.startsWith('direct-encoded'));
    expect(analog.length).toBeLessThanOrEqual(1);
  });
});

describe('incomplete models get no verdict', () => {
  it('a custom-domain op between two convolutions: one incomplete-model error naming it', () => {
    const a = lint(net('custom_op.onnx'));
    expect(a.verdictWithheld).toBe(true);
    const inc = a.findings.filter((f) => f.code === 'incomplete-model');
    expect(inc).toHaveLength(1);
    expect(inc[0]).toMatchObject({ severity: 'error', layer: 'my_op' });
    expect(inc[0].message).toContain('domain "com.example"');
    expect(a.findings.some((f) => f.code === 'below-break-even')).toBe(false);
    // conv1 3→8 and conv2 8→4, 3×3 at 16×16: accounted, but the op between them is not
    expect(a.coverage).toMatchObject({ accountedMacs: 3 * 9 * 8 * 256 + 8 * 9 * 4 * 256, notCosted: 1 });
    expect(a.coverage.text).toBe('accounted compute: 129.02 k of 129.02 k known MACs; 1 node not costed');
  });

  it('--allow-incomplete gives the verdict on the accounted part, the finding a warning', () => {
    const a = lint(net('custom_op.onnx'), true);
    expect(a.verdictWithheld).toBe(false);
    expect(a.findings.find((f) => f.code === 'incomplete-model')?.severity).toBe('warning');
  });

  it('an unbound sequence dimension is unknown, not 1: withheld, and says which symbol to bind', () => {
    const a = lint(net('symbolic_seq.onnx'));
    expect(a.verdictWithheld).toBe(true);
    expect(a.coverage.firstLoss?.reason).toContain('"seq"');
    expect(a.coverage.firstLoss?.reason).toContain('--dim seq=N');
    const bound = net('symbolic_seq.onnx', { dims: { seq: 10 } });
    expect(macs(bound)).toBe(10 * 16 * 8);
    expect(lint(bound).verdictWithheld).toBe(false);
  });

  it('a placeholder dim in value_info is not 1, and a wrong stored shape does not override the inferred one', () => {
    const n = net('placeholder.onnx');
    expect(macs(n)).toBe(20 * 32 + 32 * 4);
    expect(n.problems.filter((p) => p.code === 'shape-mismatch')).toHaveLength(1); // r: stored [1, 99]
    expect(n.problems[0].message).toContain('using the inferred one');
  });
});
