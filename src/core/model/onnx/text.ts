import type { Layer, Network, Problem, TextRange } from '../ir';
import { nodeLayerNames } from './names';
import type { AttributeValue, Dim, OnnxGraph, OnnxModel, OnnxNode, TensorInfo, ValueInfo } from './types';

export interface OnnxText {
  readonly text: string;
  /** Layer name → its node's line (the whole line). */
  readonly nodeRanges: Map<string, TextRange>;
  /** Initializer name → its line. */
  readonly initializerRanges: Map<string, TextRange>;
}

const TYPE_NAMES = [
  'undefined',
  'float',
  'uint8',
  'int8',
  'uint16',
  'int16',
  'int32',
  'int64',
  'string',
  'bool',
  'float16',
  'double',
  'uint32',
  'uint64',
  'complex64',
  'complex128',
  'bfloat16',
  'float8e4m3fn',
  'float8e4m3fnuz',
  'float8e5m2',
  'float8e5m2fnuz',
  'uint4',
  'int4',
];

export function typeName(t: number | undefined): string {
  return (t !== undefined && TYPE_NAMES[t]) || 'float';
}

/**
 * The model in ONNX's textual syntax (onnx/docs/Syntax.md: the format of onnx.printer / onnx.parser):
 * a header with ir_version and opset_import, the graph signature, initializers summarized by type
 * and shape (never their values), then one node per line. Layer names stand in a comment at the end
 * of each node line. Returns where every node and initializer is, for squiggles and hovers.
 */
export function renderOnnxText(model: OnnxModel, network?: Network): OnnxText {
  const lines: string[] = [];
  const nodeRanges = new Map<string, TextRange>();
  const initializerRanges = new Map<string, TextRange>();
  let offset = 0;
  const push = (line: string): TextRange => {
    lines.push(line);
    const r = { start: offset, end: offset + line.length };
    offset += line.length + 1;
    return r;
  };
  const opsets = [...model.opsets].map(([d, v]) => `${JSON.stringify(d)} : ${v}`).join(', ');
  push('<');
  push(`   ir_version: ${model.irVersion},`);
  push(`   opset_import: [${opsets}]${model.producerName ? ',' : ''}`);
  if (model.producerName) push(`   producer_name: ${JSON.stringify(model.producerName)}`);
  push('>');
  const g = model.graph;
  const initNames = new Set(g.initializers.map((t) => t.name));
  const inputs = g.inputs.filter((v) => !initNames.has(v.name));
  push(
    `${ident(g.name || 'main_graph')} (${inputs.map(valueInfo).join(', ')}) => (${g.outputs.map(valueInfo).join(', ')})`,
  );
  if (g.initializers.length) {
    push('   <');
    g.initializers.forEach((t, i) =>
      initializerRanges.set(t.name, push(`      ${tensorDecl(t, i < g.initializers.length - 1 ? ',' : '')}`)),
    );
    push('   >');
  }
  push('{');
  const names = nodeLayerNames(g.nodes);
  const byNode = new Map(network?.layers.filter((l) => l.nodeIndex !== undefined).map((l) => [l.nodeIndex!, l.name]));
  g.nodes.forEach((n, i) => nodeRanges.set(byNode.get(i) ?? names[i], push(`   ${nodeLine(n, '   ')}  # ${names[i]}`)));
  push('}');
  return { text: lines.join('\n') + '\n', nodeRanges, initializerRanges };
}

/**
 * The network with every layer and every layer problem placed on its node's line of the text view
 * (from the first non-blank character to the end of the line): ONNX findings then carry ranges in
 * the text view's offsets, as spec findings carry ranges in the spec's.
 */
export function placeOnText(net: Network, text: OnnxText): Network {
  const at = (name: string | undefined): TextRange | undefined => {
    const line = name === undefined ? undefined : text.nodeRanges.get(name);
    if (!line) return undefined;
    let start = line.start;
    while (start < line.end && /\s/.test(text.text[start])) start++;
    return { start, end: line.end };
  };
  const layers = net.layers.map((l): Layer => {
    const r = at(l.name);
    return r ? { ...l, range: r, nameRange: r } : l;
  });
  const problems = net.problems.map((p): Problem => {
    const r = p.range ?? at(p.layer);
    return r ? { ...p, range: r } : p;
  });
  return { ...net, layers, problems };
}

/** Names that are not plain identifiers are quoted. */
function ident(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_./:-]*$/.test(name) ? name : JSON.stringify(name);
}

function dims(shape: readonly Dim[] | undefined): string {
  if (!shape) return '';
  return `[${shape.map((d) => (d === undefined ? '?' : String(d))).join(',')}]`;
}

function valueInfo(v: ValueInfo): string {
  return `${typeName(v.elemType)}${dims(v.shape)} ${ident(v.name)}`;
}

function tensorDecl(t: TensorInfo, comma: string): string {
  const where =
    t.payload?.kind === 'external'
      ? `external: ${JSON.stringify(t.payload.location ?? '')}`
      : `${t.payload?.length ?? 0} bytes`;
  return `${typeName(t.dataType)}${dims(t.dims)} ${ident(t.name)}${comma}  # ${where}`;
}

function nodeLine(n: OnnxNode, indent: string): string {
  const outs = n.outputs.map(ident).join(', ');
  const op = n.domain ? `${n.domain}.${n.opType}` : n.opType;
  const attrs = [...n.attributes].map(([k, a]) => `${k}: ${attribute(a, indent)}`);
  return `${outs} = ${op}${attrs.length ? ` <${attrs.join(', ')}>` : ''} (${n.inputs.map((x) => (x ? ident(x) : '')).join(', ')})`;
}

function attribute(a: AttributeValue, indent: string): string {
  switch (a.type) {
    case 'int':
      return `int = ${a.value}`;
    case 'float':
      return `float = ${num(a.value)}`;
    case 'string':
      return `string = ${JSON.stringify(a.value)}`;
    case 'ints':
      return `ints = [${a.value.join(', ')}]`;
    case 'floats':
      return `floats = [${a.value.map(num).join(', ')}]`;
    case 'strings':
      return `strings = [${a.value.map((s) => JSON.stringify(s)).join(', ')}]`;
    case 'tensor':
      return `tensor = ${typeName(a.value.dataType)}${dims(a.value.dims)} {…}`;
    case 'graph':
      return `graph = ${subgraph(a.value, indent)}`;
    case 'graphs':
      return `graphs = [${a.value.map((g) => subgraph(g, indent)).join(', ')}]`;
    case 'other':
      return `${a.value} = …`;
  }
}

/** Nested graphs (If/Loop/Scan) are listed, not costed. */
function subgraph(g: OnnxGraph, indent: string): string {
  const ops = g.nodes
    .map((n) => n.opType)
    .slice(0, 8)
    .join(', ');
  return `${ident(g.name || 'graph')} {${indent ? ' ' : ''}${g.nodes.length} nodes: ${ops}${g.nodes.length > 8 ? ', …' : ''} }`;
}

function num(x: number): string {
  return Number.isInteger(x) ? `${x}.0` : String(Math.fround(x) === x ? Number(x.toPrecision(7)) : x);
}
