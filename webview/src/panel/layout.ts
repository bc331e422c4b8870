/** The tabs' building blocks: a titled section, a table with column hints, a scroller, a chart's box. */
import { el } from '../dom';

export function section(title: string, ...body: (Node | string | false)[]): HTMLElement {
  return el('section', {}, el('h2', {}, title), ...body);
}

export function table(cls: string, heads: [string, string][], rows: HTMLElement[], caption: string): HTMLElement {
  return el(
    'table',
    { class: cls },
    el('caption', { class: 'sr-only' }, caption),
    el('thead', {}, el('tr', {}, ...heads.map(([h, t]) => el('th', { scope: 'col', ...(t ? { title: t } : {}) }, h)))),
    el('tbody', {}, ...rows),
  );
}

/** An architecture id that may wrap after its ':' ("neuromorphic:" / "theoretical-minimum"). */
export function breakable(id: string): (string | HTMLElement)[] {
  return id.split(':').flatMap((part, i) => (i ? [':', el('wbr'), part] : [part]));
}

export const scroller = (child: HTMLElement) => el('div', { class: 'scroll' }, child);

export function chartBox(id: string, height: number, label: string): HTMLElement {
  const box = el('div', { class: 'chart' }, el('canvas', { 'data-chart': id, role: 'img', 'aria-label': label }));
  box.style.height = `${height}px`;
  return box;
}
