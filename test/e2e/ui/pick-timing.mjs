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

  /** ms from the next Enter to the first time `selector` holds `text` (both taken in the page). */
  const timeEnter = async (selector, text) => {
    await page.evaluate(
      ([sel, txt]) => {
        const w = window;
        w.__t = { start: 0, end: 0 };
        document.addEventListener('keydown', (e) => e.key === 'Enter' && (w.__t.start = performance.now()), {
          capture: true,
          once: true,
        });
        const seen = () => [...document.querySelectorAll(sel)].some((el) => el.textContent.includes(txt));
        new MutationObserver((_m, obs) => {
          if (w.__t.start && seen()) {
            w.__t.end = performance.now();
            obs.disconnect();
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      },
      [selector, text],
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__t.end > 0, undefined, { timeout: 30_000 });
    return page.evaluate(() => window.__t.end - window.__t.start);
  };

  // peer, same run: Enter on the command → the extension's quick pick shown, a round trip through the
  // extension host that does no work of ours
  const picks = [];
  const peers = [];
  // the first pick warms up both sides (JIT, the quick pick's widgets) and is not counted
  const targets = ['memory-hierarchy', 'neuromorphic', 'spatial-dataflow'];
  for (let i = 0; i <= 9; i++) {
    const target = targets[i % targets.length];
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('>SNN Energy: Select Architecture');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'SNN Energy: Select Architecture' })
      .first()
      .waitFor();
    const peer = await timeEnter('.quick-input-list .monaco-list-row', 'Open comparison view');
    await input.fill(target);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: target }).first().waitFor();
    const pick = await timeEnter('.part.statusbar .statusbar-item', `SNN ${target} `);
    if (i > 0) {
      peers.push(peer);
      picks.push(pick);
    }
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const ms = (xs) => xs.map((t) => t.toFixed(0)).join(' / ');
  const pick = median(picks);
  const peer = median(peers);
  console.log(
    `pick → status bar: median ${pick.toFixed(1)} ms (${ms(picks)}); peer round trip: median ${peer.toFixed(1)} ms ` +
      `(${ms(peers)}); ratio ${(pick / peer).toFixed(2)}; goal ≤ ${GOAL_MS} ms`,
  );
  check(
    `picking an architecture updates the status bar within ${GOAL_MS} ms, or within 1.5× an extension-host round trip on a loaded machine (VGG-16 + ResNet-50 open)`,
    pick <= GOAL_MS || pick <= 1.5 * peer,
    `pick ${ms(picks)} ms; round trip ${ms(peers)} ms`,
  );
  // the pick is the window's, not a setting: no .vscode/settings.json was written
  const { existsSync } = await import('node:fs');
  check('the pick writes no workspace settings', !existsSync(`${process.env.WS}/.vscode/settings.json`));
  await ctx.shot('picked');
}
