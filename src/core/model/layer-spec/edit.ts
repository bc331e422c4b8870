import {
  findNodeAtLocation,
  findNodeAtOffset,
  getNodePath,
  modify,
  parseTree,
  type Edit,
  type JSONPath,
  type Node,
} from 'jsonc-parser';
import type { ProblemFix } from '../ir';

/**
 * The edit that sets `path` to `value` in a JSON layer spec, keeping the user's layout: an existing
 * value is replaced in place; a new property in a one-line object goes on that line
 * (`{ "name": "fc", "execution": "qnn" }`); otherwise jsonc-parser's modify formats it.
 */
export function setProperty(text: string, path: JSONPath, value: unknown): Edit[] {
  const root = treeOf(text);
  if (!root) return [];
  const existing = findNodeAtLocation(root, path);
  if (existing) return [{ offset: existing.offset, length: existing.length, content: JSON.stringify(value) }];
  const parent = findNodeAtLocation(root, path.slice(0, -1));
  if (parent?.type === 'object') {
    const last = parent.children?.[parent.children.length - 1];
    const prop = `${JSON.stringify(path[path.length - 1])}: ${JSON.stringify(value)}`;
    const body = text.slice(parent.offset, parent.offset + parent.length);
    if (!body.includes('\n')) {
      const at = last ? last.offset + last.length : parent.offset + 1;
      return [{ offset: at, length: 0, content: last ? `, ${prop}` : ` ${prop} ` }];
    }
    // a multi-line object whose last property starts its own line: the new one goes after it, indented alike
    // (what modify below would write, without parsing the whole text again for every fix of a "fix all")
    const keys = (parent.children ?? []).map((c) => String(c.children?.[0]?.value));
    if (last && insertionIndex(keys) === keys.length) {
      const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
      const indent = text.slice(lineStart, last.offset);
      if (/^[ \t]*$/.test(indent))
        return [{ offset: last.offset + last.length, length: 0, content: `,\n${indent}${prop}` }];
    }
  }
  return modify(text, path, value, {
    formattingOptions: { insertSpaces: true, tabSize: 2 },
    getInsertionIndex: insertionIndex,
  });
}

/** Where a new property goes among an object's keys: before "layers" (settings stay above the list), else last. */
function insertionIndex(keys: string[]): number {
  return keys.includes('layers') ? keys.indexOf('layers') : keys.length;
}

/** The parse tree of the last text asked about: a fix-all's many fixes, and one request's actions, share one parse. */
let parsed: { text: string; root: Node | undefined } | undefined;
function treeOf(text: string): Node | undefined {
  if (parsed?.text !== text) parsed = { text, root: parseTree(text) };
  return parsed.root;
}

/** The edits of a problem's fix: a replaced span, or a property added to the object at `insert.object`. */
export function fixEdits(text: string, fix: ProblemFix): Edit[] {
  if (fix.replace) {
    const { range, text: content } = fix.replace;
    return [{ offset: range.start, length: range.end - range.start, content }];
  }
  if (!fix.insert) return [];
  const root = treeOf(text);
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
