/** A JSON syntax error (a spec's `json-syntax`, an architecture file's syntax `invalid-architecture`). */
export const isJsonSyntax = (p: { readonly code: string; readonly message: string }): boolean =>
  p.code === 'json-syntax' || p.message.startsWith('JSON syntax error');
