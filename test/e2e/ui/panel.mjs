// The comparison panel: opens from the command and the status bar, renders the totals and the charts,
// follows edits and the architecture, reveals layers, shows hostile names as text; light and dark.
export default async function (ctx) {
  const { page, check } = ctx;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await ctx.openFile('vgg16-cifar10.layers.json');
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
  await ctx.runCommand('SNN Energy: Open Comparison View');
  const frame = ctx.webview();
  await frame.locator('table.totals tbody tr').first().waitFor({ timeout: 30_000 });
  check(
    'opens from the command with one row per architecture',
    (await frame.locator('table.totals tbody tr').count()) === 5,
  );
  const headline = await frame.locator('.headline').innerText();
  check(
    'says at a glance where the SNN wins and what spoils it',
    /beats its QNN twin on spatial-dataflow/.test(headline) && /worst: \w+/.test(headline),
    JSON.stringify(headline),
  );
  for (const id of ['bars', 'curve', 'sweep']) {
    const box = await frame.locator(`#chart-${id}`).boundingBox();
    check(`draws the ${id} chart`, !!box && box.width > 100 && box.height > 100, JSON.stringify(box));
  }
  await page.waitForTimeout(500);
  await ctx.shot('dark');

  // follows an edit of the spec: conv1_1's rate 0.12 → 0.02
  const before = await frame
    .locator('table.layers tbody tr', { has: frame.locator('td.name', { hasText: /^conv1_2$/ }) })
    .innerText();
  await page.locator('.monaco-editor .view-line', { hasText: '"conv1_1"' }).first().click();
  await page.keyboard.press('Control+H');
  const find = page.locator('.find-widget .find-part .input').first();
  await find.fill('"spikeRate": 0.12 }');
  await page.locator('.find-widget .replace-part .input').first().fill('"spikeRate": 0.02 }');
  await page.keyboard.press('Control+Alt+Enter');
  await page.keyboard.press('Escape');
  const updated = frame.locator('table.layers tbody tr', { has: frame.locator('td.name', { hasText: /^conv1_2$/ }) });
  await page.waitForFunction(() => true);
  let after = before;
  for (let i = 0; i < 50 && after === before; i++) {
    await page.waitForTimeout(200);
    after = await updated.innerText();
  }
  check(
    'updates when the spec is edited',
    after !== before && /2\.00%/.test(after),
    JSON.stringify(after.replace(/\s+/g, ' ')),
  );

  // follows the architecture chosen in the panel
  await frame.locator('table.totals tbody tr', { hasText: 'memory-hierarchy' }).click();
  await frame.locator('h2', { hasText: 'Energy per layer on memory-hierarchy' }).waitFor({ timeout: 20_000 });
  const status = await page.locator('.statusbar-item', { hasText: 'SNN memory-hierarchy' }).first().innerText();
  check(
    'selecting an architecture in the panel updates the editor',
    /SNN memory-hierarchy/.test(status),
    JSON.stringify(status),
  );

  // clicking a layer reveals it in the editor
  await frame.locator('table.layers tbody tr', { has: frame.locator('td.name', { hasText: /^conv4_2$/ }) }).click();
  const selection = page.locator('.monaco-editor .view-line', { hasText: '"conv4_2"' });
  await selection.first().waitFor({ timeout: 10_000 });
  const cursor = await page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
  check(
    'clicking a layer reveals it in the editor',
    /Ln 20, Col 24 \(9 selected\)/.test(cursor),
    JSON.stringify(cursor),
  );

  // opens from the status bar
  await ctx.runCommand('View: Close All Editors');
  await ctx.openFile('tiny.layers.json');
  await page.locator('.statusbar-item', { hasText: 'SNN memory-hierarchy' }).first().click();
  const first = page.locator('.quick-input-list .monaco-list-row').first();
  await first.waitFor();
  check(
    'the status bar menu offers the comparison view first',
    /Open comparison view/.test(await first.innerText()),
    JSON.stringify(await first.innerText()),
  );
  await page.keyboard.press('Enter');
  await ctx.webview().locator('h1', { hasText: 'tiny' }).waitFor({ timeout: 15_000 });
  check('opens from the status bar, on the active model', true);
  await ctx.runCommand('View: Close All Editors');
  await ctx.openFile('vgg16-cifar10.layers.json');
  await ctx.runCommand('SNN Energy: Open Comparison View');
  await ctx.webview().locator('table.totals').waitFor({ timeout: 15_000 });

  // light theme
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await page.locator('.quick-input-widget .quick-input-box input').fill('Light Modern');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Light Modern' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  await ctx.shot('light');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await page.locator('.quick-input-widget .quick-input-box input').fill('Dark High Contrast');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark High Contrast' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  await ctx.shot('high-contrast');

  // hostile layer names are text
  await ctx.openFile('xss.layers.json');
  const xss = ctx.webview();
  const cell = xss.locator('table.layers td.name', { hasText: '<img src=x onerror=alert(1)>' });
  await cell.first().waitFor({ timeout: 20_000 });
  check(
    'a layer named <img src=x onerror=alert(1)> shows as text',
    (await cell.first().innerText()) === '<img src=x onerror=alert(1)>',
  );
  check(
    'and no element or script came from it',
    (await xss.locator('img').count()) === 0 && dialogs === 0,
    `img=${await xss.locator('img').count()} dialogs=${dialogs}`,
  );
  await ctx.shot('xss');
}
