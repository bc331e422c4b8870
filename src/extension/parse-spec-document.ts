import type { Network, ParseResult } from '../core/model/ir';
import { parseLayerSpec } from '../core/model/layer-spec/parse';
import { modelName } from '../core/model/model-name';
import type { FileLimit } from '../node/file-source';

/**
 * A spec document's parse (in the model worker): refused whole (one problem naming the setting) above the
 * size limit, and a parser failure becomes a problem too, so stale diagnostics never outlive an edit.
 */
export function parseSpecText(
  text: string,
  path: string,
  limit: FileLimit,
  onError: (e: unknown) => void,
): ParseResult<Network> {
  const refuse = (message: string): ParseResult<Network> => ({
    value: undefined,
    problems: [{ code: 'json-syntax', severity: 'error', message, range: { start: 0, end: 0 } }],
  });
  if (text.length > limit.maxBytes)
    return refuse(
      `this spec is ${(text.length / 2 ** 20).toFixed(1)} MB, over the ${(limit.maxBytes / 2 ** 20).toFixed(1)} MB limit: not linted (raise it with ${limit.raiseWith})`,
    );
  try {
    return parseLayerSpec(text, modelName(path));
  } catch (e) {
    onError(e);
    return refuse(`this spec could not be read (${(e as Error).message}); see the SNN Energy log`);
  }
}
