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

  const token = page.locator('.monaco-editor .view-line span span', { hasText: '"conv1_2"' }).first();
  await token.hover();
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').filter({ hasText: 'MACs (QNN)' });
  await hover.first().waitFor({ timeout: 15_000 });
  const h = (await hover.first().innerText()).replace(/\s+/g, ' ');
  check(
    'hover shows MACs, energies, s* and the other architectures',
    /conv1_2 · conv2d · Improved spatial dataflow/.test(h) &&
      /break-even spike rate 7\.23%/.test(h) &&
      /Other architectures/.test(h),
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
}
