// First run and manifest (issue 16, point 10): the status bar only on models, palette commands only where they
// apply, the architecture setting a dropdown with descriptions in order, and the walkthrough.
async function paletteTitles(ctx, query) {
  const { page } = ctx;
  await page.keyboard.press('Control+Shift+P');
  const qi = page.locator('.quick-input-widget .quick-input-box input');
  await qi.fill(`>${query}`);
  await page.waitForTimeout(800);
  const titles = await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
  await page.keyboard.press('Escape');
  return titles.map((t) => t.replace(/\s+/g, ' '));
}

export default async function (ctx) {
  const { page, check } = ctx;
  const status = page.locator('.statusbar-item', { hasText: /SNN (spatial|memory|neuromorphic)/ });
  await ctx.openFile('vgg16-cifar10.layers.json');
  await page.locator('.statusbar-item', { hasText: 'SNN spatial-dataflow' }).first().waitFor({ timeout: 60_000 });
  const onSpec = await paletteTitles(ctx, 'SNN Energy');
  await ctx.openFile('notes.md');
  await page.waitForTimeout(800);
  check('no status bar item on a Markdown file', (await status.count()) === 0);
  const onMd = await paletteTitles(ctx, 'SNN Energy');
  await ctx.shot('markdown');
  check(
    'on a Markdown file the palette has no model commands (comparison, export, ONNX, simulate)',
    !onMd.some((t) => /Comparison|Export|ONNX|Simulate/.test(t)) && onMd.some((t) => /Select Architecture/.test(t)),
    JSON.stringify(onMd),
  );
  check(
    'on a spec: comparison and export, but no ONNX commands',
    onSpec.some((t) => /Open Comparison View/.test(t)) && !onSpec.some((t) => /ONNX|Simulate/.test(t)),
    JSON.stringify(onSpec),
  );
  await ctx.openFile('cnn_bn.onnx');
  await ctx.webview().locator('table.layers').waitFor({ timeout: 30_000 });
  const onOnnx = await paletteTitles(ctx, 'SNN Energy');
  check(
    'on an ONNX model: simulate and open as text',
    onOnnx.some((t) => /Simulate Spiking Activity/.test(t)) && onOnnx.some((t) => /Open ONNX Model as Text/.test(t)),
    JSON.stringify(onOnnx),
  );
  check('the status bar item is back on the ONNX model', (await status.count()) === 1);

  // the settings: the architecture is a dropdown with a description per choice; real descriptions, in order
  await ctx.runCommand('Preferences: Open Settings (UI)');
  const search = page.locator('.settings-editor .settings-header .suggest-input-container .monaco-editor textarea');
  await search.waitFor({ timeout: 20_000 });
  await search.fill('snnEnergy');
  await page.waitForTimeout(1500);
  const items = page.locator('.settings-editor .setting-item-contents');
  const titles = (await items.locator('.setting-item-title').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  const descriptions = await items.locator('.setting-item-description').allInnerTexts();
  await page.locator('.settings-editor .setting-item-contents .monaco-select-box').first().click();
  const list = page.locator('.select-box-dropdown-list-container .monaco-list-row');
  await list.first().waitFor({ timeout: 10_000 });
  const options = (await list.allInnerTexts()).map((t) => t.trim());
  const detail = await page
    .locator('.select-box-details-pane')
    .first()
    .innerText()
    .catch(() => '');
  await ctx.shot('architecture-dropdown');
  await page.keyboard.press('Escape');
  check(
    'the architecture setting comes first and is a dropdown of the five architectures',
    /Architecture/.test(titles[0] ?? '') &&
      options.length === 5 &&
      options.includes('neuromorphic:theoretical-minimum') &&
      /spatial dataflow/i.test(detail),
    JSON.stringify({ first: titles[0], options, detail: detail.slice(0, 80) }),
  );
  check(
    'every visible setting has a real description (no "Simulator seed." or "null")',
    descriptions.length >= 5 && descriptions.every((d) => d.length > 40),
    JSON.stringify(descriptions.map((d) => d.slice(0, 40))),
  );
  await ctx.shot('settings');

  // the walkthrough: open the example from its first step
  await ctx.runCommand('Welcome: Open Walkthrough...');
  await page.locator('.quick-input-widget .quick-input-box input').fill('SNN Energy');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with SNN Energy Lint' })
    .first()
    .waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const steps = page.locator('.gettingStartedContainer .getting-started-step');
  await steps.first().waitFor({ timeout: 20_000 });
  const stepTitles = (await steps.locator('.step-title').allInnerTexts()).map((t) => t.trim());
  check(
    'the walkthrough has its four steps',
    ['Open the example', 'Read a warning', 'Open the comparison', 'Simulate an ONNX model'].every((s) =>
      stepTitles.includes(s),
    ),
    JSON.stringify(stepTitles),
  );
  await ctx.shot('walkthrough');
  await page
    .locator('.gettingStartedContainer .button-link, .gettingStartedContainer a', { hasText: 'Open the example' })
    .first()
    .click();
  await page
    .locator('.tabs-container .tab.active', { hasText: 'vgg16-cifar10.layers.json' })
    .first()
    .waitFor({ timeout: 20_000 });
  check('its first step opens the example spec', true);
}
