/**
 * One model of a policy value with known and unknown parts. Every policy
 * rule, hover, completion, summary and semantic token reads values through
 * it, so a placeholder, a template interpolation and a CloudFormation
 * function are treated alike everywhere: no format error on what is unknown,
 * every check on what is known.
 *
 * A value is a list of pieces: known text taken from a string node (with the
 * index where it starts in that string) and unknown parts (placeholders.ts
 * says what they look like and what they are: a template's, a placeholder to
 * replace, CloudFormation's, or a real IAM policy variable). From the pieces:
 *
 * - `shape`: the value with each unknown part as one `UNKNOWN` character.
 *   Checks read the shape: `arn:aws:iam::\uE000:root` parses as the root of an
 *   unknown account; `logs.\uE000.amazonaws.com` is a Regional service
 *   principal; a field that contains `UNKNOWN` is not judged, the known
 *   characters around it are.
 * - `written`: the value as the user wrote it, for messages and summaries.
 * - `span(from, to)`: the characters of the policy text that a range of the
 *   shape came from, through escapes (a policy inside a PutKeyPolicy string:
 *   the runner then maps the policy text to the document) and across nodes
 *   (the pieces of an `Fn::Join` are in different strings).
 * - `rewrite(newShape)` / `edit(from, to, text)`: the one edit that makes a
 *   change to known characters, or undefined when it would touch an unknown
 *   part: quick fixes never rewrite what the user will fill in later, and are
 *   not offered when they would.
 *
 * Other formats produce the same model unchanged (issue 17):
 * - A CloudFormation YAML reader gives its parse as jsonc-parser-shaped nodes
 *   with offsets into the YAML text; a short form (`!Sub "..."`, `!Ref X`,
 *   `!Join [...]`) becomes the one-member object node of its long form
 *   (`Fn::Sub`) with the tag's offsets, so intrinsics.ts reads it as is. Its
 *   `LiteralSyntax` (placeholders.ts) decodes YAML scalars (plain, single or
 *   double quoted, block) and encodes fix text in the scalar's style.
 * - A Terraform reader gives heredoc JSON and `jsonencode({...})` objects as
 *   nodes too. Its template strings keep `${var.x}` and `%{...}` as written,
 *   so the text scan finds them; its `LiteralSyntax` maps `$${` and `%%{`
 *   escapes. A bare expression (`var.account_id`, `data.x.y.json`,
 *   `format(...)`) is given as a string node whose value is `${expression}`
 *   and whose `decode` maps it onto the expression's characters: it is then
 *   one unknown part, exactly like an interpolation.
 * The reader passes its `LiteralSyntax` in the PolicySource (model.ts).
 */
import type { Node } from 'jsonc-parser';
import { hasUnknown, parseArn, repairShiftedArn, UNKNOWN, type Arn, type ArnPart } from '../kms/identifiers';
import type { TextEdit } from '../types';
import { alternatives, functionPieces, isIntrinsic, isNoValue } from './intrinsics';
import { mayHoldUnknown, offsetIn, readContext, sampleWordPiece, stringPieces, type Piece, type ReadContext, type UnknownPart } from './placeholders';

export { UNKNOWN, hasUnknown };
export type { UnknownPart };

export interface Span {
  start: number;
  end: number;
}

const NO_UNKNOWNS: readonly UnknownPart[] = Object.freeze([]);

export class PolicyValue {
  /** The value with each unknown part as one `UNKNOWN` character. */
  readonly shape: string;
  /** The value as written (unknown parts as written). */
  readonly written: string;
  /** The unknown parts in order: the i-th `UNKNOWN` of `shape` is `unknowns[i]`. */
  readonly unknowns: readonly UnknownPart[];
  /** The pieces; built on first use for a string with no unknown part (`plain`). */
  private piecesCache: readonly Piece[] | undefined;
  private startsCache?: number[];
  /** The ARN read from the shape, once (valueArn): null when it is not one. */
  arnRead?: ValueArn | null;

