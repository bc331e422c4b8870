import * as vscode from 'vscode';
import type { ModelService } from './model-service';
import { currentSettings } from './settings';
import { binaryLimit, textLimit } from './limits';
import { plainName } from '../core/report/sanitize';
import { isOnnxFile } from './onnx-uri';
import { describeProgress, simulateFile, simulationJson } from '../node/simulate';
import type { SimulationRecord } from './measurements-store';
import { showSimulationResults } from './sim-results';

/**
 * Simulate spiking activity of the active ONNX model in a worker, with progress (which samples, which timestep,
 * time so far) and cancel (which says it stopped). Results are kept per file content hash (and options) in the
 * chosen store, fed into the diagnostics, and shown in the results view.
 */
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
    await models.applyMeasured(file, cached.rates);
    const show = 'Show results';
    // not awaited: the command is done; the message waits for the user
    void vscode.window
      .showInformationMessage(
        'SNN Energy: spike rates of this model content with these settings are already measured; diagnostics use them.',
        show,
      )
      .then((pick) => (pick === show ? showResults(models, extensionUri, file) : undefined));
    return;
  }
  const name = file.path.split('/').pop();
  const t0 = Date.now();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `SNN Energy: simulating ${name}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress.report({ message: 'converting the ANN and calibrating thresholds…' });
      let last = 0;
      return simulateFile(
        file.fsPath,
        { ...options, ...resources, workerPath: vscode.Uri.joinPath(extensionUri, 'dist', 'sim-worker.js').fsPath },
        {
          signal: abort.signal,
          onProgress: (p) => {
            const done = p.fraction * 100;
            progress.report({
              message: `${describeProgress(p)} · ${((Date.now() - t0) / 1000).toFixed(0)} s`,
              increment: done - last,
            });
            last = done;
          },
        },
      );
    },
  );
  if ('error' in result) {
    if (result.error === 'cancelled')
      void vscode.window.showInformationMessage(
        `SNN Energy: simulation of ${plainName(name ?? 'the model')} stopped after ${((Date.now() - t0) / 1000).toFixed(1)} s; nothing was measured or changed.`,
      );
    else void vscode.window.showErrorMessage(`SNN Energy: ${plainName(result.error, 500)}`);
    return;
  }
  const json = simulationJson(result);
  const record: SimulationRecord = {
    ...json,
    model: name ?? json.model,
    sha256: hash,
    optionsKey: key,
    measuredAt: new Date().toISOString(),
  };
  await models.cache.keep(file, record);
  const measured = await models.cache.ratesFor(file);
  if (measured) await models.applyMeasured(file, measured.rates);
  const where = models.cache.store?.where(file) ?? 'memory (this window)';
  showSimulationResults(extensionUri, file, record, where);
  void vscode.window.showInformationMessage(
    `SNN Energy: measured the spike rates of ${result.layers.length} layers in ${(result.wallMs / 1000).toFixed(1)} s; diagnostics updated, results kept in ${where}.`,
  );
}

/** `snnEnergy.showSimulationResults`: the last simulation of the model's current content, if any. */
export async function showResults(models: ModelService, extensionUri: vscode.Uri, uri?: vscode.Uri): Promise<void> {
  const file = uri && isOnnxFile(uri) ? uri : models.current?.uri;
  const record = file && isOnnxFile(file) ? await models.cache.recordFor(file) : undefined;
  if (!file || !record) {
    void vscode.window.showInformationMessage(
      'SNN Energy: no simulation of this model content yet; run "SNN Energy: Simulate Spiking Activity".',
    );
    return;
  }
  showSimulationResults(extensionUri, file, record, models.cache.store?.where(file) ?? 'memory (this window)');
}
