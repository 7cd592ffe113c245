/**
 * CloudFormation intrinsic functions as values. A policy in a template, or in
 * a policy file that a template embeds, may write any value as a function
 * (`{"Ref": "KeyAdminArn"}`, `{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}`).
 * This module reads them into the same pieces as text (placeholders.ts):
 *
 * - `Fn::Sub` (both forms) is its string, with `${AWS::Region}` and `${Param}`
 *   unknown; a variable given in the map as a string is that string's text, on
 *   that string's characters.
 * - `Fn::Join` is its pieces with the delimiter between them, each on its own
 *   characters, so `":iam::12345678:root"` in a Join is still checked.
 * - `Ref`, `Fn::GetAtt`, `Fn::ImportValue`, `Fn::Select`, `Fn::FindInMap`,
 *   `Fn::Split`, `Fn::Base64`, ... are one unknown part each.
 * - `Fn::If` inside a string is one unknown part; in an element that takes a
 *   list (Action, Resource, a principal type, condition values) value.ts reads
 *   both alternatives, each checked as written (see `alternatives`).
 *
 * YAML short forms (`!Sub`, `!Ref`, `!Join`, ...) are the same functions: a
 * YAML reader gives them as one-member object nodes named by the long form
 * (`Fn::Sub`), and nothing here changes.
 */
import type { Node } from 'jsonc-parser';
import { meaningOf, stringPieces, type Piece, type ReadContext, type UnknownPart } from './placeholders';

function onlyMember(node: Node | undefined): { name: string; key: Node; value: Node } | undefined {
  if (!node || node.type !== 'object' || node.children?.length !== 1) return undefined;
  const [key, value] = node.children[0].children ?? [];
  if (!key || !value || key.type !== 'string') return undefined;
  return { name: String(key.value), key, value };
}

/** The function's name when the node is a CloudFormation function (`Ref`, `Fn::...`, `Condition`), else undefined. */
export function intrinsicName(node: Node | undefined): string | undefined {
  const m = onlyMember(node);
  if (!m) return undefined;
  return m.name === 'Ref' || m.name.startsWith('Fn::') ? m.name : undefined;
}

/** A CloudFormation intrinsic function (`{"Ref": ...}`, `{"Fn::Sub": ...}`), which stands for a value not known here. */
export function isIntrinsic(node: Node | undefined): boolean {
  return intrinsicName(node) !== undefined;
}

/** `{"Ref": "AWS::NoValue"}`: in a list, the element is left out. */
export function isNoValue(node: Node | undefined): boolean {
  const m = onlyMember(node);
  return m?.name === 'Ref' && m.value.type === 'string' && m.value.value === 'AWS::NoValue';
}

/** The two alternatives of an `Fn::If` node, or undefined when the node is not one. */
export function alternatives(node: Node): [Node, Node] | undefined {
  const m = onlyMember(node);
  if (m?.name !== 'Fn::If' || m.value.type !== 'array') return undefined;
  const [, whenTrue, whenFalse] = m.value.children ?? [];
  return whenTrue && whenFalse ? [whenTrue, whenFalse] : undefined;
}

function scalarText(n: Node | undefined): string | undefined {
  return n && (n.type === 'string' || n.type === 'number' || n.type === 'boolean') ? String(n.value) : undefined;
}

/** The short form as a CloudFormation author reads it: `!Ref KeyAdmin`, `!GetAtt Role.Arn`, `!ImportValue shared-key`. */
function writtenForm(name: string, arg: Node): string {
  const short = `!${name.replace(/^Fn::/, '')}`;
  if (name === 'Ref') return `${short} ${scalarText(arg) ?? ''}`.trim();
  if (name === 'Fn::GetAtt') {
    const parts = arg.type === 'array' ? (arg.children ?? []).map(scalarText) : [scalarText(arg)];
    return parts.every((p) => p !== undefined) ? `${short} ${parts.join('.')}` : short;
  }
  const plain = scalarText(arg);
  return plain !== undefined ? `${short} ${plain}` : short;
}

