/** The panel's header (title, architecture pick, export) and its Overview tab (totals, the layers that spoil it). */
import type { PanelData } from '../../../src/shared/protocol';
import { joules } from '../../../src/core/units';
import { el } from '../dom';
import { breakable, scroller, section, table } from './layout';
import { rateText, ratioText, selectedFirst, spoilers, verdict, verdictText } from './derive';
import type { Intents } from './tabs';
import { activate, option, select } from './widgets';

export function header(d: PanelData, intents: Intents): HTMLElement {
  const arch = select('Architecture', (v) => intents.selectArchitecture(v));
  for (const a of d.architectures) arch.append(option(a.id, a.id, a.id === d.selected));
  const exportButton = el('vscode-button', { secondary: '', 'aria-label': 'Export the report' }, 'Export report…');
  activate(exportButton, () => intents.exportReport());
  const m = d.model;
  return el(
    'header',
    {},
    el(
      'div',
      { class: 'title' },
      el('h1', {}, m.name),
      el(
        'div',
        { class: 'sub' },
        `${m.file} · T = ${m.timesteps} · QNN twin: ${m.activationBits}-bit activations, ${m.weightBits}-bit weights · ${m.view} view`,
      ),
    ),
    el('div', { class: 'controls' }, el('label', { class: 'arch' }, 'Architecture', arch), exportButton),
  );
}

export function overview(d: PanelData, intents: Intents): HTMLElement[] {
  const rows = selectedFirst(d).map((a) => {
    const tr = el(
      'tr',
      {
        class: `${a.verdict}${a.id === d.selected ? ' selected' : ''}`,
        tabindex: '0',
        title: `${a.name}${a.provenance ? ` (${a.provenance})` : ''}: show its layers, curve and plan`,
        ...(a.id === d.selected ? { 'aria-current': 'true' } : {}),
      },
      el(
        'th',
        { scope: 'row' },
        ...breakable(a.id),
        a.id === d.selected ? el('span', { class: 'tag' }, ' (selected)') : '',
      ),
      el(
        'td',
        { class: 'verdict', title: verdictText(a) },
        el('strong', {}, verdict(a).winner),
        el('span', { class: 'saving' }, ` saves ${Math.round(verdict(a).saving * 100)}%`),
      ),
      el('td', { class: 'num ratio' }, ratioText(a.ratio)),
      el('td', { class: 'num' }, ratioText(a.computeOnlyRatio)),
      el('td', { class: 'num' }, a.breakEven),
      el('td', { class: 'num' }, joules(a.qnnJ)),
      el('td', { class: 'num' }, joules(a.snnJ)),
    );
    activate(tr, () => intents.selectArchitecture(a.id));
    return tr;
  });
  const heads: [string, string][] = [
    ['Architecture', ''],
    ['Verdict', 'Which twin is cheaper, and what it saves'],
    ['SNN/QNN', 'Energy ratio with memory and data movement'],
    ['Compute only', 'The ratio when only arithmetic is counted'],
    ['s*', 'Model break-even spike rate'],
    ['QNN', 'Energy per inference of the quantized ANN twin'],
    ['SNN', 'Energy per inference of the SNN'],
  ];
  return [
    section(
      `SNN vs QNN twin on ${d.selected}, and on the other architectures`,
      scroller(table('totals', heads, rows, 'Totals per architecture; select a row to switch architecture')),
      provenanceLine(d),
    ),
    section(`Layers that spoil it on ${d.selected}`, spoilerList(d, intents)),
  ];
}

/** Where the selected architecture's numbers come from, in one line (its document's `provenance`). */
function provenanceLine(d: PanelData): HTMLElement | false {
  const a = d.architectures.find((x) => x.id === d.selected);
  return !!a?.provenance && el('p', { class: 'provenance' }, `${a.id}: ${a.provenance}`);
}

function spoilerList(d: PanelData, intents: Intents): HTMLElement {
  const s = spoilers(d);
  if (!s.length) return el('p', {}, `Every layer is cheaper as an SNN on ${d.selected}.`);
  const more = s.length > 8 ? el('p', { class: 'sub' }, `…and ${s.length - 8} more in the Layers tab.`) : false;
  const list = el(
    'ol',
    { class: 'spoilers' },
    ...s.slice(0, 8).map((l) => {
      const li = el(
        'li',
        { tabindex: '0', title: `Reveal ${l.name} in the editor` },
        el('span', { class: 'name' }, l.name),
        ` costs ${joules(l.excessJ)} more as SNN (${ratioText(l.ratio)}): ` +
          `${l.inputRate === null ? 'analog input' : `consumes ${rateText(l.inputRate)}`}, break-even ${l.breakEven}`,
      );
      activate(li, () => intents.reveal(l.name));
      return li;
    }),
  );
  return el('div', {}, list, more || '');
}
