import * as vscode from 'vscode';
import { layerHover, plainLayerHover } from '../core/report/hover';
import type { ModelService } from './model-service';
import { fileOfTextView } from './onnx-uri';
import { ONNX_TEXT_SCHEME } from './commands';

/**
 * Hover on a layer's name or type in a spec, or on its node line in the ONNX text view: the layer whose
 * range (core's, in that document's offsets) holds the cursor.
 */
export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly models: ModelService) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const entry = this.models.entry(doc.uri.scheme === ONNX_TEXT_SCHEME ? fileOfTextView(doc.uri) : doc.uri);
    if (!entry) return undefined;
    const offset = doc.offsetAt(pos);
    for (const layer of entry.network.layers)
      for (const r of [layer.nameRange, layer.typeRange])
        if (r && offset >= r.start && offset <= r.end) {
          const md =
            layerHover(entry.analysis, layer.name, this.models.selectedArchitecture) ??
            plainLayerHover(
              layer.name,
              layer.op,
              layer.outputShape,
              layer.notCosted,
              layer.elementOps ? { ops: layer.elementOps, approximation: layer.approximation } : undefined,
            );
          const content = new vscode.MarkdownString(md);
          content.supportHtml = false;
          content.isTrusted = false;
          return new vscode.Hover(content, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)));
        }
    return undefined;
  }
}
