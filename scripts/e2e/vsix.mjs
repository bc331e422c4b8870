// Packages the extension as a .vsix (vsce), installs it into a fresh code-server, opens the bundled
// VGG-16 spec and checks that the installed extension activates and lints it. Prints PASS/FAIL lines.
import { execFileSync } from 'node:child_process';
import { launchChromium, prepareRun, startCodeServer } from './lib.mjs';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const PREFIX = process.env.PREFIX ?? join(ROOT, '.vscode-e2e');
const SHOTS = join(ROOT, 'e2e-artifacts');
let ok = true;
const check = (label, cond, detail = '') => {
  console.log(`${cond ? 'PASS' : 'FAIL'} vsix: ${label}${detail ? ` ${detail}` : ''}`);
  if (!cond) ok = false;
};

const run = mkdtempSync(join(tmpdir(), 'e2e-vsix-'));
const vsix = join(run, 'snn-energy-lint.vsix');
execFileSync(join(ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', vsix], {
  cwd: ROOT,
  stdio: 'pipe',
});
const kb = statSync(vsix).size / 1024;
check('vsce packages the extension', kb > 50, `${kb.toFixed(0)} KiB`);
check('the package stays small (< 2 MiB)', kb < 2048, `${kb.toFixed(0)} KiB`);

const ws = join(run, 'ws');
mkdirSync(ws);
cpSync(join(ROOT, 'examples/vgg16-cifar10.layers.json'), join(ws, 'vgg16-cifar10.layers.json'));
prepareRun(run);
const env = {
  ...process.env,
  TMPDIR: join(run, 'tmp'),
  XDG_CONFIG_HOME: join(run, 'xdg-config'),
  XDG_DATA_HOME: join(run, 'xdg-data'),
};
const cs = join(PREFIX, 'node_modules/.bin/code-server');
const installed = execFileSync(
  cs,
  ['--extensions-dir', join(run, 'extensions'), '--user-data-dir', join(run, 'user-data'), '--install-extension', vsix],
  { env, encoding: 'utf8' },
);
check(
  'code-server installs the .vsix',
  /was successfully installed/.test(installed),
  JSON.stringify(installed.trim().split('\n').pop()),
);

const extDir = readdirSync(join(run, 'extensions')).find((d) => d.startsWith('snn-energy-lint.'));
const packed = (f) => !!extDir && existsSync(join(run, 'extensions', extDir, f));
check(
  'the package has its icon, walkthrough pages, editor schemas, example and model worker',
  [
    'dist/model-worker.js',
    'media/icon.png',
    'media/walkthrough/open-example.md',
    'dist/schemas/layer-spec.editor.schema.json',
    'examples/vgg16-cifar10.layers.json',
  ].every(packed),
  extDir,
);

const server = await startCodeServer(PREFIX, run, ws);
const url = server.url;
const { chromium } = await import(join(PREFIX, 'node_modules/playwright-core/index.mjs'));
const profile = join(run, 'chr');
const context = await launchChromium(chromium, profile, { width: 1400, height: 900 });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}/?folder=${encodeURIComponent(ws)}`);
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: 'vgg16-cifar10.layers.json' })
    .first()
    .click({ timeout: 60_000 });
  const status = page.locator('.statusbar-item', { hasText: 'SNN spatial-dataflow' });
  await status.first().waitFor({ timeout: 60_000 });
  check('the installed extension activates on the VGG-16 spec', true, JSON.stringify(await status.first().innerText()));
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
  check('and lints it', (await page.locator('.monaco-editor .squiggly-warning').count()) > 0);
  await page.screenshot({ path: join(SHOTS, 'vsix-installed.png') });
} catch (e) {
  check('the installed extension works', false, e.message.split('\n')[0]);
} finally {
  await context.close();
  server.stop();
  rmSync(run, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
