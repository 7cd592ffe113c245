/**
 * The parse tree of valid JSON, as jsonc-parser's `parseTree` makes it (the
 * same nodes: type, offset, length, value, children, parent, colonOffset), in
 * one plain loop over the text. `parseTree` is made for broken JSON: a
 * scanner with options and a visitor with a callback per token, about a tenth
 * of the time a typical policy takes to analyse. Most files are valid JSON
 * (model.ts knows it before building the tree: JSON.parse read them and no
 * key is repeated), and for them this loop gives the same tree in a third of
 * the time. Iterative, so no depth limit of its own.
 *
 * Only for text JSON.parse accepts: on anything else it returns undefined and
 * the caller takes jsonc-parser's tree.
 */
import type { Node as TreeNode, NodeType } from 'jsonc-parser';

/** jsonc-parser's node, as it builds it (its members are read-only to its readers). */
interface Node {
  type: NodeType;
  offset: number;
  length: number;
  value?: unknown;
  parent?: Node;
  children?: Node[];
  colonOffset?: number;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== LF && c !== CR && c !== TAB) return i;
    i++;
  }
}

/** The end (after the closing quote) of the string whose opening quote is at `start`; -1 if it does not end. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) i++;
  }
  return -1;
}

/** The value of the string literal in [start, end): its characters, or JSON.parse of it when it has escapes. */
function stringValue(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

/** The end of a number, `true`, `false` or `null` starting at `start`. */
function literalEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    // Digits, letters (true, false, null, e, E), and + - .
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 69 || c === 43 || c === 45 || c === 46) i++;
    else return i;
  }
}

function literalNode(text: string, start: number, end: number, parent: Node | undefined): Node | undefined {
  const word = text.slice(start, end);
  let type: NodeType;
  let value: unknown;
  if (word === 'true' || word === 'false') {
    type = 'boolean';
    value = word === 'true';
  } else if (word === 'null') {
    type = 'null';
    value = null;
  } else {
    value = Number(word);
    if (word === '' || Number.isNaN(value)) return undefined;
    type = 'number';
  }
  return { type, offset: start, length: end - start, parent, value };
}

/** The tree of `text`, which must be valid JSON; undefined when it is not (the caller then uses parseTree). */
export function plainTree(text: string): TreeNode | undefined {
  let root: Node | undefined;
  /** The innermost open object, array or property (a property is open from its key to the end of its value). */
  let parent: Node | undefined;
  let i = skipSpace(text, 0);
  /** A value ended at `end`: the property it is the value of ends there too. */
  const valueEnded = (end: number): void => {
    if (parent?.type === 'property') {
      parent.length = end - parent.offset;
      parent = parent.parent;
    }
  };
  const attach = (node: Node): void => {
    if (parent) parent.children!.push(node);
    else root = node;
  };
  for (;;) {
    // A value.
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const node: Node = { type: c === OPEN_BRACE ? 'object' : 'array', offset: i, length: -1, parent, children: [] };
      attach(node);
      parent = node;
      i = skipSpace(text, i + 1);
      const close = text.charCodeAt(i);
      if ((c === OPEN_BRACE && close === CLOSE_BRACE) || (c === OPEN_BRACKET && close === CLOSE_BRACKET)) {
        // Empty: closed below.
      } else if (c === OPEN_BRACE) {
        const key = readKey(text, i, node);
        if (key === undefined) return undefined;
        parent = node.children![node.children!.length - 1];
        i = key;
        continue;
      } else continue;
    } else if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      attach({ type: 'string', offset: i, length: end - i, parent, value: stringValue(text, i, end) });
      valueEnded(end);
      i = end;
    } else {
      const end = literalEnd(text, i);
      const node = literalNode(text, i, end, parent);
      if (!node) return undefined;
      attach(node);
      valueEnded(end);
      i = end;
    }
    // After a value (or an empty container's opening): commas, and the ends of containers.
    for (;;) {
      i = skipSpace(text, i);
      const d = text.charCodeAt(i);
      if (!parent) return i === text.length ? finish(root) : undefined;
      if (d === COMMA) {
        i = skipSpace(text, i + 1);
        if (parent.type === 'object') {
          const key = readKey(text, i, parent);
          if (key === undefined) return undefined;
          parent = parent.children![parent.children!.length - 1];
          i = key;
        }
        break;
      }
      if ((d === CLOSE_BRACE && parent.type === 'object') || (d === CLOSE_BRACKET && parent.type === 'array')) {
        parent.length = i + 1 - parent.offset;
        parent = parent.parent;
        i++;
        valueEnded(i);
        continue;
      }
      return undefined;
    }
  }
}

/**
 * Reads `"key" :` at `i` into a property of `object` (as jsonc-parser makes it: the key node,
 * and the colon's offset); returns where the property's value starts, or undefined.
 */
function readKey(text: string, i: number, object: Node): number | undefined {
  if (text.charCodeAt(i) !== QUOTE) return undefined;
  const end = stringEnd(text, i);
  if (end < 0) return undefined;
  const property: Node = { type: 'property', offset: i, length: -1, parent: object, children: [] };
  object.children!.push(property);
  property.children!.push({ type: 'string', value: stringValue(text, i, end), offset: i, length: end - i, parent: property });
  const colon = skipSpace(text, end);
  if (text.charCodeAt(colon) !== COLON) return undefined;
  property.colonOffset = colon;
  return skipSpace(text, colon + 1);
}

/** jsonc-parser's root has no parent member at all. */
function finish(root: Node | undefined): TreeNode | undefined {
  if (root) delete root.parent;
  return root as TreeNode | undefined;
}
