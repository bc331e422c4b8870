// Export from the editor, as a user does it: the command, the format pick, the save dialog; then the
// written files are checked (the JSON report against its schema, SARIF's version and located results).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';

const ROOT = process.env.EXT;

export default async function (ctx) {
  const { page, check } = ctx;
  await ctx.openFile('vgg16-cifar10.layers.json');
  await page.locator('.statusbar-item', { hasText: 'SNN spatial-dataflow' }).first().waitFor({ timeout: 30_000 });

  for (const [label, ext] of [
    ['JSON report', 'json'],
    ['SARIF 2.1.0', 'sarif'],
    ['CSV', 'csv'],
  ]) {
    await ctx.runCommand('SNN Energy: Export Report…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
    // code-server has no native dialog: VS Code's own save dialog, a path in the quick input, proposes the name
    const path = page.locator('.quick-input-widget .quick-input-box input');
    await page.waitForFunction(
      // eslint-disable-next-line no-undef -- runs in the page
      (e) => document.querySelector('.quick-input-widget .quick-input-box input')?.value.endsWith(e),
      `vgg16-cifar10.energy.${ext}`,
    );
    check(`the save dialog proposes vgg16-cifar10.energy.${ext}`, (await path.inputValue()).endsWith(`.energy.${ext}`));
    if (ext === 'json') await ctx.shot('save-dialog');
    await page.keyboard.press('Enter');
    const file = join(process.env.WS, `vgg16-cifar10.energy.${ext}`);
    for (let i = 0; i < 100 && !existsSync(file); i++) await page.waitForTimeout(100);
    check(`${label} is written next to the spec`, existsSync(file), file);
  }

  const report = JSON.parse(readFileSync(join(process.env.WS, 'vgg16-cifar10.energy.json'), 'utf8'));
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/report.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  check(
    'the JSON report validates against schemas/report.schema.json',
    validate(report),
    JSON.stringify(validate.errors?.slice(0, 2)),
  );
  const spatial = report.architectures.find((a) => a.id === 'spatial-dataflow');
  const status = await page.locator('.statusbar-item', { hasText: 'SNN spatial-dataflow' }).first().innerText();
  check(
    'the report covers every architecture and agrees with the status bar',
    report.architectures.length === 5 && status.includes(`${spatial.ratio.toFixed(2)}×`),
    JSON.stringify({ n: report.architectures.length, ratio: spatial.ratio, status }),
  );
  const conv12 = spatial.layers.find((l) => l.name === 'conv1_2');
  // 3×3×64 weights per output × 64 channels × 32×32 positions (hand count)
  check('conv1_2 has 3·3·64·64·32·32 synapses', conv12.synapses === 3 * 3 * 64 * 64 * 32 * 32, String(conv12.synapses));

  const sarif = JSON.parse(readFileSync(join(process.env.WS, 'vgg16-cifar10.energy.sarif'), 'utf8'));
  const results = sarif.runs?.[0]?.results ?? [];
  // findings sit on layer lines: at or below the first layer's line in the spec
  const spec = readFileSync(join(process.env.WS, 'vgg16-cifar10.layers.json'), 'utf8').split('\n');
  const firstLayerLine = spec.findIndex((l) => l.includes('"conv1_1"')) + 1;
  const located = results.find((r) => r.ruleId === 'below-break-even' && r.locations?.[0]?.physicalLocation?.region);
  check(
    'the SARIF log is version 2.1.0 with located below-break-even results',
    sarif.version === '2.1.0' &&
      located !== undefined &&
      located.locations[0].physicalLocation.region.startLine >= firstLayerLine,
    JSON.stringify(located?.locations?.[0]?.physicalLocation?.region),
  );
  const csv = readFileSync(join(process.env.WS, 'vgg16-cifar10.energy.csv'), 'utf8').trim().split('\n');
  check('the CSV has a header and one row per architecture and layer', csv.length === 1 + 5 * 14, String(csv.length));
}
