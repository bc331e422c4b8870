/* global window, getComputedStyle -- these run in the webview frame */
// The ONNX model view a new user expects (issue 16, point 6): plumbing rows collapsed by default, a spike-rate
// column with its origin, sortable columns, findings readable in a 760 px editor and not cut off when wide.
export default async function (ctx) {
  const { page, check } = ctx;
  // the extension is up (its custom editor registered) before the first .onnx opens: a spec first
  await ctx.openFile('tiny.layers.json');
  await page.locator('.statusbar-item', { hasText: 'SNN spatial-dataflow' }).first().waitFor({ timeout: 120_000 });
  await ctx.openFile('cnn_bn.onnx');
  const frame = ctx.webview();
  await frame.locator('table.layers tbody tr.layer').first().waitFor({ timeout: 30_000 });

  const ops = await frame.locator('table.layers tr.layer td.op').allInnerTexts();
  const toggle = frame.locator('.plumbing button');
  check(
    'plumbing rows (Constant, Flatten) are collapsed by default, with a button that says so',
    !ops.includes('Constant') &&
      !ops.includes('Flatten') &&
      /Show 2 plumbing rows \(Constant, Flatten\)/.test(await toggle.innerText()),
    JSON.stringify({ ops, toggle: await toggle.innerText() }),
  );
  await toggle.click();
  const all = await frame.locator('table.layers tr.layer td.op').allInnerTexts();
  check('one click shows them', all.includes('Constant') && all.includes('Flatten'), JSON.stringify(all));
  await toggle.click();

  const rate = async (name) =>
    (await frame.locator(`table.layers tr.layer[data-layer="${name}"] td.rate`).innerText()).replace(/\s+/g, ' ');
  const conv1 = await rate('/conv1/Conv');
  const conv2 = await rate('/conv2/Conv');
  check(
    'a rate column: the first layer reads the image, the next one the default rate, each with its origin',
    /analog/.test(conv1) && /^10\.00% default \(snnEnergy\.defaultSpikeRate\)/.test(conv2),
    JSON.stringify({ conv1, conv2 }),
  );

  // sort by SNN/QNN: the dearest first, and the header says so (aria-sort)
  await frame.locator('th button.sort', { hasText: 'SNN/QNN' }).click();
  const ratios = (await frame.locator('table.layers tr.layer td.ratio').allInnerTexts())
    .map((t) => parseFloat(t))
    .filter((x) => !Number.isNaN(x));
  const th = await frame.locator('th[aria-sort="descending"]').innerText();
  check(
    'a click on SNN/QNN sorts the layers by it, dearest first',
    ratios.length >= 3 && ratios.every((r, i) => i === 0 || r <= ratios[i - 1]) && /SNN\/QNN/.test(th),
    JSON.stringify(ratios),
  );
  // …and from the keyboard: Enter on the focused "Layer" header sorts by name
  await frame.locator('th button.sort', { hasText: 'Layer' }).focus();
  await page.keyboard.press('Enter');
  const names = await frame.locator('table.layers tr.layer td.name').allInnerTexts();
  check(
    'Enter on a column header sorts by it',
    names.join() === [...names].sort((a, b) => a.localeCompare(b)).join(),
    JSON.stringify(names),
  );
  await ctx.shot('sorted');

  // findings at 760 px: hide the side bar, make the window 808 px (the activity bar is 48)
  await page.keyboard.press('Control+B');
  await page.setViewportSize({ width: 808, height: 950 });
  await page.waitForTimeout(800);
  const sizes = await frame.locator('tr.findings li').evaluateAll((lis) =>
    lis.map((li) => {
      const r = li.getBoundingClientRect();
      const line = parseFloat(getComputedStyle(li).lineHeight) || 18;
      return {
        width: Math.round(r.width),
        lines: Math.round(r.height / line),
        right: Math.round(r.right),
        view: window.innerWidth,
      };
    }),
  );
  check(
    'at 760 px every finding spans the editor (no one word per line) and nothing is cut off',
    sizes.length > 0 && sizes.every((s) => s.width > 500 && s.lines <= 4 && s.right <= s.view),
    JSON.stringify(sizes.slice(0, 3)),
  );
  await ctx.shot('760px');
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.waitForTimeout(800);
  const wide = await frame
    .locator('tr.findings li')
    .evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().right <= window.innerWidth));
  check('maximised, no finding is cut off', wide.length > 0 && wide.every(Boolean));
  await ctx.shot('wide');
}
