// The issue's minimal spec, analysed on the spatial dataflow and checked against hand calculations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLayerSpec } from '../../../src/core/model/layer-spec/parse';
import { analyze } from '../../../src/core/analysis/analyze';
import { findBuiltin } from '../../../src/core/energy/builtins';

const text = readFileSync(new URL('../../../examples/tiny.layers.json', import.meta.url), 'utf8');
const net = parseLayerSpec(text).value!;
const spatial = findBuiltin('spatial-dataflow')!;
const a = analyze(net, [spatial], { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 });
const r = a.architectures[0];
const [conv1, fc1] = r.layers;
const pJ = 1e-12;

describe('tiny spec on the spatial dataflow (T=6)', () => {
  it('costs the analog first layer as dense MACs in both twins, plus T membrane updates in the SNN', () => {
    // N_syn = 3·9·64·32·32 = 1,769,472; QNN = N_syn·20.23 pJ (the analog input is dense)
    expect(conv1.synapses).toBe(1_769_472);
    expect(conv1.qnnEnergyJ).toBeCloseTo(1_769_472 * 20.23 * pJ, 15);
    // SNN = N_syn·20.23 + T·N_out·40.06 = 35,796,418.56 + 15,752,232.96 pJ
    expect(conv1.snnEnergyJ).toBeCloseTo((35_796_418.56 + 15_752_232.96) * pJ, 15);
    expect(conv1.breakEven.kind).toBe('never');
  });

  it("feeds conv1's 8% spikes (through the pooling) to fc1 and costs them", () => {
    expect(fc1.inputSpikeRate).toBe(0.08);
    expect(fc1.producer).toBe('conv1');
    // QNN = 0.45·163,840·20.23 pJ; SNN = 6·0.08·163,840·20.03 + 6·10·40.06 = 1,575,223.296 + 2,403.6 pJ
    expect(fc1.qnnEnergyJ).toBeCloseTo(1_491_517.44 * pJ, 15);
    expect(fc1.snnEnergyJ).toBeCloseTo((1_575_223.296 + 2_403.6) * pJ, 15);
    expect(fc1.breakdown.snn.synapticOp).toBeCloseTo(1_575_223.296 * pJ, 15);
    expect(fc1.breakdown.snn.neuronUpdate).toBeCloseTo(2_403.6 * pJ, 15);
  });

  it("solves fc1's break-even in closed form: s* = (QNN − T·N_out·40.06) / (T·N_syn·20.03)", () => {
    expect(fc1.breakEvenSpikeRate!).toBeCloseTo((1_491_517.44 - 2_403.6) / (6 * 163_840 * 20.03), 12);
  });

  it('finds the largest T that breaks even at 8%: T·262,937.816 pJ ≤ 1,491,517.44 pJ → T = 5', () => {
    expect(fc1.largestBreakEvenT).toBe(5);
  });

  it('puts below-break-even on conv1, the producer of the spikes, naming fc1 and its threshold', () => {
    const f = a.findings.filter((x) => x.code === 'below-break-even');
    const onConv1 = f.find((x) => x.data?.consumer === 'fc1')!;
    expect(onConv1.layer).toBe('conv1');
    expect(onConv1.message).toMatch(
      /^spike rate 8\.0% > break-even 7\.6% for fc1 on Improved spatial dataflow: SNN uses 1\.06× the QNN's energy/,
    );
    expect(text.slice(onConv1.range!.start, onConv1.range!.end)).toBe('"conv1"');
    expect(onConv1.related?.[0].layer).toBe('fc1');
  });

  it('says the analog first layer is never cheaper as an SNN, on itself', () => {
    const never = a.findings.find((x) => x.code === 'below-break-even' && x.data?.breakEvenSpikeRate === null)!;
    expect(never.layer).toBe('conv1');
  });

  it('plans both layers as QNN in the hybrid plan, whose total is the cheaper of each', () => {
    expect(r.hybrid.qnnLayers).toEqual(['conv1', 'fc1']);
    expect(r.hybrid.bestEnergyJ).toBeCloseTo(conv1.qnnEnergyJ + fc1.qnnEnergyJ, 18);
  });

  it('respects "execution": "qnn": no finding for a layer the user already runs as a QNN', () => {
    const hybrid = parseLayerSpec(text.replace('"outFeatures": 10', '"outFeatures": 10, "execution": "qnn"')).value!;
    const b = analyze(hybrid, [spatial], { defaultSpikeRate: 0.1, view: 'per-layer', nearMargin: 0.1 });
    expect(b.findings.some((x) => x.data?.consumer === 'fc1')).toBe(false);
    expect(b.architectures[0].hybrid.declaredEnergyJ).toBeCloseTo(conv1.snnEnergyJ + fc1.qnnEnergyJ, 18);
  });

  it('reports near-break-even inside the margin and nothing below it', () => {
    const at = (rate: number) =>
      analyze(parseLayerSpec(text.replace('"spikeRate": 0.08', `"spikeRate": ${rate}`)).value!, [spatial], {
        defaultSpikeRate: 0.1,
        view: 'per-layer',
        nearMargin: 0.1,
      })
        .findings.filter((x) => x.data?.consumer === 'fc1')
        .map((x) => x.code);
    expect(at(0.072)).toEqual(['near-break-even']); // s* ≈ 0.0756; 0.072 > 0.9·s*
    expect(at(0.05)).toEqual([]);
  });
});
