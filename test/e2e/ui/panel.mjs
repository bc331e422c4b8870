// The comparison panel on the bundled VGG-16: opens from the command palette, renders the totals and every
// chart tab, follows edits and the architecture, reveals layers (mouse and keyboard), runs under its CSP
// without a violation; screenshots of every tab (dark). Other panel-*.mjs files: status bar and code-action
// paths, reload, themes, hostile names.
import { cspProblems, openPanel, showTab, waitForText } from './panel-lib/helpers.mjs';

export default async function (ctx) {
  const { page, check } = ctx;
  const csp = cspProblems(page);
  const frame = await openPanel(ctx);

  check(
    'opens from the command palette with one row per architecture',
    (await frame.locator('table.totals tbody tr').count()) === 5,
  );
  const headline = await frame.locator('.headline').innerText();
  check(
    'says at a glance where the SNN wins and which layer spoils it',
    /^On spatial-dataflow, the SNN beats its QNN twin \(SNN\/QNN 0\.91×\)/.test(headline) &&
      /worst: conv1_2/.test(headline),
    JSON.stringify(headline),
  );
  const row = (await frame.locator('table.totals tbody tr', { hasText: 'memory-hierarchy' }).innerText()).replace(
    /\s+/g,
    ' ',
  );
  check(
    'each architecture row has verdict, ratio, compute-only ratio, energies and s*',
    /memory-hierarchy QNN saves \d+% 1\.\d\d× 0\.\d\d× never [\d.]+ mJ [\d.]+ mJ/.test(row),
    JSON.stringify(row),
  );
  await page.waitForTimeout(300);
  await ctx.shot('overview');

  for (const [tab, chart] of [
    ['Layers', 'bars'],
    ['Break-even curve', 'curve'],
    ['T sweep', 'sweep'],
    ['Hybrid plan', 'hybrid'],
  ]) {
    await showTab(frame, tab);
    const canvas = frame.locator(`canvas[data-chart="${chart}"]`);
    await canvas.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(300);
    const box = await canvas.boundingBox();
    check(`the ${tab} tab draws its chart`, !!box && box.width > 200 && box.height > 100, JSON.stringify(box));
    await ctx.shot(chart);
  }
  const chips = await frame.locator('.chips .chip').allInnerTexts();
  check('the hybrid plan names the layers to run as QNN', chips.includes('conv1_2'), JSON.stringify(chips));

  // the curve of one layer: select it in the Layers tab (this also reveals it), then look at its curve
  await showTab(frame, 'Layers');
  await frame.locator('table.layers tbody tr[data-layer="conv1_2"]').click();
  await showTab(frame, 'Break-even curve');
  const caption = await waitForText(frame.locator('.caption').first(), /conv1_2 breaks even/);
  check(
    'the curve tab follows the selected layer',
    /conv1_2 breaks even at s\* = 7\.23%; at 12\.00% it is dearer as SNN/.test(caption),
    JSON.stringify(caption),
  );
  await page.waitForTimeout(300);
  await ctx.shot('curve-layer');

  // follows an edit of the spec: conv1_1's rate 0.12 → 0.02 (conv1_2 consumes it)
  await showTab(frame, 'Layers');
  const conv12 = frame.locator('table.layers tbody tr[data-layer="conv1_2"]');
  const before = await conv12.innerText();
  // edit conv1_1's rate (line 8 of the bundled example) as a user would: select "0.12" and type over it
  // (a click on the line number: the long line's middle may lie under the panel, beside the editor)
  await page.locator('.monaco-editor .line-numbers', { hasText: /^8$/ }).first().click();
  await waitForText(page.locator('.statusbar-item[id="status.editor.selection"]'), /Ln 8,/);
  await page.keyboard.press('ArrowLeft'); // the click selects the whole line, up to line 9: go back to its start
  await page.keyboard.press('End');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type('0.02');
  await page.waitForTimeout(1500);
  await ctx.shot('edited'); // (also gives the re-lint its debounce before the check polls)
  const after = await waitForText(conv12, /2\.00%/);
  check(
    'updates when the spec is edited, on the tab the user was on',
    after !== before && /2\.00%/.test(after) && (await frame.locator('canvas[data-chart="bars"]').isVisible()),
    JSON.stringify(after.replace(/\s+/g, ' ')),
  );

  // follows the architecture chosen in the panel (a totals row), and the editor follows the panel
  await showTab(frame, 'Overview');
  await frame.locator('table.totals tbody tr', { hasText: 'memory-hierarchy' }).click();
  await frame.locator('h2', { hasText: 'Layers that spoil it on memory-hierarchy' }).waitFor({ timeout: 20_000 });
  const status = await page.locator('.statusbar-item', { hasText: 'SNN memory-hierarchy' }).first().innerText();
  check('selecting an architecture in the panel updates the status bar', /SNN memory-hierarchy/.test(status));

  // …and the panel follows an architecture chosen elsewhere (the command palette)
  await ctx.runCommand('SNN Energy: Select Architecture');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'neuromorphic' }).first().waitFor();
  await page.locator('.quick-input-widget .quick-input-box input').fill('neuromorphic:theoretical');
  await page.keyboard.press('Enter');
  await frame.locator('h2', { hasText: 'on neuromorphic:theoretical-minimum' }).first().waitFor({ timeout: 20_000 });
  check(
    'follows an architecture selected outside the panel',
    (await frame.locator('table.totals tr.selected th').innerText()).startsWith('neuromorphic:theoretical-minimum'),
  );
  const provenance = await frame.locator('p.provenance').innerText();
  check(
    "names the selected architecture's provenance in one line",
    /^neuromorphic:theoretical-minimum: reconstructed from arXiv 2409\.08290 v4/.test(provenance),
    JSON.stringify(provenance),
  );

  // clicking a layer reveals it in the editor; so does Enter on a focused row
  await showTab(frame, 'Layers');
  await frame.locator('table.layers tbody tr[data-layer="conv4_2"]').click();
  const cursor = page.locator('.statusbar-item[id="status.editor.selection"]');
  check(
    'clicking a layer row reveals it in the editor',
    /Ln 19, Col 24 \(9 selected\)/.test(await waitForText(cursor, /Ln 19/)),
    JSON.stringify(await cursor.innerText()),
  );
  await frame.locator('table.layers tbody tr[data-layer="conv2_1"]').focus();
  await page.keyboard.press('Enter');
  check(
    'Enter on a focused layer row reveals it too',
    /Ln 11, Col 24 \(9 selected\)/.test(await waitForText(cursor, /Ln 11/)),
    JSON.stringify(await cursor.innerText()),
  );
  // a click on a bar of the chart reveals its layer (the top bar is conv1_1, on line 8)
  const bars = await frame.locator('canvas[data-chart="bars"]').boundingBox();
  const chartArea = frame.locator('canvas[data-chart="bars"]');
  await chartArea.click({ position: { x: Math.round(bars.width * 0.25), y: 22 }, timeout: 15_000 });
  check(
    'clicking a bar reveals its layer',
    /Ln 8, Col 24 \(9 selected\)/.test(await waitForText(cursor, /Ln 8,/)),
    JSON.stringify(await cursor.innerText()),
  );

  check('no Content-Security-Policy violation or page error', csp.length === 0, JSON.stringify(csp.slice(0, 3)));
}
