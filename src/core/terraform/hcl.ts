/**
 * Reading the plain JavaScript HCL nodes of syntax.ts: the node a wrapper
 * holds, a node's text, a block's head, attributes and inner blocks, and a
 * quoted string's value with its map to the source characters. Shared by the
 * policy reader (translate.ts) and the grant reader (grants.ts).
 */
import { blockLabels, type HclNode as TsNode } from './syntax';

/** The node an `expression`, `literal_value` or `collection_value` wraps, when it wraps exactly one. */
export function unwrap(node: TsNode): TsNode {
  let n = node;
  for (;;) {
    if (n.type !== 'expression' && n.type !== 'literal_value' && n.type !== 'collection_value' && n.type !== 'template_expr') return n;
    const children = n.children;
    if (children.length !== 1) return n;
    n = children[0];
  }
}

/** A node's source text. */
export function text(src: string, n: TsNode | undefined): string {
  return n ? src.slice(n.startIndex, n.endIndex) : '';
}

/** A block's type and its labels (`resource "aws_kms_key" "main"` -> resource, [aws_kms_key, main]). */
export function blockHead(src: string, block: TsNode): { type: string; labels: string[]; body: TsNode | undefined } {
  const parts = block.children;
  const type = parts[0]?.type === 'identifier' ? text(src, parts[0]) : '';
  const labels = blockLabels(src, parts);
  return { type, labels, body: parts.find((p) => p.type === 'body') };
}

export function attributes(src: string, body: TsNode | undefined): Map<string, { name: TsNode; value: TsNode }> {
  const out = new Map<string, { name: TsNode; value: TsNode }>();
  for (const c of body ? body.children : []) {
    if (c.type !== 'attribute') continue;
    const [name, value] = c.children;
    if (name && value && !out.has(text(src, name))) out.set(text(src, name), { name, value });
  }
  return out;
}

export function blocks(src: string, body: TsNode | undefined, type: string): TsNode[] {
  return (body ? body.children : []).filter((c) => c.type === 'block' && blockHead(src, c).type === type);
}

const HCL_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function hasBackslash(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (src.charCodeAt(i) === 92) return true;
  return false;
}

/** A quoted HCL string's value (escapes decoded, interpolations as written), each character on its source character. */
export function quotedString(src: string, start: number, end: number): { value: string; map: Int32Array; exact: boolean } {
  const close = end - 1;
  if (!hasBackslash(src, start + 1, close)) {
    // No escape (most strings): the value is the text between the quotes.
    const map = new Int32Array(close - start);
    for (let i = 0; i < map.length; i++) map[i] = start + 1 + i;
    return { value: src.slice(start + 1, close), map, exact: true };
  }
  const chars: string[] = [];
  const offsets: number[] = [];
  let exact = true;
  let i = start + 1;
  while (i < close) {
    const c = src[i];
    if (c === '\\' && i + 1 < close) {
      const e = src[i + 1];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
        chars.push(String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)));
        offsets.push(i);
        i += 6;
        continue;
      }
      chars.push(HCL_ESCAPES[e] ?? e);
      offsets.push(i);
      i += 2;
      exact = false;
      continue;
    }
    chars.push(c);
    offsets.push(i++);
  }
  const map = new Int32Array(chars.length + 1);
  map.set(offsets);
  map[chars.length] = close;
  return { value: chars.join(''), map, exact };
}

/** A quoted string's value when it is literal text; undefined for any other expression and for a string with `${...}` or `%{...}` in it. */
export function literalString(src: string, node: TsNode): string | undefined {
  const n = unwrap(node);
  if (n.type !== 'string_lit') return undefined;
  const value = quotedString(src, n.startIndex, n.endIndex).value;
  return /[$%]\{/.test(value) ? undefined : value;
}

export function isQuoted(n: TsNode): boolean {
  return n.type === 'string_lit' || n.type === 'quoted_template';
}