function wholeUnknown(node: Node, name: string, arg: Node): Piece {
  const refName = name === 'Ref' ? scalarText(arg) ?? '' : '';
  const part: UnknownPart = {
    kind: 'cloudFormation',
    syntax: 'function',
    written: writtenForm(name, arg),
    name: name === 'Ref' ? refName : name,
    means: name === 'Ref' ? meaningOf(refName) : undefined,
    start: node.offset,
    end: node.offset + node.length,
  };
  return { unknown: part };
}

/** Pieces of one operand of Sub or Join: a string's text and placeholders, a function's pieces. */
function operandPieces(node: Node, ctx: ReadContext, depth: number): Piece[] {
  if (node.type === 'string') return stringPieces(node, ctx);
  if (node.type === 'number' || node.type === 'boolean') return [{ text: String(node.value), node, at: 0 }];
  return functionPieces(node, ctx, depth + 1) ?? [];
}

/**
 * The template string of an `Fn::Sub` node (either form) and its variable map by name (a name
 * written without a value maps to undefined); undefined when the node is not `Fn::Sub` with a string.
 */
export function subParts(node: Node | undefined): { template: Node; vars: Map<string, Node | undefined> } | undefined {
  const m = onlyMember(node);
  if (m?.name !== 'Fn::Sub') return undefined;
  const [template, map] = m.value.type === 'array' ? m.value.children ?? [] : [m.value];
  if (template?.type !== 'string') return undefined;
  const vars = new Map<string, Node | undefined>();
  if (map?.type === 'object') {
    for (const prop of map.children ?? []) {
      const [k, v] = prop.children ?? [];
      // A repeated name keeps the last value written (a name cut short of its value does not erase one).
      if (k?.type === 'string' && (v !== undefined || !vars.has(String(k.value)))) vars.set(String(k.value), v);
    }
  }
  return { template, vars };
}

function subPieces(node: Node, ctx: ReadContext, depth: number): Piece[] | undefined {
  const parts = subParts(node);
  if (!parts) return undefined;
  const { template, vars } = parts;
  const out: Piece[] = [];
  for (const p of stringPieces(template, ctx, 'sub')) {
    const given = p.unknown?.kind === 'cloudFormation' && p.unknown.syntax === 'interpolation' ? vars.get(p.unknown.name) : undefined;
    if (given) out.push(...operandPieces(given, ctx, depth));
    else out.push(p);
  }
  return out;
}

function joinPieces(arg: Node, ctx: ReadContext, depth: number): Piece[] | undefined {
  const [delimiter, list] = arg.type === 'array' ? arg.children ?? [] : [];
  if (delimiter?.type !== 'string' || list?.type !== 'array') return undefined;
  const out: Piece[] = [];
  const items = list.children ?? [];
  items.forEach((item, i) => {
    if (i > 0 && delimiter.value !== '') out.push({ text: String(delimiter.value), node: delimiter, at: 0 });
    out.push(...operandPieces(item, ctx, depth));
  });
  return out;
}

/** Deeper than this, a function is one unknown part (hostile input must not recurse without end). */
const MAX_DEPTH = 16;

/**
 * The pieces of a function that builds a string, or undefined when the node is
 * not a CloudFormation function. Functions that do not build a string from
 * known parts are one unknown part.
 */
export function functionPieces(node: Node, ctx: ReadContext, depth = 0): Piece[] | undefined {
  const m = onlyMember(node);
  const name = m && intrinsicName(node);
  if (!m || !name) return undefined;
  if (depth < MAX_DEPTH) {
    const built = name === 'Fn::Sub' ? subPieces(node, ctx, depth) : name === 'Fn::Join' ? joinPieces(m.value, ctx, depth) : undefined;
    if (built) return built;
  }
  return [wholeUnknown(node, name, m.value)];
}
