import {
  findNodeAtLocation,
  findNodeAtOffset,
  getNodePath,
  modify,
  parseTree,
  type Edit,
  type JSONPath,
} from 'jsonc-parser';
import type { ProblemFix } from '../ir';

/**
 * The edit that sets `path` to `value` in a JSON layer spec, keeping the user's layout: an existing
 * value is replaced in place; a new property in a one-line object goes on that line
 * (`{ "name": "fc", "execution": "qnn" }`); otherwise jsonc-parser's modify formats it.
 */
export function setProperty(text: string, path: JSONPath, value: unknown): Edit[] {
  const root = parseTree(text);
  if (!root) return [];
  const existing = findNodeAtLocation(root, path);
  if (existing) return [{ offset: existing.offset, length: existing.length, content: JSON.stringify(value) }];
  const parent = findNodeAtLocation(root, path.slice(0, -1));
  if (parent?.type === 'object') {
    const body = text.slice(parent.offset, parent.offset + parent.length);
    if (!body.includes('\n')) {
      const last = parent.children?.[parent.children.length - 1];
      const at = last ? last.offset + last.length : parent.offset + 1;
      const prop = `${JSON.stringify(path[path.length - 1])}: ${JSON.stringify(value)}`;
      return [{ offset: at, length: 0, content: last ? `, ${prop}` : ` ${prop} ` }];
    }
  }
  return modify(text, path, value, {
    formattingOptions: { insertSpaces: true, tabSize: 2 },
    getInsertionIndex: (props) => (props.includes('layers') ? props.indexOf('layers') : props.length),
  });
}

/** The edits of a problem's fix: a replaced span, or a property added to the object at `insert.object`. */
export function fixEdits(text: string, fix: ProblemFix): Edit[] {
  if (fix.replace) {
    const { range, text: content } = fix.replace;
    return [{ offset: range.start, length: range.end - range.start, content }];
  }
  if (!fix.insert) return [];
  const root = parseTree(text);
  const node = root && findNodeAtOffset(root, fix.insert.object, true);
  const object = node?.type === 'object' ? node : node?.parent?.type === 'object' ? node.parent : undefined;
  if (!root || !object || object.offset !== fix.insert.object) return [];
  return setProperty(text, [...getNodePath(object), fix.insert.key], fix.insert.value);
}

/** Every safe fix of a file at once ("fix all"), as non-overlapping edits; the first of overlapping ones wins. */
export function fixAllEdits(text: string, fixes: readonly ProblemFix[]): Edit[] {
  const edits = fixes
    .filter((f) => f.safe)
    .flatMap((f) => fixEdits(text, f))
    .sort((a, b) => a.offset - b.offset);
  const out: Edit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (!last || e.offset >= last.offset + last.length) out.push(e);
  }
  return out;
}
