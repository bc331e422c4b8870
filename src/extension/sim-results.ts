import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { percent } from '../core/units';
import type { SimulationRecord } from './measurements-store';

let panel: vscode.WebviewPanel | undefined;

/**
 * The simulation results view: per-layer measured rates, the agreement explained, the time taken and where
 * the results are kept. Static HTML made here (every string escaped), no script.
 */
export function showSimulationResults(
  extensionUri: vscode.Uri,
  file: vscode.Uri,
  r: SimulationRecord,
  where: string,
): void {
  const name = file.path.split('/').pop() ?? file.path;
  if (!panel) {
    panel = vscode.window.createWebviewPanel(
      'snnEnergy.simulationResults',
      `Simulation: ${name}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] },
    );
    panel.onDidDispose(() => (panel = undefined));
  } else panel.reveal(undefined, false);
  panel.title = `Simulation: ${name}`;
  panel.webview.html = resultsHtml(panel.webview, extensionUri, name, r, where);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function resultsHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  name: string,
  r: SimulationRecord,
  where: string,
): string {
  const nonce = randomBytes(16).toString('base64');
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'results.css'));
  const agree = Math.round(r.agreement * r.samples);
  const rows = r.layers
    .map(
      (l) =>
        `<tr><th scope="row">${esc(l.name)}</th><td class="num">${l.neurons ?? ''}</td>` +
        `<td class="num">${percent(l.spikeRate, 2)}</td><td class="num">${l.annDensity === undefined ? '' : percent(l.annDensity, 1)}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'">
<link rel="stylesheet" href="${css.toString()}" nonce="${nonce}">
<title>Simulation of ${esc(name)}</title></head>
<body><main>
<h1 tabindex="-1">Simulation of ${esc(name)}</h1>
<p class="meta">${r.samples} seeded inputs × T = ${r.timesteps} timesteps, ${esc(r.options.encoding)} encoding,
thresholds at the p${r.options.thresholdPercentile} of ANN activations, seed ${r.options.seed};
took <strong>${(r.wallMs / 1000).toFixed(1)} s</strong> on ${esc(new Date(r.measuredAt).toLocaleString())}.</p>
<section aria-labelledby="agreement"><h2 id="agreement">Agreement ${percent(r.agreement, 0)}</h2>
<p>The SNN picked the same output class as the ANN on <strong>${agree} of ${r.samples}</strong> inputs. Agreement is
the share of inputs on which the spiking network (its output summed over the T timesteps) and the original
network give the same answer. ${
    r.agreement >= 0.9
      ? 'It is high: the converted SNN behaves like the ANN, so its spike rates are representative.'
      : 'Below 90%, the SNN does not yet behave like the ANN at this T (more timesteps or a lower threshold percentile usually help), so read its spike rates with care.'
  } Random inputs measure activity, not accuracy.</p></section>
<section aria-labelledby="rates"><h2 id="rates">Measured spike rates (mean ${percent(r.meanSpikeRate, 2)})</h2>
<p>These rates replace the default in every finding on this model, for this exact file content
(SHA-256 ${esc(r.sha256.slice(0, 12))}…); they are kept in ${esc(where)} and survive a reload.</p>
<div class="scroll"><table><caption>Spike rate of each integrate-and-fire layer</caption>
<thead><tr><th scope="col">Layer</th><th scope="col">Neurons</th><th scope="col">Spike rate</th><th scope="col">ANN density</th></tr></thead>
<tbody>${rows}</tbody></table></div></section>
</main></body></html>`;
}
