// The host side of the panel: from a real analysis of the bundled VGG-16 to the message data. The curves
// come from the analysis (curve.ts) and must agree with the analysis the rest of the panel shows.
import { describe, expect, it } from 'vitest';
import type { PanelCurvePoint } from '../../../src/shared/protocol';
import { interpolate } from '../../../webview/src/panel/derive';
import { OPTIONS, vgg } from './fixture';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-15);
const at = (c: readonly PanelCurvePoint[], x: number) => ({
  q: interpolate(c, x, 'qnnJ'),
  s: interpolate(c, x, 'snnJ'),
});

describe('panel data for VGG-16', () => {
  const { analysis, data } = vgg();
  const sel = analysis.architectures.find((a) => a.id === 'spatial-dataflow')!;

  it('has every architecture and the selected one’s 14 weighted layers', () => {
    expect(data.architectures.map((a) => a.id)).toEqual(analysis.architectures.map((a) => a.id));
    expect(data.selected).toBe('spatial-dataflow');
    expect(data.layers.map((l) => l.name)).toEqual(sel.layers.map((l) => l.name));
    expect(data.layers).toHaveLength(14);
  });

  it('carries the totals, verdict and compute-only ratio of each architecture unchanged', () => {
    for (const [i, a] of analysis.architectures.entries()) {
      const p = data.architectures[i];
      expect([p.qnnJ, p.snnJ, p.ratio, p.computeOnlyRatio]).toEqual([
        a.qnnEnergyJ,
        a.snnEnergyJ,
        a.ratio,
        a.computeOnly.ratio,
      ]);
      expect(p.verdict).toBe(a.cheaperAs);
      expect(p.verdict === 'snn').toBe(a.ratio <= 1);
      expect(p.hybrid.qnnLayers).toEqual(a.hybrid.qnnLayers);
      expect(p.sweep.map((s) => s.T)).toEqual(a.sweep.map((s) => s.timesteps));
    }
  });

  it('splits each layer’s energy by action without losing any', () => {
    const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
    for (const l of data.layers) {
      expect(close(sum(l.qnnParts), l.qnnJ)).toBe(true);
      expect(close(sum(l.snnParts), l.snnJ)).toBe(true);
      expect(l.qnnParts).toHaveLength(data.actionLabels.length);
    }
  });

  it('draws each layer’s curve through its operating point, crossing at its break-even rate', () => {
    for (const l of data.layers) {
      expect(l.curve.map((p) => p.x)).toEqual([0, 7 / 12, 1]); // the knee of Theorem 2 at T = 6
      const now = at(l.curve, l.inputRate ?? l.spikeRate);
      expect(close(now.q, l.qnnJ) && close(now.s, l.snnJ)).toBe(true);
      if (l.breakEvenRate !== null) {
        const even = at(l.curve, l.breakEvenRate);
        expect(close(even.q, even.s)).toBe(true);
      } else expect(l.breakEven).toMatch(/never|always/);
    }
  });

  it('draws the model curve crossing at the model break-even rate', () => {
    expect(sel.breakEvenSpikeRate).not.toBeNull();
    const even = at(data.curve, sel.breakEvenSpikeRate!);
    expect(close(even.q, even.s)).toBe(true);
  });

  it('agrees with the analysis in the network-mean view too', () => {
    const mean = vgg('memory-hierarchy', { ...OPTIONS, view: 'network-mean' });
    const a = mean.analysis.architectures.find((x) => x.id === 'memory-hierarchy')!;
    for (const l of mean.data.layers.filter((x) => x.breakEvenRate !== null)) {
      const even = at(l.curve, l.breakEvenRate!);
      expect(close(even.q, even.s)).toBe(true);
    }
    if (a.breakEvenSpikeRate !== null) {
      const even = at(mean.data.curve, a.breakEvenSpikeRate);
      expect(close(even.q, even.s)).toBe(true);
    }
  });

  it('sends plain JSON: no Infinity, no NaN, nothing a webview cannot keep in its state', () => {
    const json = JSON.stringify(data);
    expect(JSON.parse(json)).toEqual(data);
    expect(json).not.toMatch(/Infinity|NaN/);
  });
});
