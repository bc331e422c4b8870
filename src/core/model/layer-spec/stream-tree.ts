import { visit, type Node as JsonNode, type ParseError } from 'jsonc-parser';

/** What the stream tells its reader about the root object's "layers" array. */
export interface LayerStream {
  /**
   * The root's "layers" array begins; `root` holds every property before it. Return true to receive
   * its elements one at a time through `element` instead of finding them in the tree.
   */
  begin(root: JsonNode): boolean;
  /** One complete element of "layers", in order; it is not kept in the tree. */
  element(node: JsonNode): void;
  /** A key seen a second time in one object: the first key's offset, and the second's offset and length. */
  duplicateKey?(name: string, firstOffset: number, offset: number, length: number): void;
}

type Mutable = { -readonly [K in keyof JsonNode]: JsonNode[K] } & { children?: JsonNode[] };

/**
 * jsonc-parser's `visit` events into the same node tree `parseTree` gives (type, offset, length,
 * value, children, colonOffset; no parent links), except that the elements of the root's "layers"
 * array can be streamed: each is handed over when complete and then dropped, so a large spec never
 * holds the tree of all its layers at once (what a re-lint of a 1,000-layer spec spends its time on
 * otherwise is the garbage collector copying that tree). Never throws; syntax errors go to `errors`.
 */
export function streamTree(
  text: string,
  errors: ParseError[],
  layers: LayerStream,
  options = { allowTrailingComma: true, disallowComments: false },
): JsonNode | undefined {
  const holder: Mutable = { type: 'array', offset: -1, length: -1, children: [] };
  const stack: Mutable[] = [holder];
  // each open object's keys (first offset), made on its first property: O(1) per key, however many
  const keys: (Map<string, number> | undefined)[] = [];
  /** The "layers" array whose elements are streamed, while it is open. */
  let streaming: Mutable | undefined;
  let claimed = false;
  const top = () => stack[stack.length - 1];
  // a property ends with its value (or at the next separator or closing brace when the value is missing)
  const endProperty = (end: number) => {
    const p = top();
    if (p.type === 'property') {
      p.length = end - p.offset;
      stack.pop();
    }
  };
  const place = (node: Mutable) => {
    const parent = top();
    if (parent !== streaming) parent.children!.push(node);
  };
  const finished = (node: Mutable, end: number) => {
    if (streaming && top() === streaming) layers.element(node);
    endProperty(end);
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => {
        const node: Mutable = { type: 'object', offset, length: -1, children: [] };
        place(node);
        stack.push(node);
        keys.push(undefined);
      },
      onObjectProperty: (name, offset, length) => {
        const seen = (keys[keys.length - 1] ??= new Map());
        const first = seen.get(name);
        if (first === undefined) seen.set(name, offset);
        else layers.duplicateKey?.(name, first, offset, length);
        const node: Mutable = { type: 'property', offset, length: -1, children: [] };
        top().children!.push(node);
        node.children!.push({ type: 'string', value: name, offset, length });
        stack.push(node);
      },
      onObjectEnd: (offset, length) => {
        endProperty(offset + length); // a property without a value ends here
        keys.pop();
        const node = stack.pop()!;
        node.length = offset + length - node.offset;
        finished(node, offset + length);
      },
      onArrayBegin: (offset) => {
        const node: Mutable = { type: 'array', offset, length: -1, children: [] };
        // the root object's "layers": [holder, root, property "layers"] on the stack
        const p = top();
        const isLayers = !claimed && stack.length === 3 && p.type === 'property' && p.children![0].value === 'layers';
        place(node);
        stack.push(node);
        if (isLayers) {
          claimed = true;
          if (layers.begin(stack[1])) streaming = node;
        }
      },
      onArrayEnd: (offset, length) => {
        const node = stack.pop()!;
        node.length = offset + length - node.offset;
        if (node === streaming) streaming = undefined;
        finished(node, offset + length);
      },
      onLiteralValue: (value: unknown, offset, length) => {
        const type = value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
        const node: Mutable = { type, value, offset, length };
        place(node);
        finished(node, offset + length);
      },
      onSeparator: (sep, offset) => {
        const p = top();
        if (p.type !== 'property') return;
        if (sep === ':') p.colonOffset = offset;
        else if (sep === ',') endProperty(offset);
      },
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    options,
  );
  // a layer left open at the end of a broken text is still handed over, as parseTree would keep it
  if (streaming) {
    const open = stack[stack.indexOf(streaming) + 1];
    if (open) layers.element(open);
  }
  return holder.children![0];
}
