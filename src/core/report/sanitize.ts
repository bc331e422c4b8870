/**
 * Neutralising user strings (layer, model and file names, messages quoting them) for each output:
 * terminals (no control sequences), Markdown (no structure), CSV (no formulas, OWASP), notifications
 * (no links). JSON, SARIF and the webviews escape by construction and need none of this.
 */

// C0 and C1 controls but tab and newline, DEL, and the bidirectional overrides (Trojan Source, CVE-2021-42574)
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: escape sequences (ESC …), carriage returns and bidi overrides become `?`. */
export function stripControl(s: string): string {
  return s.replace(CONTROL, '?');
}

/**
 * Inline Markdown: newlines become spaces (no injected headings or lists: the text never starts a
 * line), and what makes links, images, HTML, code, emphasis or table cells is escaped.
 */
export function escapeMarkdown(s: string): string {
  return stripControl(s)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_{}[\]<>|~!]/g, (c) => `\\${c}`);
}

/** Inline code: backticks cannot close it, newlines cannot break the line. */
export function inlineCode(s: string): string {
  return (
    '`' +
    stripControl(s)
      .replace(/[\r\n\t]+/g, ' ')
      .replace(/`/g, "'") +
    '`'
  );
}

/** A CSV cell per OWASP's CSV-injection advice: text starting = + - @ tab or CR gets a leading '. */
export function csvText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** A name in a notification: no controls, no `[label](command:…)` link, bounded length. */
export function plainName(s: string, max = 200): string {
  const t = stripControl(s)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\]\s*\(/g, '] (');
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
