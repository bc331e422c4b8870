/**
 * A lookup of a user-supplied key in a table: only the table's own entries, never what an object
 * inherits (a layer type "constructor" or an op type "toString" is unknown, not Object's function).
 */
export function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
