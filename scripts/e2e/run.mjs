// End-to-end tests in a real VS Code (code-server 4.100.3 + Debian chromium + playwright-core), offline.
// 1. installs them once (scripts/e2e/setup.sh), 2. builds the extension and the in-host test suite,
// 3. starts a throw-away code-server on 127.0.0.1 over a copy of the test workspace,
// 4. runs the in-extension-host mocha suite (full vscode API) and the Playwright UI scenarios
//    (test/e2e/ui/*.mjs), 5. prints "N passed, N failed". Screenshots go to e2e-artifacts/.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { prepareRun, startCodeServer } from './lib.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const PREFIX = process.env.E2E_PREFIX ?? join(ROOT, '.vscode-e2e');
const ARTIFACTS = join(ROOT, 'e2e-artifacts');
const only = process.argv.slice(2);

execFileSync('bash', [join(ROOT, 'scripts/e2e/setup.sh')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit', cwd: ROOT });
rmSync(join(ROOT, 'out/test'), { recursive: true, force: true });
await esbuild.build({
  entryPoints: readdirSync(join(ROOT, 'test/e2e/suite'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ROOT, 'test/e2e/suite', f)),
  outdir: join(ROOT, 'out/test'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['vscode', 'mocha'],
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
mkdirSync(ARTIFACTS, { recursive: true });

// ResNet-50 (torchvision, random weights) for the pick-timing scenario: exported once, never committed
const RESNET50 = join(ROOT, 'out/e2e/resnet50.onnx');
if (!existsSync(RESNET50)) {
  mkdirSync(join(ROOT, 'out/e2e'), { recursive: true });
  execFileSync('/usr/bin/python3', [join(ROOT, 'scripts/e2e/export-resnet50.py'), RESNET50], { stdio: 'inherit' });
}

/** A fresh run folder (short path: chromium's socket path limit) and a copy of the workspace. */
function freshRun(label) {
  const run = mkdtempSync(join(tmpdir(), `e2e-${label}-`));
  const ws = join(run, 'ws');
  mkdirSync(ws);
  for (const f of ['vgg16-cifar10.layers.json', 'tiny.layers.json']) cpSync(join(ROOT, 'examples', f), join(ws, f));
  for (const f of readdirSync(join(ROOT, 'test/e2e/workspace')))
    cpSync(join(ROOT, 'test/e2e/workspace', f), join(ws, f), { recursive: true });
  cpSync(join(ROOT, 'test/fixtures/onnx/cnn_bn.onnx'), join(ws, 'cnn_bn.onnx'));
  cpSync(join(ROOT, 'test/fixtures/onnx/resnet_tiny.onnx'), join(ws, 'resnet_tiny.onnx'));
  if (label.startsWith('pick')) cpSync(RESNET50, join(ws, 'resnet50.onnx'));
  prepareRun(run, process.env.E2E_THEME);
  return { run, ws };
}

let passed = 0;
let failed = 0;
const count = (out) => {
  for (const m of out.matchAll(/^(PASS|FAIL) /gm)) {
    if (m[1] === 'PASS') passed++;
    else failed++;
  }
};

// in-extension-host tests, then the UI scenarios, each on a fresh server
const phases = [
  { label: 'host', cmd: [join(ROOT, 'scripts/e2e/host-tests.mjs')] },
  ...readdirSync(join(ROOT, 'test/e2e/ui'))
    .filter((f) => f.endsWith('.mjs') && (!only.length || only.some((o) => f.includes(o))))
    .map((f) => ({
      label: f.replace('.mjs', ''),
      cmd: [join(ROOT, 'scripts/e2e/ui-runner.mjs'), join(ROOT, 'test/e2e/ui', f)],
    })),
];
for (const phase of phases) {
  if (only.length && phase.label === 'host' && !only.includes('host')) continue;
  const { run, ws } = freshRun(phase.label.slice(0, 8));
  const server = await startCodeServer(PREFIX, run, ws);
  console.log(`\n## ${phase.label} (code-server ${server.url})`);
  const r = spawnSync(process.execPath, phase.cmd, {
    env: {
      ...server.env,
      CS_URL: server.url,
      WS: ws,
      EXT: ROOT,
      SHOTS: ARTIFACTS,
      PW: join(PREFIX, 'node_modules/playwright-core/index.mjs'),
    },
    encoding: 'utf8',
    timeout: 240_000,
  });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  count(r.stdout ?? '');
  if (r.status !== 0 && !/^FAIL /m.test(r.stdout ?? '')) {
    failed++;
    console.log(
      `FAIL ${phase.label}: runner ${r.signal ? `killed (${r.signal}, time limit 240 s)` : `exited with ${r.status}`}`,
    );
    writeFileSync(join(ARTIFACTS, `${phase.label}-code-server.log`), server.log());
  }
  server.stop();
  rmSync(run, { recursive: true, force: true });
}
if (existsSync(join(ROOT, 'scripts/e2e/vsix.mjs')) && (!only.length || only.includes('vsix'))) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/e2e/vsix.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, PREFIX },
  });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  count(r.stdout ?? '');
}
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
