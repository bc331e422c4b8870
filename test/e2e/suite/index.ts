// Entry of the in-extension-host suite (VS Code's extensionTestsPath): mocha over every *.test.js next to
// this file, with a reporter that prints PASS/FAIL lines, which the workbench forwards to the e2e runner.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  mocha.reporter(function (runner: Mocha.Runner) {
    runner.on('pass', (t) => console.log(`PASS host: ${t.fullTitle()}`));
    runner.on('fail', (t, err: Error) => console.log(`FAIL host: ${t.fullTitle()}: ${err.message.split('\n')[0]}`));
  } as unknown as typeof Mocha.reporters.Base);
  for (const f of readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) =>
    mocha.run((failures) => (failures ? reject(new Error(`${failures} failed`)) : resolve())),
  );
}
