// The comparison panel's state logic with the host API injected: no DOM, no VS Code.
import { describe, expect, it } from 'vitest';
import type { PanelWebviewToHost } from '../../../src/shared/protocol';
import {
  INITIAL,
  PanelController,
  reduce,
  restore,
  type HostApi,
  type PanelState,
} from '../../../webview/src/panel-state';
import { TINY as data } from './fixture';

function host(initial?: unknown) {
  const sent: PanelWebviewToHost[] = [];
  let state: unknown = initial;
  const api: HostApi = { postMessage: (m) => sent.push(m), getState: () => state, setState: (s) => (state = s) };
  return { api, sent, state: () => state as PanelState | undefined };
}

describe('panel state', () => {
  it('keeps the selected layer across updates only while the model still has it', () => {
    const s: PanelState = { ...INITIAL, layer: 'l2', curveOf: 'layer' };
    expect(reduce(s, { type: 'update', data })).toMatchObject({ layer: 'l2', curveOf: 'layer' });
    const gone = reduce({ ...s, layer: 'gone' }, { type: 'update', data });
    expect(gone.layer).toBeUndefined();
    expect(gone.curveOf).toBe('model');
  });

  it('keeps the last model on screen when the host has none, with the host message as a notice', () => {
    const s = reduce({ ...INITIAL, data }, { type: 'empty', message: 'open a model' });
    expect(s.data).toBe(data);
    expect(s.message).toBe('open a model');
    expect(reduce(s, { type: 'update', data }).message).toBeUndefined();
  });

  it('reads a message the model worker wrote as UTF-8 JSON like the message itself', () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'update', data }));
    expect(reduce(INITIAL, { type: 'encoded', bytes })).toEqual(reduce(INITIAL, { type: 'update', data }));
    const empty = new TextEncoder().encode(JSON.stringify({ type: 'empty', message: 'x: no verdict' }));
    expect(reduce({ ...INITIAL, data }, { type: 'encoded', bytes: empty }).message).toBe('x: no verdict');
  });

  it('opens the Layers tab at a layer the host asks for, and ignores a layer it does not know', () => {
    const s = reduce({ ...INITIAL, data }, { type: 'focusLayer', layer: 'l3' });
    expect(s).toMatchObject({ tab: 'layers', layer: 'l3', curveOf: 'layer', focusSeq: 1 });
    expect(reduce(s, { type: 'focusLayer', layer: 'pool1' })).toBe(s);
  });

  it('restores tab, layer and curve from a saved state, and defaults what is missing or invalid', () => {
    expect(restore(undefined)).toEqual(INITIAL);
    expect(restore({ data, tab: 'sweep', layer: 'l3', curveOf: 'layer', focusSeq: 9 })).toEqual({
      data,
      message: undefined,
      tab: 'sweep',
      layer: 'l3',
      curveOf: 'layer',
      focusSeq: 0,
    });
    // a state saved by the first version of the panel
    expect(restore({ data, focusedLayer: 'l1', tab: 'charts' })).toMatchObject({ tab: 'overview', curveOf: 'model' });
    expect(restore({ data: { nonsense: true }, layer: 'l3' })).toMatchObject({ data: undefined, layer: undefined });
  });

  it('shows the saved state at once, then asks the host for data and persists what it receives', () => {
    const h = host({ data, tab: 'curve' });
    const rendered: PanelState[] = [];
    const c = new PanelController(h.api, (s) => rendered.push(s));
    c.start();
    expect(rendered.map((s) => s.tab)).toEqual(['curve']);
    expect(h.sent).toEqual([{ type: 'ready' }]);
    c.receive({ type: 'update', data: { ...data, selected: 'c' } });
    expect(h.state()?.data?.selected).toBe('c');
    expect(h.state()?.tab).toBe('curve');
    expect(rendered).toHaveLength(2);
  });

  it('persists the tab and the layer the user picks, and renders only on a change', () => {
    const h = host({ data });
    const rendered: PanelState[] = [];
    const c = new PanelController(h.api, (s) => rendered.push(s));
    c.selectTab('hybrid');
    c.selectTab('hybrid');
    c.selectLayer('l2');
    c.selectLayer('no such layer');
    expect(rendered).toHaveLength(2);
    expect(h.state()).toMatchObject({ tab: 'hybrid', layer: 'l2', curveOf: 'layer' });
    c.showModelCurve();
    expect(h.state()).toMatchObject({ layer: 'l2', curveOf: 'model' });
    expect(h.sent).toEqual([]);
  });

  it('sends reveal, export and architecture changes, but not a re-selection or an unknown architecture', () => {
    const h = host({ data });
    const c = new PanelController(h.api, () => {});
    c.reveal('l3');
    c.selectArchitecture('b');
    c.selectArchitecture('zzz');
    c.selectArchitecture('c');
    c.exportReport();
    expect(h.sent).toEqual([
      { type: 'reveal', layer: 'l3' },
      { type: 'selectArchitecture', id: 'c' },
      { type: 'exportReport' },
    ]);
    expect(h.state()?.layer).toBe('l3');
  });
});
