/* global window, document, MutationObserver -- page.evaluate bodies run in the page */
// The architecture pick is a view choice: from Enter in the quick pick to the updated status bar, with a
// VGG-16 spec and a ResNet-50 ONNX model (torchvision, random weights) open at once. Goal: ≤ 100 ms.
// Both timestamps are taken in the page (keydown listener, MutationObserver), so Playwright's polling
// does not count.
const GOAL_MS = 100;

export default async function (ctx) {
  const { page, check } = ctx;
  // the spec pinned (a double click), so that opening the model does not replace its preview tab
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'vgg16-cifar10' }).first().dblclick();
  await page.locator('.tabs-container .tab', { hasText: 'vgg16-cifar10' }).first().waitFor({ timeout: 30_000 });
  // the extension is active (its custom editor then takes the model)
  await page.locator('.statusbar-item', { hasText: 'SNN spatial-dataflow 0.91×' }).first().waitFor({ timeout: 60_000 });
  // the 100 MB model in its ONNX view (the read is positional: weights stay on disk)
  await ctx.openFile('resnet50.onnx');
  await ctx.webview().locator('table.layers tbody tr').first().waitFor({ timeout: 90_000 });
  const rows = await ctx.webview().locator('table.layers tbody tr').count();
  check('ResNet-50 is open in the ONNX model view', rows > 100, `rows=${rows}`);
  await page.locator('.tabs-container .tab', { hasText: 'vgg16-cifar10.layers.json' }).first().click();
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
  await page.locator('.statusbar-item', { hasText: 'SNN spatial-dataflow 0.91×' }).first().waitFor();

  const times = [];
  for (const target of ['memory-hierarchy', 'neuromorphic', 'spatial-dataflow']) {
    await ctx.runCommand('SNN Energy: Select Architecture');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: target }).first().waitFor();
    await input.fill(target);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: target }).first().waitFor();
    await page.evaluate((id) => {
      const w = window;
      w.__pick = { start: 0, end: 0 };
      document.addEventListener(
        'keydown',
        (e) => e.key === 'Enter' && !w.__pick.start && (w.__pick.start = performance.now()),
        {
          capture: true,
          once: true,
        },
      );
      const bar = document.querySelector('.part.statusbar');
      const seen = () =>
        [...bar.querySelectorAll('.statusbar-item')].some((el) => el.textContent.includes(`SNN ${id} `));
      new MutationObserver((_m, obs) => {
        if (w.__pick.start && seen()) {
          w.__pick.end = performance.now();
          obs.disconnect();
        }
      }).observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
    }, target);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__pick.end > 0, undefined, { timeout: 30_000 });
    times.push(await page.evaluate(() => window.__pick.end - window.__pick.start));
  }
  const worst = Math.max(...times);
  console.log(`pick → status bar: ${times.map((t) => `${t.toFixed(1)} ms`).join(', ')} (goal ≤ ${GOAL_MS} ms)`);
  check(
    `picking an architecture updates the status bar within ${GOAL_MS} ms (VGG-16 + ResNet-50 open)`,
    worst <= GOAL_MS,
    `${times.map((t) => t.toFixed(1)).join(' / ')} ms`,
  );
  // the pick is the window's, not a setting: no .vscode/settings.json was written
  const { existsSync } = await import('node:fs');
  check('the pick writes no workspace settings', !existsSync(`${process.env.WS}/.vscode/settings.json`));
  await ctx.shot('picked');
}
