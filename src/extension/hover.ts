import * as vscode from 'vscode';
import type { ModelService } from './model-service';
import { fileOfTextView } from './onnx-uri';
import { ONNX_TEXT_SCHEME } from './commands';

/**
 * Hover on a layer's name or type in a spec, or on its node line in the ONNX text view: the model worker
 * finds the layer whose range (core's, in that document's offsets) holds the cursor and writes its hover.
 */
export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly models: ModelService) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const file = doc.uri.scheme === ONNX_TEXT_SCHEME ? fileOfTextView(doc.uri) : doc.uri;
    const entry = this.models.entry(file);
    // a spec's offsets are those of the text the worker analyzed: no hover from an older text
    if (!entry || (entry.digest.docVersion !== undefined && entry.digest.docVersion !== doc.version)) return undefined;
    const version = doc.version;
    const h = await this.models.value({
      type: 'hover',
      key: file.toString(),
      offset: doc.offsetAt(pos),
      selected: this.models.selectedArchitecture,
    });
    if (!h || doc.version !== version) return undefined;
    const content = new vscode.MarkdownString(h.markdown);
    content.supportHtml = false;
    content.isTrusted = false;
    return new vscode.Hover(content, new vscode.Range(doc.positionAt(h.start), doc.positionAt(h.end)));
  }
}
