// Runs the mocha suite inside code-server's extension host (full vscode API) by opening the workbench
// with the payload VS Code's "Extension Development Host" uses; the workbench calls
// window.codeAutomationExit(code) when the suite ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import util from 'node:util';

const { chromium } = await import(process.env.PW);
const { launchChromium } = await import('./lib.mjs');
const BASE = process.env.CS_URL;
const remote = (p) => `vscode-remote://${new URL(BASE).host}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(process.env.EXT)],
  ['extensionTestsPath', remote(join(process.env.EXT, 'out/test/index'))],
];
const url = `${BASE}/?folder=${encodeURIComponent(process.env.WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const profile = mkdtempSync(join(tmpdir(), 'chr-'));
const context = await launchChromium(chromium, profile, undefined);
const page = context.pages()[0] ?? (await context.newPage());
const done = new Promise((resolve) => void page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
await page.exposeFunction('codeAutomationLog', (_level, args) => {
  const line = util.format(...args);
  // the suite prints PASS/FAIL lines; keep them, and errors
  if (/^(PASS|FAIL) |Error|error/.test(line)) console.log(line);
});
await page.goto(url);
const code = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), 180_000))]);
await page.screenshot({ path: join(process.env.SHOTS, 'host-tests.png') }).catch(() => {});
await context.close();
rmSync(profile, { recursive: true, force: true });
if (code === 'timeout') console.log('FAIL host tests: timed out after 180 s');
process.exit(code === 0 ? 0 : 1);
