import type { Node as JsonNode } from 'jsonc-parser';
import type { FindingCode, Problem, ProblemFix, TextRange } from '../ir';
import { closest } from './suggest';

/** Largest whole number a spec field takes (channels, kernel, stride, padding, …): far above any real layer. */
export const MAX_INT = 2 ** 31 - 1;

/** Small typed accessors over jsonc-parser's tree that report located problems instead of throwing. */
export class Fields {
  constructor(
    readonly node: JsonNode,
    private readonly problems: Problem[],
    private whatText: string,
    private layer?: string,
  ) {}

  /** From here on, problems belong to layer `name` (and messages call it `layer "name"`). */
  forLayer(name: string): this {
    this.layer = name;
    this.whatText = '';
    return this;
  }

  private get what(): string {
    return this.whatText || `layer "${this.layer}"`;
  }

  value(key: string): JsonNode | undefined {
    for (const p of this.node.children ?? []) if (p.children?.[0]?.value === key) return p.children[1];
    return undefined;
  }

  keys(): { key: string; node: JsonNode }[] {
    return (this.node.children ?? []).flatMap((p) =>
      p.children?.[0] ? [{ key: String(p.children[0].value), node: p.children[0] }] : [],
    );
  }

  problem(code: FindingCode, message: string, at: JsonNode | undefined = this.node, fix?: ProblemFix): void {
    this.problems.push({
      code,
      severity: 'error',
      message,
      range: rangeOf(at),
      layer: this.layer,
      ...(fix && { fix }),
    });
  }

  /** A missing field, with the example value the message proposes as its fix. */
  private missing(key: string, shown: string, example: unknown): void {
    const fix = {
      title: `Add "${key}": ${JSON.stringify(example)}`,
      safe: false,
      insert: { object: this.node.offset, key, value: example },
    };
    this.problem('missing-field', `${this.what} needs "${key}": add "${key}": ${shown}`, this.node, fix);
  }

  string(key: string, required: true): string | undefined;
  string(key: string, required?: false): string | undefined;
  string(key: string, required = false): string | undefined {
    const v = this.value(key);
    if (!v) {
      if (required) this.problem('missing-field', `${this.what} needs "${key}": add "${key}": "…"`);
      return undefined;
    }
    if (v.type !== 'string') return this.wrong(key, v, 'a string');
    return v.value as string;
  }

  /** An integer ≥ min, or undefined (with a problem when present but wrong). */
  int(
    key: string,
    opts: { min?: number; max?: number; required?: boolean; example?: number } = {},
  ): number | undefined {
    const v = this.value(key);
    const min = opts.min ?? 1;
    if (!v) {
      if (opts.required) this.missing(key, String(opts.example ?? min), opts.example ?? min);
      return undefined;
    }
    if (v.type !== 'number' || !Number.isInteger(v.value)) return this.wrong(key, v, `a whole number ≥ ${min}`);
    return this.inRange(key, v, v.value as number, min, opts.max ?? MAX_INT);
  }

  /** A number in [min, max]. */
  number(key: string, min: number, max: number, code: FindingCode = 'invalid-field'): number | undefined {
    const v = this.value(key);
    if (!v) return undefined;
    if (v.type !== 'number') return this.wrong(key, v, `a number from ${min} to ${max}`);
    const x = v.value as number;
    if (!(x >= min && x <= max)) {
      const h = hint(key, x);
      this.problem(
        code,
        `"${key}" is ${x}, outside [${min}, ${max}]: write a number from ${min} to ${max}${h ? ` (a rate of ${x}% is written ${h})` : ''}`,
        v,
        h ? replaceWith(v, h, `Write ${key} ${x}% as ${h}`, true) : undefined,
      );
      return undefined;
    }
    return x;
  }

  /** An integer or a list of `n` integers (kernel: 3 or [3, 5]); returns `n` numbers. */
  ints(
    key: string,
    n: number,
    opts: { min?: number; required?: boolean; fallback?: number[] } = {},
  ): number[] | undefined {
    const v = this.value(key);
    const min = opts.min ?? 1;
    if (!v) {
      if (opts.required) this.missing(key, '3 (or [3, 3])', 3);
      return opts.fallback;
    }
    if (v.type === 'number' && Number.isInteger(v.value)) {
      const x = this.inRange(key, v, v.value as number, min, MAX_INT);
      return x === undefined ? undefined : new Array<number>(n).fill(x);
    }
    const items = v.type === 'array' ? (v.children ?? []) : [];
    if (
      v.type === 'array' &&
      items.length === n &&
      items.every((c) => c.type === 'number' && Number.isInteger(c.value))
    ) {
      const xs = items.map((c) => this.inRange(key, c, c.value as number, min, MAX_INT));
      return xs.every((x) => x !== undefined) ? (xs as number[]) : undefined;
    }
    return this.wrong(key, v, `a whole number ≥ ${min} or a list of ${n} of them`);
  }

  bool(key: string): boolean | undefined {
    const v = this.value(key);
    if (!v) return undefined;
    if (v.type !== 'boolean') return this.wrong(key, v, 'true or false');
    return v.value as boolean;
  }

  /** One of a fixed set of strings. */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.value(key);
    if (!v) return undefined;
    if (v.type !== 'string' || !allowed.includes(v.value as T)) {
      const guess = v.type === 'string' ? closest(v.value as string, allowed) : undefined;
      const fix = guess ? replaceWith(v, JSON.stringify(guess), `Change to "${guess}"`, true) : undefined;
      return this.wrong(
        key,
        v,
        allowed.map((a) => `"${a}"`).join(' or ') + (guess ? ` (did you mean "${guess}"?)` : ''),
        fix,
      );
    }
    return v.value as T;
  }

  private inRange(key: string, at: JsonNode, x: number, min: number, max?: number): number | undefined {
    if (x < min || (max !== undefined && x > max)) {
      const bound = max === undefined || (max === MAX_INT && x < min) ? `≥ ${min}` : `from ${min} to ${max}`;
      this.problem('invalid-field', `"${key}" is ${x}: write a whole number ${bound}`, at);
      return undefined;
    }
    return x;
  }

  private wrong(key: string, at: JsonNode, expected: string, fix?: ProblemFix): undefined {
    this.problem('invalid-field', `"${key}" must be ${expected}, not ${describe(at)}`, at, fix);
    return undefined;
  }
}

/** A rate written as a percentage (12 for 0.12): the rate it stands for, as JSON text. */
function hint(key: string, x: number): string {
  return (key === 'spikeRate' || key === 'sparsity') && x > 1 && x <= 100 ? (x / 100).toString() : '';
}

/** The fix that replaces a node's text. */
export function replaceWith(n: JsonNode, text: string, title: string, safe: boolean): ProblemFix {
  return { title, safe, replace: { range: rangeOf(n)!, text } };
}

export function describe(n: JsonNode): string {
  switch (n.type) {
    case 'string':
      return `the string "${String(n.value).slice(0, 40)}"`;
    case 'number':
    case 'boolean':
      return String(n.value);
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return n.type;
  }
}

export function rangeOf(n: JsonNode | undefined): TextRange | undefined {
  return n ? { start: n.offset, end: n.offset + n.length } : undefined;
}
