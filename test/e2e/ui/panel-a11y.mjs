/* global document -- runs in the webview frame */
// The panel follows the selected architecture; keyboard focus and chart tables; contrast by axe-core in dark,
// light and high-contrast themes, in the panel and in the ONNX model view (issue 16, points 5, 8 and 9).
import { openPanel, setTheme, showTab } from './panel-lib/helpers.mjs';
import { contrastViolations, frameWith } from './panel-lib/axe.mjs';

const TABS = ['Overview', 'Layers', 'Break-even curve', 'T sweep', 'Hybrid plan'];

/** Pick an architecture from the status bar's command; returns the ms from Enter to the updated status bar. */
async function selectArchitecture(ctx, id) {
  await ctx.runCommand('SNN Energy: Select Architecture');
  await ctx.page.locator('.quick-input-widget .quick-input-box input').fill(id);
  await ctx.page.locator('.quick-input-list .monaco-list-row', { hasText: id }).first().waitFor();
  const t0 = Date.now();
  await ctx.page.keyboard.press('Enter');
  await ctx.page
    .locator('.statusbar-item', { hasText: `SNN ${id} ` })
    .first()
    .waitFor({ timeout: 20_000 });
  return Date.now() - t0;
}

/** axe on every tab of the panel (details opened, so the chart tables are checked too). */
async function panelContrast(ctx, frame, pw, theme) {
  const found = [];
  for (const tab of TABS) {
    await showTab(ctx.webview(), tab);
    await ctx.page.waitForTimeout(400);
    await pw.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    for (const v of await contrastViolations(pw)) found.push(...v.nodes.map((n) => `${tab}: ${n.target}`));
  }
  ctx.check(
    `axe-core: no contrast violation in the panel (${theme}), every tab`,
    found.length === 0,
    JSON.stringify(found.slice(0, 6)),
  );
}

export default async function (ctx) {
  const { page, check } = ctx;
  await ctx.openFile('vgg16-cifar10.layers.json');
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
  const pickMs = await selectArchitecture(ctx, 'neuromorphic');
  console.log(`METRIC architecture-pick-ms ${pickMs} (Enter in the quick pick to the status bar showing it)`);
  const frame = await openPanel(ctx);
  const pw = await frameWith(page, '.headline');

  // 5: the headline and the summaries follow the selection; the others beside it
  const headline = (await frame.locator('.headline').innerText()).replace(/\s+/g, ' ');
  check(
    'the headline is the verdict on the selected architecture (neuromorphic: the QNN twin is cheaper)',
    /^On neuromorphic, the QNN twin is cheaper \(SNN\/QNN 1\.\d\d×\)/.test(headline) &&
      /On the other architectures, the SNN wins on .*spatial-dataflow \(0\.91×\)/.test(headline),
    JSON.stringify(headline),
  );
  const first = await frame.locator('table.totals tbody tr').first().innerText();
  check(
    'the selected architecture comes first in the totals, the others beside it',
    /^neuromorphic\s*\(selected\)/.test(first),
    JSON.stringify(first),
  );
  check(
    'the spoilers and the sweep follow the selection too',
    (await frame.locator('h2', { hasText: 'Layers that spoil it on neuromorphic' }).count()) === 1,
  );
  await ctx.shot('neuromorphic');

  // 8: focus moves to the panel when it opens, and when the command reveals it again
  const focused = () =>
    pw.evaluate(() => document.hasFocus() && document.activeElement?.classList.contains('headline'));
  await page.waitForTimeout(500);
  check('opening the panel puts the keyboard focus on its verdict', await focused());
  await page.locator('.monaco-editor .view-line').first().click();
  check('(clicking the editor takes the focus back)', !(await pw.evaluate(() => document.hasFocus())));
  await ctx.runCommand('SNN Energy: Open Comparison View');
  let back = false;
  for (let i = 0; i < 20 && !back; i++)
    back = (await focused().catch(() => false)) || (await page.waitForTimeout(200), false);
  check('"Open Comparison View" on an open panel moves the focus to it', back);

  // every chart has a table reachable from the keyboard: Tab from the tab header to "The numbers as a table"
  for (const [tab, chart] of [
    ['Layers', 'bars'],
    ['Break-even curve', 'curve'],
    ['T sweep', 'sweep'],
    ['Hybrid plan', 'hybrid'],
  ]) {
    await showTab(frame, tab);
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await pw.evaluate(
        (c) =>
          document.activeElement?.closest('details')?.dataset.tableOf === c &&
          document.activeElement.tagName === 'SUMMARY',
        chart,
      );
    }
    if (reached) await page.keyboard.press('Enter');
    const rows = await frame.locator(`details[data-table-of="${chart}"] table tbody tr`).count();
    const visible = await frame.locator(`details[data-table-of="${chart}"] table`).isVisible();
    check(
      `the ${tab} chart has a table reached by Tab and opened by Enter`,
      reached && visible && rows > 0,
      `rows=${rows}`,
    );
    await page.keyboard.press('Shift+Tab');
  }
  await showTab(frame, 'Layers');
  await page.waitForTimeout(300);
  await ctx.shot('chart-table');

  // 9: contrast in dark (the default), light and high contrast. First a control: axe does see low contrast here
  await pw.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'axe-control';
    p.textContent = 'grey on grey';
    p.style.color = '#777777';
    p.style.background = '#888888';
    document.body.append(p);
  });
  const control = await contrastViolations(pw);
  await pw.evaluate(() => document.getElementById('axe-control')?.remove());
  check(
    'axe-core runs in the panel: it flags a planted grey-on-grey text',
    control.length === 1 && control[0].nodes.some((n) => /axe-control/.test(n.target)),
    JSON.stringify(control).slice(0, 200),
  );
  await panelContrast(ctx, frame, pw, 'Dark Modern');
  await showTab(frame, 'Overview');
  await page.locator('.monaco-editor .view-line').first().click();
  await setTheme(ctx, 'Light Modern');
  await panelContrast(ctx, frame, pw, 'Light Modern');
  await showTab(frame, 'Overview');
  await page.waitForTimeout(300);
  await ctx.shot('light');
  await showTab(frame, 'T sweep');
  await page.waitForTimeout(400);
  await ctx.shot('light-sweep');
  await page.locator('.monaco-editor .view-line').first().click();
  await setTheme(ctx, 'Dark High Contrast');
  await panelContrast(ctx, frame, pw, 'Dark High Contrast');
  await showTab(frame, 'Overview');
  await ctx.shot('high-contrast');

  // the ONNX model view, light and dark
  await page.locator('.monaco-editor .view-line').first().click();
  await setTheme(ctx, 'Light Modern');
  await ctx.openFile('cnn_bn.onnx');
  const mv = await frameWith(page, 'table.layers tbody tr.layer');
  const light = await contrastViolations(mv);
  check(
    'axe-core: no contrast violation in the ONNX model view (Light Modern)',
    light.length === 0,
    JSON.stringify(light).slice(0, 400),
  );
  await ctx.shot('onnx-light');
  await setTheme(ctx, 'Dark Modern');
  await page.waitForTimeout(500);
  const dark = await contrastViolations(mv);
  check(
    'axe-core: no contrast violation in the ONNX model view (Dark Modern)',
    dark.length === 0,
    JSON.stringify(dark).slice(0, 400),
  );
  await ctx.shot('onnx-dark');
}
