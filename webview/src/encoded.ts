import type { Encoded } from '../../src/shared/protocol';

const utf8 = new TextDecoder();

/** A message as the host sent it, or the one the model worker wrote as UTF-8 JSON (`encoded`), parsed here. */
export function decoded<T extends { readonly type: string }>(m: T): Exclude<T, Encoded> {
  if (m.type !== 'encoded') return m as Exclude<T, Encoded>;
  return JSON.parse(utf8.decode((m as unknown as Encoded).bytes)) as Exclude<T, Encoded>;
}
