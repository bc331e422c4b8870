import { findNodeAtLocation, modify, parseTree, type Edit, type JSONPath } from 'jsonc-parser';

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
