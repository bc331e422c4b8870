// `npm test`: build, unit tests (vitest), then the end-to-end suite in a real VS Code when it is set up
// (npm run test:e2e), and a closing line "N passed, N failed" over everything that ran.
// SKIP_E2E=1 runs the unit tests only.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts });
let passed = 0;
let failed = 0;
let ok = true;
const failedNames = [];

const build = run('node', ['scripts/build.mjs']);
if (build.status !== 0) {
  console.log('build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

mkdirSync('out', { recursive: true });
const unit = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=out/vitest.json',
]);
try {
  const r = JSON.parse(readFileSync('out/vitest.json', 'utf8'));
  passed += r.numPassedTests;
  // name every failed test again just above the closing line, where a CI log's tail shows it
  for (const file of r.testResults ?? []) {
    const name = file.name.replace(process.cwd() + '/', '');
    const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    // a file that failed with no failed test (it did not load, or threw outside a test)
    if (file.status === 'failed' && !tests.length) failedNames.push(`${name}: ${String(file.message ?? '').split('\n')[0]}`);
    for (const t of tests)
      failedNames.push(`${name} > ${t.fullName}: ${String(t.failureMessages?.[0] ?? '').split('\n').slice(0, 3).join(' | ')}`);
  }
  failed += r.numFailedTests + (r.numTotalTestSuites && !r.success && r.numFailedTests === 0 ? 1 : 0);
} catch {
  failed += 1;
}
if (unit.status !== 0) ok = false;

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
if (pkg.scripts['test:e2e'] && !process.env.SKIP_E2E) {
  const e2e = spawnSync('npm', ['run', '--silent', 'test:e2e'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(e2e.stdout ?? '');
  const counts = [...(e2e.stdout ?? '').matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].pop();
  if (counts) {
    passed += Number(counts[1]);
    failed += Number(counts[2]);
  } else failed += 1;
  if (e2e.status !== 0) ok = false;
}

if (failedNames.length) {
  console.log('\nFailed unit tests:');
  for (const n of failedNames) console.log(`  FAIL ${n.slice(0, 600)}`);
}
if (!ok && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