  /**
   * From pieces, or, for the common case kept cheap (a policy has hundreds of
   * values), from the text of a string node that has no unknown part.
   */
  constructor(readonly node: Node, pieces: readonly Piece[] | string, private readonly ctx: ReadContext) {
    if (typeof pieces === 'string') {
      this.shape = this.written = pieces;
      this.unknowns = NO_UNKNOWNS;
      return;
    }
    this.piecesCache = pieces;
    let shape = '';
    let written = '';
    const unknowns: UnknownPart[] = [];
    for (const p of pieces) {
      if (p.unknown) {
        shape += UNKNOWN;
        written += p.unknown.written;
        unknowns.push(p.unknown);
      } else {
        shape += p.text;
        written += p.text;
      }
    }
    this.shape = shape;
    this.written = written;
    this.unknowns = unknowns;
  }

  private get pieces(): readonly Piece[] {
    return (this.piecesCache ??= this.shape === '' ? [] : [{ text: this.shape, node: this.node, at: 0 }]);
  }

  /** Shape index where each piece starts, and a last entry: the shape's length. */
  private get starts(): number[] {
    if (!this.startsCache) {
      const starts: number[] = [];
      let at = 0;
      for (const p of this.pieces) {
        starts.push(at);
        at += p.unknown ? 1 : p.text.length;
      }
      starts.push(at);
      this.startsCache = starts;
    }
    return this.startsCache;
  }

  /** No unknown part. */
  get known(): boolean {
    return this.unknowns.length === 0;
  }

  /** The one unknown part the whole value is, if it is exactly one. */
  get whollyUnknown(): UnknownPart | undefined {
    return this.shape === UNKNOWN ? this.unknowns[0] : undefined;
  }

  /** Unknown parts other than IAM policy variables (those are part of what the policy says). */
  get placeholders(): readonly UnknownPart[] {
    return this.unknowns.filter((u) => u.kind !== 'policyVariable');
  }

  /** The unknown parts that lie in shape[from, to). */
  unknownsIn(from: number, to: number): UnknownPart[] {
    const out: UnknownPart[] = [];
    let n = 0;
    for (let i = 0; i < to && i < this.shape.length; i++) {
      if (this.shape[i] !== UNKNOWN) continue;
      if (i >= from) out.push(this.unknowns[n]);
      n++;
    }
    return out;
  }

  /** The written text of shape[from, to). */
  show(from = 0, to = this.shape.length): string {
    if (this.known) return this.shape.slice(from, to);
    let n = 0;
    for (let i = 0; i < from; i++) if (this.shape[i] === UNKNOWN) n++;
    let out = '';
    for (let i = from; i < to; i++) out += this.shape[i] === UNKNOWN ? this.unknowns[n++].written : this.shape[i];
    return out;
  }

  /** The written form of a shape with this value's unknown parts in the same order (a repaired ARN, a fixed name). */
  writeShape(shape: string): string {
    let n = 0;
    let out = '';
    for (const c of shape) out += c === UNKNOWN ? this.unknowns[n++]?.written ?? '' : c;
    return out;
  }

  private pieceAt(i: number): number {
    if (this.pieces.length === 1) return 0;
    let k = 0;
    while (k + 1 < this.pieces.length && this.starts[k + 1] <= i) k++;
    return k;
  }

  private charStart(i: number): number {
    const k = this.pieceAt(i);
    const p = this.pieces[k];
    return p.unknown ? p.unknown.start : offsetIn(this.ctx, p.node, p.at + i - this.starts[k]);
  }

  private charEnd(i: number): number {
    const k = this.pieceAt(i);
    const p = this.pieces[k];
    return p.unknown ? p.unknown.end : offsetIn(this.ctx, p.node, p.at + i - this.starts[k] + 1);
  }

  /** The characters of the whole value: between the quotes of a string, the whole node for a function. */
  get content(): Span {
    const n = this.node;
    if (n.type === 'string') return { start: offsetIn(this.ctx, n, 0), end: offsetIn(this.ctx, n, String(n.value).length) };
    return { start: n.offset, end: n.offset + n.length };
  }

