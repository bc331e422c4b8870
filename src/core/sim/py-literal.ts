/**
 * The subset of Python literals a .npy header uses: dicts with string keys, strings ('…' or "…"),
 * integers, True/False/None, and tuples or lists of them; trailing commas allowed. Enough to read a
 * header exactly instead of guessing at it with regular expressions.
 */
export type PyValue =
  | { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, PyValue> }
  | { readonly kind: 'tuple'; readonly items: readonly PyValue[] }
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' };

class Bad extends Error {}

export function parsePyLiteral(text: string): { value: PyValue } | { error: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const expect = (c: string) => {
    ws();
    if (text[i] !== c) throw new Bad(`expected '${c}' at ${i}`);
    i++;
  };
  const sequence = <T>(close: string, item: () => T): T[] => {
    const out: T[] = [];
    for (ws(); text[i] !== close; ws()) {
      out.push(item());
      ws();
      if (text[i] === ',') i++;
      else if (text[i] !== close) throw new Bad(`expected ',' or '${close}' at ${i}`);
    }
    i++;
    return out;
  };
  const value = (): PyValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const pairs = sequence('}', () => {
        const k = value();
        if (k.kind !== 'str') throw new Bad(`dict key at ${i} is not a string`);
        expect(':');
        return [k.value, value()] as const;
      });
      return { kind: 'dict', entries: new Map(pairs) };
    }
    if (c === '(' || c === '[') {
      i++;
      return { kind: 'tuple', items: sequence(c === '(' ? ')' : ']', value) };
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new Bad(`unterminated string at ${i}`);
      const s = text.slice(i + 1, end);
      i = end + 1;
      return { kind: 'str', value: s };
    }
    const word = /^(-?\d+)L?|^(True|False|None)\b/.exec(text.slice(i));
    if (!word) throw new Bad(`unexpected '${c ?? 'end of text'}' at ${i}`);
    i += word[0].length;
    if (word[1] !== undefined) return { kind: 'int', value: Number(word[1]) };
    return word[2] === 'None' ? { kind: 'none' } : { kind: 'bool', value: word[2] === 'True' };
  };
  try {
    const v = value();
    ws();
    if (i !== text.length) throw new Bad(`unexpected text after the literal at ${i}`);
    return { value: v };
  } catch (e) {
    if (e instanceof Bad) return { error: e.message };
    throw e;
  }
}
