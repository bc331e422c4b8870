/* global document -- the runCommand predicate runs in the page */
// Runs one Playwright UI scenario (test/e2e/ui/<name>.mjs) against a running code-server with the
// extension loaded from its folder. A scenario exports `default async (ctx) => {}`; see test/e2e/README.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const { chromium } = await import(process.env.PW);
const { launchChromium } = await import('./lib.mjs');
const scenario = (await import(process.argv[2])).default;
const name = basename(process.argv[2], '.mjs');
const BASE = process.env.CS_URL;
const payload = [['extensionDevelopmentPath', `vscode-remote://${new URL(BASE).host}${process.env.EXT}`]];
const profile = mkdtempSync(join(tmpdir(), 'chr-'));
const context = await launchChromium(chromium, profile, { width: 1500, height: 950 });
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(30_000); // a step that cannot happen fails with its reason instead of hanging the scenario
const errors = [];
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
let ok = true;
const check = (label, cond, detail = '') => {
  console.log(`${cond ? 'PASS' : 'FAIL'} ${name}: ${label}${detail ? ` ${detail}` : ''}`);
  if (!cond) ok = false;
};
const qi = page.locator('.quick-input-widget .quick-input-box input');
const ctx = {
  page,
  check,
  shot: (file) => page.screenshot({ path: join(process.env.SHOTS, `${name}-${file}.png`) }),
  async openWorkbench() {
    await page.goto(
      `${BASE}/?folder=${encodeURIComponent(process.env.WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
      { timeout: 120_000 }, // a loaded machine (shared CI runners) can take a while to serve the workbench
    );
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  },
  async openFile(file) {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first().click();
    await page.locator('.tabs-container .tab', { hasText: file }).first().waitFor({ timeout: 30_000 });
  },
  async runCommand(title) {
    await page.keyboard.press('Control+Shift+P');
    await qi.waitFor();
    await qi.fill(`>${title}`);
    // Enter runs the focused row: wait until that row is the command asked for (a row that merely contains the
    // title can be on screen while the list still focuses another, e.g. before the filter has settled)
    await page.waitForFunction(
      (t) => {
        const row = document.querySelector('.quick-input-list .monaco-list-row.focused .label-name');
        return row !== null && row.textContent.replace(/\s+/g, ' ').trim() === t;
      },
      title,
      { timeout: 15_000 },
    );
    await page.keyboard.press('Enter');
  },
  /** The content frame of the active webview (outer iframe.webview → #active-frame). */
  webview(index = 0) {
    return page.frameLocator('iframe.webview.ready').nth(index).frameLocator('#active-frame');
  },
};
const LIMIT_S = Number(process.env.E2E_SCENARIO_TIMEOUT ?? 200);
try {
  await ctx.openWorkbench();
  let timer;
  await Promise.race([
    scenario(ctx),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${LIMIT_S} s`)), LIMIT_S * 1000);
    }),
  ]).finally(() => clearTimeout(timer));
} catch (e) {
  check('scenario ran to the end', false, e.message.split('\n')[0]);
  await ctx.shot('error').catch(() => {});
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