  /** The policy-text characters that shape[from, to) came from. */
  span(from: number, to: number): Span {
    const len = this.shape.length;
    if (len === 0 || this.pieces.length === 0) return this.content;
    const a = Math.max(0, Math.min(from, len));
    const b = Math.max(a, Math.min(to, len));
    if (a === b) {
      const at = a < len ? this.charStart(a) : this.charEnd(len - 1);
      return { start: at, end: at };
    }
    return { start: this.charStart(a), end: this.charEnd(b - 1) };
  }

  /**
   * The edit that replaces the known characters shape[from, to) with `text`
   * (an insertion when from = to). Undefined when the range holds an unknown
   * part or spans two strings.
   */
  edit(from: number, to: number, text: string): TextEdit | undefined {
    if (hasUnknown(this.shape.slice(from, to)) || hasUnknown(text)) return undefined;
    for (let k = 0; k < this.pieces.length; k++) {
      const p = this.pieces[k];
      const ps = this.starts[k];
      const pe = this.starts[k + 1];
      if (p.unknown || from < ps || to > pe) continue;
      return { start: offsetIn(this.ctx, p.node, p.at + from - ps), end: offsetIn(this.ctx, p.node, p.at + to - ps), newText: this.ctx.literals.encode(text) };
    }
    // An empty string has no piece: replace between its quotes.
    if (this.pieces.length === 0 && this.node.type === 'string') return { ...this.content, newText: this.ctx.literals.encode(text) };
    return undefined;
  }

  /**
   * The edit that turns this value into `newShape`, which keeps the unknown
   * parts in the same order and changes only known characters (the change is
   * narrowed to what differs). Undefined when that is not possible.
   */
  rewrite(newShape: string): TextEdit | undefined {
    const old = this.shape;
    if (old === newShape) return undefined;
    let p = 0;
    while (p < old.length && p < newShape.length && old[p] === newShape[p]) p++;
    let q = 0;
    while (q < old.length - p && q < newShape.length - p && old[old.length - 1 - q] === newShape[newShape.length - 1 - q]) q++;
    return this.edit(p, old.length - q, newShape.slice(p, newShape.length - q));
  }
}

/** The value a node holds: a string, or a CloudFormation function (that builds one); undefined for other nodes. */
export function readValue(node: Node, ctx: ReadContext): PolicyValue | undefined {
  if (node.type === 'string') {
    const text = String(node.value);
    const sample = sampleWordPiece(node, ctx);
    if (sample) return new PolicyValue(node, [sample], ctx);
    return new PolicyValue(node, mayHoldUnknown(text) ? stringPieces(node, ctx) : text, ctx);
  }
  const pieces = functionPieces(node, ctx);
  return pieces ? new PolicyValue(node, pieces, ctx) : undefined;
}

/**
 * A value read from a string alone, with no policy text behind it (a hover or
 * a summary given a string): the same parts, with offsets into the string's
 * JSON literal.
 */
export function valueOfText(s: string): PolicyValue {
  const literal = JSON.stringify(s);
  const node: Node = { type: 'string', value: s, offset: 0, length: literal.length, parent: undefined } as unknown as Node;
  return readValue(node, readContext(literal))!;
}

/** One value of an element (model.ts calls it a StringValue). */
export interface ListedValue {
  /** The value as written (unknown parts as written): what messages and summaries show. */
  value: string;
  /** The string node, or the CloudFormation function node, that holds it. */
  node: Node;
  /** Its known and unknown parts: what checks read. */
  parts: PolicyValue;
  /** From one alternative of a CloudFormation `Fn::If`: the element may or may not hold it. */
  conditional: boolean;
}

export interface ValueList {
  values: ListedValue[];
  /**
   * The list may hold more or fewer values than these: an entry that is not
   * a value (reported by policy-value-type), an entry that is wholly unknown
   * (a `Ref` may be a list parameter), or an `Fn::If` alternative. Rules must
   * not conclude that something is absent from it.
   */
  open: boolean;
}

/**
 * The values of an element that takes a string or a list of strings, with
 * `Fn::If` read as both alternatives (each checked as written, marked
 * conditional) and `Ref AWS::NoValue` as no value.
 */
