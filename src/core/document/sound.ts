/**
 * What can be trusted in a damaged JSON text. jsonc-parser's tolerant tree of
 * a text with errors holds guesses: a value cut by an unterminated string, a
 * member whose colon or value is missing. This module removes from the tree
 * every object member and array element whose own text does not parse, so
 * that the rules, hovers and the grants model all read the same sound values,
 * and marks the containers that lost something as *partial*: their parts are
 * right, but a part may be missing, so rules that judge absence ("no
 * Resource", "no eventTime") stay quiet about them.
 *
 * A missing comma between two members loses nothing (each member parses on
 * its own), so a pasted event with one missing comma is still read whole.
 */
import { parse, type Node, type ParseError } from 'jsonc-parser';

const partialNodes = new WeakSet<Node>();

/** The node lost a member or element (or its closing bracket) to a JSON error, directly or below. */
export function isPartial(node: Node | undefined): boolean {
  return node !== undefined && partialNodes.has(node);
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

/**
 * Characters re-parsed while pruning, at most: each damaged level re-reads the
 * text below it, so a hostile text (hundreds of unclosed brackets around a
 * megabyte) would otherwise cost depth × size. Past the budget the parts not
 * yet read are dropped instead of being searched for sound members.
 */
class Budget {
  constructor(private left: number) {}

  spend(n: number): boolean {
    this.left -= n;
    return this.left >= 0;
  }
}

/**
 * The text parses as one JSON value; comments and trailing commas (reported by
 * their own rules) lose nothing. Past the budget, nothing is taken to parse.
 */
function parses(text: string, budget: Budget): boolean {
  if (!budget.spend(text.length)) return false;
  const errors: ParseError[] = [];
  parse(text, errors, PARSE_OPTIONS);
  return errors.length === 0;
}

const end = (n: Node): number => n.offset + n.length;

/**
 * Whether [from, to) holds only what may sit between members: whitespace,
 * comments and (with `commas`) commas. Anything else was text the parser skipped.
 */
function onlySeparators(text: string, from: number, to: number, commas = true): boolean {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || (commas && c === 44) /* , */) {
      i++;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 || nl > to ? to : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      if (close === -1 || close + 2 > to) return false;
      i = close + 2;
    } else return false;
  }
  return true;
}

/** `"key" :` and nothing else before the value: the member's name is sound even if its value is damaged. */
function keyIsSound(text: string, property: Node, budget: Budget): boolean {
  const [key, value] = property.children ?? [];
  if (!key || !value || key.type !== 'string') return false;
  if (!parses(text.slice(key.offset, end(key)), budget)) return false;
  const colon = text.indexOf(':', end(key));
  return colon !== -1 && colon < value.offset && onlySeparators(text, end(key), colon, false) && onlySeparators(text, colon + 1, value.offset, false);
}

function markPartial(node: Node): void {
  partialNodes.add(node);
}

/**
 * Removes from `node`'s subtree, in place, every member and element whose
 * own text does not parse; returns false when the node itself is lost.
 * `text` is the text the node offsets refer to.
 */
function prune(text: string, node: Node, budget: Budget): boolean {
  if (parses(text.slice(node.offset, end(node)), budget)) return true;
  if (node.type !== 'object' && node.type !== 'array') return false;
  const open = node.type === 'object' ? '{' : '[';
  const close = node.type === 'object' ? 125 /* } */ : 93; /* ] */
  if (text[node.offset] !== open) return false;
  let lost = text.charCodeAt(end(node) - 1) !== close || node.length < 2;
  const kept: Node[] = [];
  let cursor = node.offset + 1;
  for (const child of node.children ?? []) {
    if (!onlySeparators(text, cursor, child.offset)) lost = true;
    cursor = Math.max(cursor, end(child));
    if (child.type === 'property') {
      const value = child.children?.[1];
      if (value && keyIsSound(text, child, budget) && parses(`{${text.slice(child.offset, end(child))}}`, budget)) {
        kept.push(child);
      } else if (value && (value.type === 'object' || value.type === 'array') && keyIsSound(text, child, budget) && prune(text, value, budget)) {
        kept.push(child);
        if (isPartial(value)) lost = true;
      } else lost = true;
    } else if (prune(text, child, budget)) {
      kept.push(child);
      if (isPartial(child)) lost = true;
    } else lost = true;
  }
  const closeAt = text.charCodeAt(end(node) - 1) === close ? end(node) - 1 : end(node);
  if (!onlySeparators(text, cursor, closeAt)) lost = true;
  // The tree is ours (parsed for this document): pruning it in place keeps parent links consistent.
  (node as { children?: Node[] }).children = kept;
  if (lost) markPartial(node);
  return true;
}

/**
 * Prunes the tolerant tree of `text` (see the module comment) and returns it;
 * undefined when not even the root survives (a bare damaged string or number).
 */
export function soundTree(text: string, root: Node | undefined): Node | undefined {
  if (!root) return undefined;
  return prune(text, root, new Budget(4 * text.length + 65536)) ? root : undefined;
}
