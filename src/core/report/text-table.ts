import { csvText, stripControl } from './sanitize';

/** Plain-text columns: first column left-aligned, the rest right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], indent = ''): string {
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** A Markdown table; cells are escaped for pipes, newlines, brackets, links and HTML. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (s: string) =>
    stripControl(s)
      .replace(/[\r\n]+/g, ' ')
      .replace(/[\\`[\]|<>]/g, (c) => `\\${c}`);
  const align = header.map((_, i) => (i === 0 ? ':--' : '--:'));
  const lines = [header.map(esc), align, ...rows.map((r) => r.map(esc))];
  return lines.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** RFC 4180 CSV field. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? csvText(stripControl(v)) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
