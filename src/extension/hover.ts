import * as vscode from 'vscode';
import { layerHover, plainLayerHover } from '../core/report/hover';
import type { ModelEntry, ModelService } from './model-service';
import { fileOfTextView } from './onnx-uri';
import { ONNX_TEXT_SCHEME } from './commands';

/** Hover on a layer's name or type in a spec, or on its node line in the ONNX text view. */
export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly models: ModelService) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const onnx = doc.uri.scheme === ONNX_TEXT_SCHEME;
    const entry = this.models.entry(onnx ? fileOfTextView(doc.uri) : doc.uri);
    if (!entry) return undefined;
    const found = onnx ? this.nodeAt(entry, doc, pos) : this.specLayerAt(entry, doc, pos);
    if (!found) return undefined;
    const [name, range] = found;
    const layer = entry.network.layers.find((l) => l.name === name)!;
    const md =
      layerHover(entry.analysis, name, entry.selectedArchitecture) ??
      plainLayerHover(
        name,
        layer.op,
        layer.outputShape,
        layer.notCosted,
        layer.elementOps ? { ops: layer.elementOps, approximation: layer.approximation } : undefined,
      );
    const content = new vscode.MarkdownString(md);
    content.supportHtml = false;
    content.isTrusted = false;
    return new vscode.Hover(content, range);
  }

  private specLayerAt(
    entry: ModelEntry,
    doc: vscode.TextDocument,
    pos: vscode.Position,
  ): [string, vscode.Range] | undefined {
    const offset = doc.offsetAt(pos);
    for (const l of entry.network.layers)
      for (const r of [l.nameRange, l.typeRange])
        if (r && offset >= r.start && offset <= r.end)
          return [l.name, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end))];
    return undefined;
  }

  private nodeAt(
    entry: ModelEntry,
    doc: vscode.TextDocument,
    pos: vscode.Position,
  ): [string, vscode.Range] | undefined {
    const offset = doc.offsetAt(pos);
    for (const [name, r] of entry.onnx?.text.nodeRanges ?? [])
      if (offset >= r.start && offset <= r.end)
        return [name, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end))];
    return undefined;
  }
}
