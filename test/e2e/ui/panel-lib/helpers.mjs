// Helpers shared by the comparison-panel scenarios (panel*.mjs); in a folder so the runner does not take it for one.

/** Console errors that mean the panel broke its CSP or threw (collected from every frame). */
export function cspProblems(page) {
  const seen = [];
  page.on('console', (m) => {
    const t = m.text();
    if (m.type() === 'error' && /Content Security Policy|Refused to|panel\.js/.test(t)) seen.push(t);
  });
  page.on('pageerror', (e) => seen.push(e.message));
  return seen;
}

/** Open the VGG-16 spec, wait for its analysis, run the palette command, wait for the totals. */
export async function openPanel(ctx, file = 'vgg16-cifar10.layers.json') {
  await ctx.openFile(file);
  await ctx.page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
  await ctx.runCommand('SNN Energy: Open Comparison View');
  const frame = ctx.webview();
  await frame.locator('table.totals tbody tr').first().waitFor({ timeout: 30_000 });
  return frame;
}

export async function showTab(frame, title) {
  await frame.locator('vscode-tab-header', { hasText: title }).click();
}

/** The locator's text once it matches `re` (or its last text after ~10 s). */
export async function waitForText(locator, re, tries = 50) {
  let text = '';
  for (let i = 0; i < tries; i++) {
    text = await locator.innerText({ timeout: 1000 }).catch(() => ''); // absent for now: try again
    if (re.test(text)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return text;
}

export async function setTheme(ctx, name) {
  const { page } = ctx;
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await page.locator('.quick-input-widget .quick-input-box input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
}
