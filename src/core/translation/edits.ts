/**
 * A fix made on the JSON translation of a document (CloudFormation YAML,
 * Terraform), as edits of the document.
 *
 * - A change inside one string, or a whole string replaced by another, is
 *   the string rewritten in its own style by the language (`SourceWriting`):
 *   a YAML plain scalar stays plain where YAML reads it back as the same
 *   string, quoted stays quoted; a Terraform reference is never rewritten.
 * - Removing an item or a property maps its ends onto the YAML item's ends:
 *   in a block collection that removes its lines, in a flow collection its
 *   comma too.
 * - Inserting an item or a property, and replacing a whole collection, are
 *   taken only where YAML reads the JSON text as written: inside a flow
 *   collection, or (a replacement) where a flow value may stand.
 * Anything else gives undefined, and the fix is not offered: a fix that
 * cannot be written safely is left out rather than written wrong.
 */
import { decodeJsonString } from '../policy/jsonString';
import type { TextEdit } from '../types';
import type { SourceNode } from './sourceNode';
import { partitionPoint } from '../sortedSearch';

/** How a language writes what a fix changes. */
export interface SourceWriting {
  /** A string node's new value, as source text replacing the node; undefined when it cannot be written. */
  string(node: SourceNode, value: string): string | undefined;
  /** May a one-line flow value (JSON) replace this collection node? */
  flowMayReplace(src: string, node: SourceNode): boolean;
}

/** A value as one line of flow YAML (which JSON is). */
function flowText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${flowText(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** Index of the decoded character at JSON offset `o` of a string literal starting at `literalStart`. */
function decodedIndex(map: Int32Array, literalStart: number, o: number): number {
  for (let i = 0; i < map.length; i++) if (literalStart + map[i] >= o) return i;
  return map.length - 1;
}

/** The edits of one scalar, applied to its value, as one rewrite of the scalar. */
function scalarEdit(json: string, node: SourceNode, edits: readonly TextEdit[], writing: SourceWriting): TextEdit | undefined {
  const whole = edits.find((e) => e.start === node.jsonStart && e.end === node.jsonEnd);
  if (whole) {
    if (edits.length > 1) return undefined;
    const parsed = parseJson(whole.newText);
    if (!parsed) return undefined;
    const v = parsed.value;
    const text = typeof v === 'string' ? writing.string(node, v) : flowText(v);
    return text === undefined ? undefined : { start: node.yamlStart, end: node.yamlEnd, newText: text };
  }
  if (node.value === undefined) return undefined;
  const { map } = decodeJsonString(json.slice(node.jsonStart, node.jsonEnd));
  let value = node.value;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    if (e.start <= node.jsonStart || e.end >= node.jsonEnd) return undefined;
    const inserted = parseJson(`"${e.newText}"`);
    if (!inserted || typeof inserted.value !== 'string') return undefined;
    const from = decodedIndex(map, node.jsonStart, e.start);
    const to = decodedIndex(map, node.jsonStart, e.end);
    value = value.slice(0, from) + inserted.value + value.slice(to);
  }
  const text = writing.string(node, value);
  return text === undefined ? undefined : { start: node.yamlStart, end: node.yamlEnd, newText: text };
}

/** The nodes of a translation, indexed once for every fix of the document. */
export interface NodeIndex {
  nodes: readonly SourceNode[];
  starts: Map<number, SourceNode>;
  ends: Map<number, SourceNode>;
  scalars: SourceNode[];
  collections: SourceNode[];
}

export function indexNodes(nodes: readonly SourceNode[]): NodeIndex {
  const starts = new Map<number, SourceNode>();
  const ends = new Map<number, SourceNode>();
  for (const n of nodes) {
    if (!starts.has(n.jsonStart)) starts.set(n.jsonStart, n);
    const prev = ends.get(n.jsonEnd);
    if (!prev || n.jsonEnd - n.jsonStart > prev.jsonEnd - prev.jsonStart) ends.set(n.jsonEnd, n);
  }
  return { nodes, starts, ends, scalars: nodes.filter((n) => n.kind === 'scalar'), collections: nodes.filter((n) => n.kind === 'map' || n.kind === 'seq') };
}

export function translateEdits(src: string, json: string, index: NodeIndex, edits: readonly TextEdit[], writing: SourceWriting): TextEdit[] | undefined {
  const { starts, ends, scalars } = index;
  const scalarOf = (e: TextEdit): SourceNode | undefined => {
    // The last scalar that starts at or before the edit.
    const found: SourceNode | undefined = scalars[partitionPoint(scalars.length, (i) => scalars[i].jsonStart <= e.start) - 1];
    return found && e.end <= found.jsonEnd && !(e.start === e.end && (e.start === found.jsonStart || e.start === found.jsonEnd)) ? found : undefined;
  };
  const byScalar = new Map<SourceNode, TextEdit[]>();
  const out: TextEdit[] = [];
  for (const e of edits) {
    const scalar = scalarOf(e);
    if (scalar) {
      byScalar.set(scalar, [...(byScalar.get(scalar) ?? []), e]);
      continue;
    }
    const yaml = structuralEdit(src, starts, ends, index.collections, e, writing);
    if (!yaml) return undefined;
    out.push(yaml);
  }
  for (const [scalar, list] of byScalar) {
    const yaml = scalarEdit(json, scalar, list, writing);
    if (!yaml) return undefined;
    out.push(yaml);
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < out.length; i++) if (out[i].start < out[i - 1].end) return undefined;
  return out;
}

function structuralEdit(src: string, starts: Map<number, SourceNode>, ends: Map<number, SourceNode>, collections: readonly SourceNode[], e: TextEdit, writing: SourceWriting): TextEdit | undefined {
  const at = (o: number): number | undefined => starts.get(o)?.yamlStart ?? ends.get(o)?.yamlEnd;
  if (e.newText === '') {
    const s = at(e.start);
    const t = ends.get(e.end)?.yamlEnd ?? starts.get(e.end)?.yamlStart;
    return s !== undefined && t !== undefined && s <= t ? { start: s, end: t, newText: '' } : undefined;
  }
  const node = starts.get(e.start);
  if (node && node.jsonEnd === e.end && node.kind !== 'property') {
    const parsed = parseJson(e.newText);
    if (!parsed || !writing.flowMayReplace(src, node)) return undefined;
    return { start: node.yamlStart, end: node.yamlEnd, newText: flowText(parsed.value) };
  }
  if (e.start !== e.end) return undefined;
  // An insertion: only inside a flow collection, where JSON is YAML as it is.
  let container: SourceNode | undefined;
  for (const n of collections) {
    if (n.jsonStart < e.start && e.start < n.jsonEnd && (!container || n.jsonStart >= container.jsonStart)) container = n;
  }
  if (!container?.flow || /\n/.test(e.newText)) return undefined;
  const s = e.start === container.jsonStart + 1 ? container.yamlStart + 1 : at(e.start);
  return s === undefined ? undefined : { start: s, end: s, newText: e.newText };
}
