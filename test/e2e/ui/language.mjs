// Issue 16, point 10 (activation only for specs, architecture files and ONNX) and point 4 (the JSON language
// service serves our files): *.layers.json opens in the extension's own language "SNN Layer Spec", which
// activates the extension; VS Code's JSON language service still gives the schema's hover and completion
// and its syntax check, with comments allowed as our parser allows them.
export default async function (ctx) {
  const { page, check } = ctx;
  await ctx.openFile('vgg16-cifar10.layers.json');
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 120_000 });
  const mode = page.locator('.statusbar-item#status\\.editor\\.mode');
  await mode.waitFor({ timeout: 15_000 });
  const modeText = (await mode.innerText()).trim();
  check(
    'a *.layers.json opens as "SNN Layer Spec" and the extension lints it',
    modeText === 'SNN Layer Spec',
    modeText,
  );

  // the JSON language service's hover, from our schema, on a top-level key
  const line = page.locator('.monaco-editor .view-line', { hasText: '"timesteps"' });
  await line
    .locator('span', { hasText: /^"timesteps"$/ })
    .first()
    .hover();
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').filter({ hasText: 'SNN timesteps T' });
  await hover.first().waitFor({ timeout: 30_000 });
  check('the JSON language service hovers with the schema description', await hover.first().isVisible());
  await page.keyboard.press('Escape');

  // a comment line and a schema completion on a new line inside the first layer
  await page.locator('.monaco-editor .view-line', { hasText: '"conv1_1"' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.type('// comments are allowed in a layer spec\n', { delay: 5 });
  await page.locator('.monaco-editor .view-line', { hasText: '"conv1_1"' }).first().click();
  await page.keyboard.press('End');
  // before the closing brace: `…"spikeRate": 0.12 }` → `…"spikeRate": 0.12, "dil }`
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(', "dil', { delay: 5 });
  await page.keyboard.press('Control+Space');
  const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'dilation' });
  const suggested = await suggestion
    .first()
    .waitFor({ timeout: 30_000 })
    .then(() => true)
    .catch(() => false);
  check('the JSON language service completes a layer field from our schema ("dil" → dilation)', suggested);
  await ctx.shot('completion');
  await page.keyboard.press('Escape');

  // the comment raised no problem (neither ours nor the JSON service's "Comments are not permitted")
  await page.waitForTimeout(2000);
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').first().waitFor({ timeout: 15_000 });
  const rows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((t) =>
    t.replace(/\s+/g, ' '),
  );
  check(
    'a comment in a spec is not a problem',
    rows.length > 0 && !rows.some((r) => /[Cc]omment/.test(r)),
    JSON.stringify(rows.slice(0, 4)),
  );
  // undo the edits: nothing the user did not ask for stays changed
  for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z');
}
