// TEMPORARY until the ONNX reader lands (same session): replaced by the real loader.
import type { Network, Problem } from '../core/model/ir';
import { InputError } from './load';
export function loadOnnx(path: string, _opts: unknown): { network: Network | undefined; problems: Problem[] } {
  throw new InputError(`${path}: ONNX reading is not wired yet`);
}
