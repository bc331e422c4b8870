// What the panel says and draws, derived from the host's data (pure functions, no DOM).
import { describe, expect, it } from 'vitest';
import {
  barLayers,
  curveView,
  elsewhere,
  headline,
  selectedFirst,
  hybridSummary,
  interpolate,
  rateAxisMax,
  spoilers,
  sweepSeries,
  verdictText,
  winners,
} from '../../../webview/src/panel/derive';
import { TINY as data, vgg } from './fixture';

describe('panel wording', () => {
  it('ranks the layers that spoil the SNN by their extra energy', () => {
    expect(spoilers(data).map((l) => [l.name, l.excessJ])).toEqual([
      ['l1', 1],
      ['l3', 0.5],
    ]);
  });

  it('lists where the SNN wins, best first; the headline is the selected architecture, the others beside it', () => {
    expect(winners(data).map((w) => w.id)).toEqual(['c', 'b']);
    expect(headline(data)).toBe(
      'On b, the SNN beats its QNN twin (SNN/QNN 0.80×); 2 layers cost more as SNN (worst: l1).',
    );
    expect(elsewhere(data)).toBe(
      'On the other architectures, the SNN wins on c (0.60×); the QNN twin wins on a (1.40×).',
    );
    expect(selectedFirst(data).map((a) => a.id)).toEqual(['b', 'a', 'c']);
  });

  it('follows the selection: with a selected, the QNN twin is cheaper there', () => {
    const onA = { ...data, selected: 'a' };
    expect(headline(onA)).toMatch(/^On a, the QNN twin is cheaper \(SNN\/QNN 1\.40×\)/);
    expect(elsewhere(onA)).toBe('On the other architectures, the SNN wins on c (0.60×), b (0.80×).');
  });

  it('says who wins on an architecture and what the winner saves', () => {
    expect(data.architectures.map(verdictText)).toEqual(['QNN saves 29%', 'SNN saves 20%', 'SNN saves 40%']);
  });

  it('answers the VGG-16 question: wins with free data movement and on spatial dataflow, spoiled by conv1_2', () => {
    // neuromorphic:theoretical-minimum (v4 model, movement 0): the QNN reads every weight per synapse, the SNN
    // only per input spike, so at VGG-16's ~8% spikes and T = 6 the SNN wins there (docs/energy-model.md)
    expect(headline(vgg().data)).toMatch(
      /^On spatial-dataflow, the SNN beats its QNN twin \(SNN\/QNN 0\.\d\d×\); .*worst: conv1_2/,
    );
    expect(elsewhere(vgg().data)).toMatch(/the SNN wins on neuromorphic:theoretical-minimum \(0\.\d\d×\)/);
    expect(headline(vgg('neuromorphic').data)).toMatch(
      /^On neuromorphic, the QNN twin is cheaper \(SNN\/QNN 1\.\d\d×\)/,
    );
  });
});

describe('panel charts', () => {
  it('interpolates the exact polyline and clamps to its ends', () => {
    expect(interpolate(data.curve, 0.25, 'snnJ')).toBe(2.5);
    expect(interpolate(data.curve, 0.75, 'qnnJ')).toBe(3);
    expect(interpolate(data.curve, -1, 'snnJ')).toBe(1);
    expect(interpolate(data.curve, 2, 'snnJ')).toBe(7);
    expect(interpolate([], 0.5, 'snnJ')).toBeNaN();
  });

  it('sizes the rate axis to the rates shown, in steps of 5%', () => {
    expect(rateAxisMax([0.12, 0.07])).toBeCloseTo(0.2);
    expect(rateAxisMax([null, 0.01])).toBeCloseTo(0.05);
    expect(rateAxisMax([0.9])).toBe(1);
    expect(rateAxisMax([])).toBeCloseTo(0.05);
  });

  it('draws the whole model with every spiking layer marked on the SNN line', () => {
    const v = curveView(data);
    expect(v.title).toBe('Whole model on b');
    expect(v.markers.map((m) => m.name)).toEqual(['l2', 'l3']); // l1 consumes analog input
    expect(v.markers[0]).toMatchObject({ x: 0.1, y: interpolate(data.curve, 0.1, 'snnJ') });
    expect(v.breakEven).toBe(0.07);
  });

  it('draws one layer with its operating point, and the analog first layer against its own rate', () => {
    const v = curveView(data, 'l3');
    expect(v.markers).toEqual([{ name: 'l3', x: 0.1, y: 1.5, qnnY: 1 }]);
    expect(v.caption).toMatch(
      /^l3 breaks even at s\* = 7\.00%; at 10\.00% it is dearer as SNN \(1\.50× its QNN twin\)/,
    );
    expect(curveView(data, 'l1').xLabel).toMatch(/own output spike rate/);
    expect(curveView(data, 'no such layer').title).toBe('Whole model on b');
  });

  it('keeps the most expensive layers for the bars, in model order', () => {
    expect(barLayers(data, 2)).toEqual({ layers: [data.layers[0], data.layers[2]], hidden: 1 });
    expect(barLayers(data).hidden).toBe(0);
  });

  it('plots the T sweep per architecture without the infinite points', () => {
    const s = sweepSeries(data);
    expect(s.map((x) => [x.id, x.selected, x.points.length])).toEqual([
      ['a', false, 2],
      ['b', true, 2],
      ['c', false, 2],
    ]);
  });

  it('compares the best mix with all-SNN and all-QNN', () => {
    const h = hybridSummary(data.architectures[0]);
    expect(h.rows.map((r) => [r.label, r.energyJ])).toEqual([
      ['All SNN', 1.4],
      ['Best mix', 0.5],
      ['All QNN', 1],
    ]);
    expect(h.savingVsQnn).toBeCloseTo(0.5);
    expect(h.savingVsSnn).toBeCloseTo(1 - 0.5 / 1.4);
  });
});
