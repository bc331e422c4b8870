import * as vscode from 'vscode';
import type { ModelService } from './model-service';
import { currentSettings } from './settings';
import { binaryLimit, textLimit } from './limits';
import { plainName } from '../core/report/sanitize';
import { isOnnxFile } from './onnx-uri';
import { describeProgress, simulateFile, measuredActivity } from '../node/simulate';

/** Simulate spiking activity of the active ONNX model in a worker, with progress and cancel;
 * results are cached per file content hash (and options) and fed into the diagnostics. */
export async function simulateCommand(models: ModelService, extensionUri: vscode.Uri, uri?: vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('SNN Energy: the simulator runs only in a trusted workspace.');
    return;
  }
  const file = uri && isOnnxFile(uri) ? uri : models.current?.uri;
  if (!file || !isOnnxFile(file) || file.scheme !== 'file') {
    void vscode.window.showInformationMessage(
      'SNN Energy: the simulator needs a local .onnx model with weights; open one first.',
    );
    return;
  }
  const s = currentSettings();
  const options = {
    randomInputs: s['simulator.samples'],
    seed: s['simulator.seed'],
    encoding: s['simulator.encoding'],
    thresholdPercentile: s['simulator.thresholdPercentile'],
    timesteps: s.timesteps ?? undefined,
    maxBinaryBytes: binaryLimit(s).maxBytes,
    maxTextBytes: textLimit(s).maxBytes,
    binaryLimitName: binaryLimit(s).raiseWith,
    textLimitName: textLimit(s).raiseWith,
  };
  // threads and memory change how fast a run is, not what it measures: not part of the cache key
  const resources = {
    threads: s['simulator.threads'] ?? undefined,
    memoryBudgetMB: s['simulator.memoryBudgetMB'] ?? undefined,
  };
  const key = JSON.stringify(options);
  let hash: string;
  let cached;
  try {
    hash = await models.cache.hashOf(file);
    cached = await models.cache.ratesFor(file);
  } catch (e) {
    // a FIFO or device named *.onnx, or a file gone: say so instead of failing the command
    void vscode.window.showErrorMessage(`SNN Energy: ${plainName((e as Error).message, 500)}`);
    return;
  }
  if (cached?.options === key) {
    models.applyMeasured(file, cached.rates);
    void vscode.window.showInformationMessage(
      'SNN Energy: spike rates of this model content with these settings are already measured; diagnostics use them.',
    );
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'SNN Energy: simulating', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let last = 0;
      return simulateFile(
        file.fsPath,
        { ...options, ...resources, workerPath: vscode.Uri.joinPath(extensionUri, 'dist', 'sim-worker.js').fsPath },
        {
          signal: abort.signal,
          onProgress: (p) => {
            const done = p.fraction * 100;
            progress.report({ message: describeProgress(p), increment: done - last });
            last = done;
          },
        },
      );
    },
  );
  if ('error' in result) {
    if (result.error !== 'cancelled')
      void vscode.window.showErrorMessage(`SNN Energy: ${plainName(result.error, 500)}`);
    return;
  }
  const rates = measuredActivity(result);
  models.cache.set(hash, key, rates);
  models.applyMeasured(file, rates);
  void vscode.window.showInformationMessage(
    `SNN Energy: measured spike rates of ${result.layers.length} layers (mean ${(result.meanSpikeRate * 100).toFixed(2)}%, agreement ${(result.agreement * 100).toFixed(0)}%); diagnostics updated.`,
  );
}