export function listValues(node: Node | undefined, ctx: ReadContext): ValueList {
  const out: ValueList = { values: [], open: false };
  if (node) visitList(node, false, 0, ctx, out);
  return out;
}

function visitList(n: Node, conditional: boolean, depth: number, ctx: ReadContext, out: ValueList): void {
  if (n.type === 'string') {
    // The common case first: a plain string value.
    const value = readValue(n, ctx)!;
    if (value.whollyUnknown) out.open = true;
    out.values.push({ value: value.written, node: n, parts: value, conditional });
    return;
  }
  if (n.type === 'array') {
    // A list at the top, or the list an Fn::If alternative gives; a list inside a list is not a value.
    if (depth === 0 || conditional) for (const c of n.children ?? []) visitList(c, conditional, depth + 1, ctx, out);
    else out.open = true;
    return;
  }
  if (isNoValue(n)) {
    out.open = true;
    return;
  }
  const alt = depth < 8 ? alternatives(n) : undefined;
  if (alt) {
    out.open = true;
    for (const a of alt) visitList(a, true, depth + 1, ctx, out);
    return;
  }
  const value = isIntrinsic(n) ? readValue(n, ctx) : undefined;
  if (!value) {
    out.open = true;
    return;
  }
  if (value.whollyUnknown) out.open = true;
  out.values.push({ value: value.written, node: n, parts: value, conditional });
}

// ---------------------------------------------------------------- ARNs

/** An ARN read from a value's shape: parts may hold `UNKNOWN`. */
export interface ValueArn {
  /** The parts, over the shape (the intended ARN when it was written with the `arn:aws::kms:` shift). */
  arn: Arn;
  /** Written with an extra colon after the partition (`arn:aws::kms:`). */
  shifted: boolean;
  value: PolicyValue;
}

/** The ARN in a value, or undefined when the known text is not an ARN. Read once per value. */
export function valueArn(value: PolicyValue): ValueArn | undefined {
  const shape = value.shape;
  if (!shape.startsWith('arn:')) return undefined;
  let a = value.arnRead;
  if (a === undefined) {
    // A cheap look at the character after the partition first: the shift is rare, and this runs on every ARN.
    const afterPartition = shape.indexOf(':', 4);
    const repaired = afterPartition !== -1 && shape.charCodeAt(afterPartition + 1) === 58 /* : */ ? repairShiftedArn(shape) : undefined;
    const arn = parseArn(repaired ?? shape);
    a = arn ? { arn, shifted: repaired !== undefined, value } : null;
    value.arnRead = a;
  }
  return a ?? undefined;
}

/** Shape offset, in the value as written, of a part of its (possibly repaired) ARN. */
function writtenStart(a: ValueArn, part: ArnPart): number {
  return a.shifted && part.start > a.arn.partition.start ? part.start + 1 : part.start;
}

/** The characters of one part of an ARN in the policy text. */
export function arnSpan(a: ValueArn, part: ArnPart): Span {
  const start = writtenStart(a, part);
  return a.value.span(start, start + part.value.length);
}

/** A part of an ARN as the user wrote it (unknown parts as written). */
export function arnText(a: ValueArn, part: ArnPart): string {
  const start = writtenStart(a, part);
  return a.value.show(start, start + part.value.length);
}

/** The edit that replaces one known part of an ARN, or undefined when the part holds an unknown one. */
export function arnPartEdit(a: ValueArn, part: ArnPart, text: string): TextEdit | undefined {
  const start = writtenStart(a, part);
  return a.value.edit(start, start + part.value.length, text);
}

/** Whether a part of an ARN holds an unknown part. */
export function arnPartUnknown(part: ArnPart): boolean {
  return hasUnknown(part.value);
}

// ---------------------------------------------------------------- checks on partly known text

/**
 * Known characters of shape[from, to) that `allowed` rejects, as runs, for
 * fields whose value is partly unknown: the unknown part may be anything, but
 * a space or a letter in an account id is wrong whatever it becomes.
 */
export function badKnownRuns(shape: string, from: number, to: number, allowed: RegExp): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = from; i < to; i++) {
    const c = shape[i];
    if (c === UNKNOWN || allowed.test(c)) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  return runs;
}
