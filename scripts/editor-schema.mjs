// The schemas VS Code's JSON language service gets for *.layers.json and *.arch.json: the same properties,
// descriptions and value lists (completion and hover), with no constraint left that could fail (validation is
// ours: one report per problem). Comments and trailing commas are allowed, as the parsers allow them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Keywords that only constrain: dropped. `type`, `enum` and `const` move into an `anyOf` with an always-true branch. */
const CONSTRAINTS = new Set([
  'required',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'pattern',
  'uniqueItems',
  'multipleOf',
  'not',
]);

export function permissive(schema, inIf = false) {
  if (Array.isArray(schema)) return schema.map((s) => permissive(s, inIf));
  if (!schema || typeof schema !== 'object') return schema;
  if (inIf) return schema; // `if` only selects which `then` applies; it reports nothing
  const out = {};
  const choices = {};
  for (const [k, v] of Object.entries(schema)) {
    if (CONSTRAINTS.has(k)) continue;
    if (k === 'additionalProperties' && v === false) continue;
    if (k === 'type' || k === 'enum' || k === 'const') choices[k] = v;
    else if (k === 'if') out.if = v;
    // every branch accepts anything now: "exactly one" would fail, "any" cannot
    else if (k === 'oneOf') out.anyOf = [...(out.anyOf ?? []), ...permissive(v)];
    else if (k === 'properties' || k === 'definitions' || k === 'patternProperties')
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, permissive(s)]));
    else if (typeof v === 'object' && v !== null && k !== 'examples' && k !== 'default' && k !== 'defaultSnippets')
      out[k] = permissive(v);
    else out[k] = v;
  }
  if (Object.keys(choices).length) out.anyOf = [...(out.anyOf ?? []), choices, {}];
  return out;
}

/** Writes dist/schemas/<name>.editor.schema.json for each schema the manifest associates. */
export function writeEditorSchemas(root) {
  const dir = join(root, 'dist/schemas');
  mkdirSync(dir, { recursive: true });
  for (const name of ['layer-spec', 'architecture']) {
    const strict = JSON.parse(readFileSync(join(root, `schemas/${name}.schema.json`), 'utf8'));
    const loose = { ...permissive(strict), allowComments: true, allowTrailingCommas: true };
    delete loose.$id;
    writeFileSync(join(dir, `${name}.editor.schema.json`), JSON.stringify(loose, null, 1));
  }
}
