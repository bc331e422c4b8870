// What a user sees in the editor: the squiggle, the Problems row, the hover, the status bar.
export default async function (ctx) {
  const { page, check } = ctx;
  await ctx.openFile('vgg16-cifar10.layers.json');
  const squiggle = page.locator('.monaco-editor .squiggly-warning');
  await squiggle.first().waitFor({ timeout: 30_000 });
  check('warning squiggles in the VGG-16 spec', (await squiggle.count()) > 0, `count=${await squiggle.count()}`);
  const status = page.locator('.statusbar-item', { hasText: 'SNN spatial-dataflow' });
  await status.first().waitFor({ timeout: 15_000 });
  check(
    'status bar shows the architecture and the ratio',
    /SNN spatial-dataflow 0\.91×/.test(await status.first().innerText()),
    JSON.stringify(await status.first().innerText()),
  );
  await ctx.shot('squiggle');

  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'below-break-even' });
  await row.first().waitFor({ timeout: 30_000 });
  const text = (await row.first().innerText()).replace(/\s+/g, ' ');
  check(
    'Problems panel lists below-break-even with the numbers',
    /spike rate \d+\.\d% > break-even \d+\.\d% for \w+ on Improved spatial dataflow/.test(text),
    JSON.stringify(text),
  );
  await ctx.shot('problems');

  // the hover, on a layer's type (no diagnostic there), with the Problems panel closed for room
  await page.keyboard.press('Control+J');
  const line = page.locator('.monaco-editor .view-line', { hasText: '"conv1_2"' });
  await line.locator('span span', { hasText: '"conv2d"' }).first().hover();
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').filter({ hasText: 'MACs (QNN)' });
  await hover.first().waitFor({ timeout: 15_000 });
  const h = (await hover.first().innerText()).replace(/\s+/g, ' ');
  check(
    'hover shows MACs, the energy breakdown, s*, the largest T, the other architectures and the provenance',
    /conv1_2 · conv2d · Improved spatial dataflow/.test(h) &&
      /synaptic ops/.test(h) &&
      /total/.test(h) &&
      /break-even spike rate 7\.23%/.test(h) &&
      /largest T that breaks even/.test(h) &&
      /Other architectures/.test(h) &&
      /spatial-dataflow: arXiv 2409\.08290 v1/.test(h),
    JSON.stringify(h.slice(0, 200)),
  );
  await page.waitForTimeout(400);
  await ctx.shot('hover');
  await page.keyboard.press('Escape');

  await ctx.openFile('cnn_bn.onnx');
  const frame = ctx.webview();
  const table = frame.locator('table.layers');
  await table.waitFor({ timeout: 30_000 });
  const rows = await frame.locator('table.layers tbody tr').count();
  check('ONNX model view lists every layer', rows >= 10, `rows=${rows}`);
  const conv = (
    await frame
      .locator('table.layers tbody tr', { has: frame.locator('td.name', { hasText: /^\/conv2\/Conv$/ }) })
      .first()
      .innerText()
  ).replace(/\s+/g, ' ');
  check('ONNX layer table shows MACs and the ratio', /73\.73 k/.test(conv) && /×/.test(conv), JSON.stringify(conv));
  await ctx.shot('onnx-view');

  // the text view: squiggles on node lines; the Problems panel lists the findings once, under the text view
  await frame.locator('button', { hasText: 'Open as text' }).click();
  await page.locator('.tabs-container .tab', { hasText: 'cnn_bn.onnxtxt' }).first().waitFor({ timeout: 30_000 });
  const nodeSquiggles = page.locator('.monaco-editor .squiggly-warning');
  await nodeSquiggles.first().waitFor({ timeout: 30_000 });
  check('ONNX text view shows squiggles on node lines', (await nodeSquiggles.count()) > 0);
  await page.keyboard.press('Control+Shift+M');
  const fileRow = page.locator('.markers-panel .monaco-list-row', { hasText: 'cnn_bn.onnxtxt' });
  await fileRow.first().waitFor({ timeout: 30_000 });
  await ctx.shot('onnx-text');
  // collapse the file groups so that every file row is rendered (the list is virtual)
  await page.locator('.panel .action-label[aria-label="Collapse All"]').first().click();
  await page.waitForTimeout(300);
  const files = await page.locator('.markers-panel .monaco-list-row .file-icon').allInnerTexts();
  check(
    'Problems panel lists the findings once, under the text view of cnn_bn.onnx',
    !files.some((f) => /cnn_bn\.onnx\b(?!txt)/.test(f)) && files.some((f) => /cnn_bn\.onnxtxt/.test(f)),
    JSON.stringify(files),
  );

  // a Problems entry opens the model at its layer: the text view at the node line (from another editor)
  await ctx.openFile('tiny.layers.json');
  // "Collapse All" collapsed the text view's group: expand it (the twistie toggles, so only until the
  // warning shows), then click that warning
  const warning = page.locator('.markers-panel .monaco-list-row', { hasText: 'for /conv2/Conv on' }).first();
  for (let i = 0; i < 4 && !(await warning.isVisible()); i++) {
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'cnn_bn.onnxtxt' })
      .first()
      .locator('.monaco-tl-twistie')
      .click();
    await page.waitForTimeout(700);
  }
  await warning.click();
  const cursor = page.locator('.statusbar-item[id="status.editor.selection"]');
  await page.waitForFunction(
    // eslint-disable-next-line no-undef -- runs in the page
    () => /Ln 1[6-9], Col \d+/.test(document.querySelector('[id="status.editor.selection"]')?.textContent ?? ''),
    null,
    { timeout: 15_000 },
  );
  const active = await page.locator('.tabs-container .tab.active').innerText();
  const at = await cursor.innerText();
  check(
    'clicking an ONNX finding opens the text view at its node line',
    /cnn_bn\.onnxtxt/.test(active) && /Ln 1[6-9], Col \d+/.test(at), // the node's line (VS Code selects its range)
    JSON.stringify({ active, at }),
  );
}
