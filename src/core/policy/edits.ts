/**
 * Text edits on a policy's JSON that keep it valid: replace a value, rename a
 * key, remove an array element or a property with the comma that goes with
 * it, insert a property or an array element in the style (one line or
 * indented) of its neighbours. Offsets are in the policy's own text; the
 * runner maps them to the document.
 */
import type { Node } from 'jsonc-parser';
import type { TextEdit } from '../types';

export function nodeEnd(n: Node): number {
  return n.offset + n.length;
}

export interface Span {
  start: number;
  end: number;
}

/** The characters between the quotes of a string node. */
export function stringContent(n: Node): Span {
  return n.type === 'string' && n.length >= 2 ? { start: n.offset + 1, end: nodeEnd(n) - 1 } : { start: n.offset, end: nodeEnd(n) };
}

/**
 * The characters of `value.slice(from, to)` inside a string node. When the
 * literal has escape sequences the decoded and written offsets differ, and the
 * whole string is returned instead of a wrong sub-range.
 */
export function stringPart(text: string, n: Node, from: number, to: number): Span {
  const content = stringContent(n);
  const raw = text.slice(content.start, content.end);
  if (n.type !== 'string' || raw !== n.value) return content;
  return { start: content.start + from, end: content.start + to };
}

export function replaceNode(n: Node, newText: string): TextEdit {
  return { start: n.offset, end: nodeEnd(n), newText };
}

/** Replaces a string node's value (the new value is quoted and escaped). */
export function replaceString(n: Node, newValue: string): TextEdit {
  return replaceNode(n, JSON.stringify(newValue));
}

/** Renames a property: `keyNode` is the property-name string node. */
export function renameKey(keyNode: Node, newName: string): TextEdit {
  return replaceNode(keyNode, JSON.stringify(newName));
}

/** The property node (`"key": value`) a property-name node belongs to. */
export function propertyOf(keyNode: Node): Node {
  return keyNode.parent?.type === 'property' ? keyNode.parent : keyNode;
}

/**
 * Removes an array element or a property node together with one adjacent
 * comma. Undefined when it is the only item: the caller decides whether an
 * empty container is acceptable.
 */
/** Each child's index, per container: a rule removing 20,000 repeated items must not search the list each time. */
const childIndexes = new WeakMap<Node, Map<Node, number>>();

function indexIn(parent: Node, item: Node): number {
  const children = parent.children ?? [];
  if (children.length < 16) return children.indexOf(item);
  let index = childIndexes.get(parent);
  if (!index) {
    index = new Map(children.map((c, i) => [c, i]));
    childIndexes.set(parent, index);
  }
  return index.get(item) ?? -1;
}

export function removeItem(item: Node): TextEdit | undefined {
  const parent = item.parent;
  // Only an element of an array or a property of an object: a lone string value (`"Action": "kms:X"`) is not removable this way.
  if (!parent || !(parent.type === 'array' || (parent.type === 'object' && item.type === 'property'))) return undefined;
  const siblings = parent.children ?? [];
  const i = indexIn(parent, item);
  if (i === -1 || siblings.length < 2) return undefined;
  if (i < siblings.length - 1) return { start: item.offset, end: siblings[i + 1].offset, newText: '' };
  return { start: nodeEnd(siblings[i - 1]), end: nodeEnd(item), newText: '' };
}

interface Layout {
  /** Between items: ' ' on one line, or a newline and the items' indentation. */
  separator: string;
}

function layoutOf(text: string, container: Node): Layout {
  const first = container.children?.[0];
  if (!first) return { separator: ' ' };
  const before = text.slice(container.offset + 1, first.offset);
  const nl = before.lastIndexOf('\n');
  if (nl === -1) return { separator: ' ' };
  return { separator: '\n' + before.slice(nl + 1).replace(/[^ \t]/g, '') };
}

/** Inserts `"name": valueText` as the first or last property of an object node. */
export function insertProperty(text: string, object: Node, name: string, valueText: string, where: 'first' | 'last'): TextEdit {
  return insertMember(text, object, `${JSON.stringify(name)}: ${valueText}`, where);
}

/** Inserts a member written out in full (`"key": value`) as the first or last property of an object node. */
export function insertMember(text: string, object: Node, member: string, where: 'first' | 'last'): TextEdit {
  const props = object.children ?? [];
  if (props.length === 0) return replaceNode(object, `{ ${member} }`);
  const { separator } = layoutOf(text, object);
  if (where === 'first') return { start: props[0].offset, end: props[0].offset, newText: `${member},${separator}` };
  const last = props[props.length - 1];
  return { start: nodeEnd(last), end: nodeEnd(last), newText: `,${separator}${member}` };
}

/**
 * Adds elements to a "string or array" value: appended to an array, or the
 * string turned into an array holding it and the new elements.
 */
export function appendToList(text: string, value: Node, itemTexts: string[]): TextEdit {
  if (value.type === 'array') {
    const items = value.children ?? [];
    if (items.length === 0) return replaceNode(value, `[ ${itemTexts.join(', ')} ]`);
    const { separator } = layoutOf(text, value);
    const last = items[items.length - 1];
    return { start: nodeEnd(last), end: nodeEnd(last), newText: itemTexts.map((s) => `,${separator}${s}`).join('') };
  }
  return replaceNode(value, `[ ${[text.slice(value.offset, nodeEnd(value)), ...itemTexts].join(', ')} ]`);
}
