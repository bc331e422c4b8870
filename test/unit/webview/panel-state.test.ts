// The comparison panel's state logic with the host API injected: no DOM, no VS Code.
import { describe, expect, it } from 'vitest';
import type { PanelData, PanelWebviewToHost } from '../../../src/shared/protocol';
import {
  headline,
  PanelController,
  reduce,
  spoilers,
  winners,
  type HostApi,
  type PanelState,
} from '../../../webview/src/panel-state';

const layer = (name: string, qnnJ: number, snnJ: number) => ({
  name,
  type: 'conv2d',
  inputRate: 0.1,
  breakEven: '7.00%',
  breakEvenRate: 0.07,
  ratio: snnJ / qnnJ,
  qnnJ,
  snnJ,
  cheaperAs: snnJ <= qnnJ ? ('snn' as const) : ('qnn' as const),
  qnnParts: [qnnJ, 0, 0, 0, 0],
  snnParts: [snnJ, 0, 0, 0, 0],
});
const arch = (id: string, ratio: number) => ({
  id,
  name: id,
  qnnJ: 1,
  snnJ: ratio,
  ratio,
  computeOnlyRatio: 0.2,
  breakEven: '7%',
  hybridJ: 0.9,
  hybridRatio: 0.9,
  qnnLayers: [],
  sweep: [],
});
const data: PanelData = {
  model: { name: 'm', file: 'm.layers.json', timesteps: 6, activationBits: 3, view: 'per-layer' },
  selected: 'b',
  architectures: [arch('a', 1.4), arch('b', 0.8), arch('c', 0.6)],
  layers: [layer('l1', 1, 2), layer('l2', 1, 0.5), layer('l3', 1, 1.5)],
  actionLabels: ['synaptic ops', 'weight fetch', 'neuron updates', 'spikes', 'data movement'],
  curve: [],
};

function host(initial?: PanelState) {
  const sent: PanelWebviewToHost[] = [];
  let state = initial;
  const api: HostApi = { postMessage: (m) => sent.push(m), getState: () => state, setState: (s) => (state = s) };
  return { api, sent, state: () => state };
}

describe('panel state', () => {
  it('ranks the layers that spoil the SNN by their extra energy', () => {
    expect(spoilers(data).map((l) => [l.name, l.excessJ])).toEqual([
      ['l1', 1],
      ['l3', 0.5],
    ]);
  });

  it('lists where the SNN wins, best first, and says it in one sentence', () => {
    expect(winners(data).map((w) => w.id)).toEqual(['c', 'b']);
    expect(headline(data)).toBe(
      'The SNN beats its QNN twin on c (0.60×), b (0.80×); on b, 2 layers cost more as SNN (worst: l1).',
    );
  });

  it('keeps the focused layer across updates only while it exists', () => {
    const s = reduce({ focusedLayer: 'l2' }, { type: 'update', data });
    expect(s.focusedLayer).toBe('l2');
    expect(reduce({ focusedLayer: 'gone' }, { type: 'update', data }).focusedLayer).toBeUndefined();
  });

  it('restores the last state, asks the host for data, and persists what it receives', () => {
    const h = host({ data });
    const rendered: PanelState[] = [];
    const c = new PanelController(h.api, (s) => rendered.push(s));
    c.start();
    expect(rendered).toHaveLength(1);
    expect(h.sent).toEqual([{ type: 'ready' }]);
    c.receive({ type: 'empty', message: 'open a model' });
    expect(h.state()).toEqual({ message: 'open a model' });
  });

  it('sends reveal and architecture changes, but not a re-selection of the current one', () => {
    const h = host({ data });
    const c = new PanelController(h.api, () => {});
    c.reveal('l3');
    c.selectArchitecture('b');
    c.selectArchitecture('c');
    expect(h.sent).toEqual([
      { type: 'reveal', layer: 'l3' },
      { type: 'selectArchitecture', id: 'c' },
    ]);
    expect(h.state()?.focusedLayer).toBe('l3');
  });
});
