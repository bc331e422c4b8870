/* global document, window, axe -- these run in the webview frame */
// axe-core (npm devDependency) inside a webview's content frame: colour-contrast violations, counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const AXE = readFileSync(join(process.env.EXT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** The content frame (a Playwright Frame, for evaluate) whose document has `selector`. */
export async function frameWith(page, selector, timeout = 30_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      const has = await f.evaluate((s) => !!document.querySelector(s), selector).catch(() => false);
      if (has) return f;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no frame with ${selector}`);
}

/** Contrast violations (WCAG AA 4.5:1 for text) of what the frame shows now: [{ id, nodes: [{ target, summary }] }]. */
export async function contrastViolations(frame) {
  // Runtime.evaluate is not subject to the webview's CSP (no inline script is added to the page)
  if (!(await frame.evaluate(() => typeof window.axe !== 'undefined'))) await frame.evaluate(`${AXE};0`);
  return frame.evaluate(async () => {
    const r = await axe.run(document, {
      runOnly: { type: 'rule', values: ['color-contrast', 'color-contrast-enhanced'] },
    });
    return r.violations
      .filter((v) => v.id === 'color-contrast')
      .map((v) => ({
        id: v.id,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      }));
  });
}
