import * as vscode from 'vscode';
import { plainName } from '../core/report/sanitize';
import type { ReportFormat } from '../core/report/format';
import { withoutModelExtension } from '../core/model/model-name';
import type { ModelService } from './model-service';

const FORMATS: { format: ReportFormat; label: string; ext: string }[] = [
  { format: 'json', label: 'JSON report', ext: 'json' },
  { format: 'csv', label: 'CSV (one row per architecture and layer)', ext: 'csv' },
  { format: 'markdown', label: 'Markdown', ext: 'md' },
  { format: 'sarif', label: 'SARIF 2.1.0 (code scanning)', ext: 'sarif' },
  { format: 'netron', label: "Netron attachment (per-node energy in Netron's sidebar)", ext: 'attachment.json' },
];

/** Export the active model's report on every architecture, in the format the user picks. */
export async function exportReport(models: ModelService, version: string): Promise<void> {
  const m = models.current;
  if (!m) {
    void vscode.window.showInformationMessage('SNN Energy: open a layer spec or an ONNX model first.');
    return;
  }
  const pick = await vscode.window.showQuickPick(
    FORMATS.map((f) => ({ label: f.label, f })),
    { title: 'SNN Energy: Export Report' },
  );
  if (!pick) return;
  const base = withoutModelExtension(m.uri.path);
  const target = await vscode.window.showSaveDialog({
    defaultUri: m.uri.with({ path: `${base}.energy.${pick.f.ext}` }),
    filters: { [pick.f.label]: [pick.f.ext.split('.').pop()!] },
  });
  if (!target) return;
  // findings' ranges are offsets in the spec, or in the ONNX model's text view: the worker holds both
  const out = await models.value({
    type: 'export',
    key: m.uri.toString(),
    format: pick.f.format,
    source: vscode.workspace.asRelativePath(m.uri),
    toolVersion: version,
    // a local file is written by the worker; the bytes of another come back, moved, not copied
    target: target.scheme === 'file' ? target.fsPath : undefined,
  });
  if (out === undefined) {
    void vscode.window.showWarningMessage(
      'SNN Energy: no report, the model is no longer analyzed (see the SNN Energy log).',
    );
    return;
  }
  if (out.data) await vscode.workspace.fs.writeFile(target, out.data);
  void vscode.window.showInformationMessage(
    `SNN Energy: report written to ${plainName(vscode.workspace.asRelativePath(target))}`,
  );
}
