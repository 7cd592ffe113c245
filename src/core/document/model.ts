/**
 * Text -> DocumentModel: what the document is, its syntax problems, and its
 * records (CloudTrail events or list-grants entries) with their offsets.
 *
 * Two paths, chosen per JSON segment (the whole text, or one line of JSON Lines):
 * - small segments: a tolerant jsonc-parser tree (exact, works on broken JSON);
 * - big segments: `JSON.parse` for the values and a flat scanner for the record
 *   offsets, with no parse tree (a 40 MB log would need ~730 MB as a tree).
 *   Position information inside a record is built lazily by `recordTree`.
 */
import { parse as tolerantParse, parseTree, getNodeValue, findNodeAtLocation, type Node, type JSONPath } from 'jsonc-parser';
import { classifyValue, isEventLike, isObject, sniffKind, type Container, type DocumentPolicy } from '../classify';
import type { DocumentHints, DocumentKind } from '../types';
import { countMembers, maxDepth, scanArrayElements, scanMemberArray, scanObjectMembers, scanValue, skipSpace, skipString, type ObjectMember, type Span } from './scan';
import { isPartial, soundTree } from './sound';
import { findPastedQuirks, findSyntaxProblems, hasQuirks, MAX_NESTING, neutraliseQuirks, repairQuirks, type SyntaxProblem } from './syntax';
import * as l10n from '@vscode/l10n';

export interface JsonRecord {
  index: number;
  /** Offsets of the record's JSON value in the document text. */
  start: number;
  end: number;
  value: unknown;
  /**
   * The record's text has syntax problems. Its value is then what survives of
   * it (document/sound.ts): every member whose own text parses.
   */
  broken: boolean;
  /** A JSON error cost the record a member (or more): rules about what is absent stay quiet. */
  partial?: boolean;
  /**
   * Set when the record's JSON is the content of a JSON string of the document
   * (as the `CloudTrailEvent` of `aws cloudtrail lookup-events` output is):
   * the decoded text the record is read from, and where each of its characters
   * is in the document (policy/jsonString.ts decodes such strings). `start` and
   * `end` are then the string literal's. Ranges inside the record go through
   * `toDocument`, so event rules and hovers need not know.
   */
  inString?: { text: string; toDocument(offset: number): number };
}

export type DocumentFormat = 'json' | 'jsonLines';

export interface DocumentModel {
  text: string;
  kind: DocumentKind;
  container: Container;
  format: DocumentFormat;
  allowComments: boolean;
  syntaxProblems: SyntaxProblem[];
  /** CloudTrail events or list-grants entries, in document order. */
  records: JsonRecord[];
  /** Tolerant parse tree of the whole text (single-document JSON below the size threshold). */
  root?: Node;
  /** Value of the whole text (single-document JSON). */
  value?: unknown;
  /** For a policy document: the policy's shape and the kind it was read as (`kind` is that kind). */
  policy?: DocumentPolicy;
  /** Set when the text was not analysed. */
  skipped?: 'tooLarge' | 'binary';
}

export interface ModelOptions {
  /** Texts longer than this (characters) are not analysed. */
  maxFileSize: number;
  /** Segments up to this length take the tolerant tree path; longer ones the fast path. */
  treeThreshold?: number;
}

const DEFAULT_TREE_THRESHOLD = 1024 * 1024;
const LINE_FORMAT_EXTENSIONS = /\.(jsonl|ndjson|log)$/i;

function extensionOf(fileName: string | undefined): string {
  const m = /\.[^./\\]+$/.exec(fileName ?? '');
  return m ? m[0].toLowerCase() : '';
}

/** JSON Lines by language or extension, or pasted text whose first line is a whole JSON object followed by more. */
export function detectFormat(text: string, hints: DocumentHints): DocumentFormat {
  if (hints.languageId === 'jsonl' || LINE_FORMAT_EXTENSIONS.test(hints.fileName ?? '')) return 'jsonLines';
  if (hints.languageId === 'json' && extensionOf(hints.fileName) === '.json') return 'json';
  const firstStart = skipSpace(text, 0, text.length);
  const firstEnd = text.indexOf('\n', firstStart);
  if (firstEnd === -1 || text.charCodeAt(firstStart) !== 123 /* { */) return 'json';
  const secondStart = skipSpace(text, firstEnd, text.length);
  if (secondStart >= text.length || text.charCodeAt(secondStart) !== 123) return 'json';
  try {
    return isObject(JSON.parse(text.slice(firstStart, firstEnd))) ? 'jsonLines' : 'json';
  } catch {
    return 'json';
  }
}

function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

export function buildModel(text: string, hints: DocumentHints, options: ModelOptions): DocumentModel {
  const allowComments = hints.languageId === 'jsonc';
  const empty = (kind: DocumentKind, skipped?: DocumentModel['skipped']): DocumentModel => ({
    text, kind, container: 'none', format: 'json', allowComments, syntaxProblems: [], records: [], skipped,
  });
  if (text.length > options.maxFileSize) return empty(sniffKind(text), 'tooLarge');
  if (looksBinary(text)) return empty('other', 'binary');
  const threshold = options.treeThreshold ?? DEFAULT_TREE_THRESHOLD;
  const format = detectFormat(text, hints);
  return format === 'jsonLines'
    ? buildLinesModel(text, hints, allowComments, threshold)
    : buildJsonModel(text, hints, allowComments, threshold);
}

interface SegmentResult {
  problems: SyntaxProblem[];
  value: unknown;
  container: Container;
  kind: DocumentKind;
  policy?: DocumentPolicy;
  records: JsonRecord[];
  root?: Node;
}

function buildJsonModel(text: string, hints: DocumentHints, allowComments: boolean, threshold: number): DocumentModel {
  const seg = analyseSegment(text, 0, text.length, hints, allowComments, threshold);
  return {
    text,
    kind: seg.kind,
    container: seg.container,
    format: 'json',
    allowComments,
    syntaxProblems: seg.problems,
    records: seg.records,
    root: seg.root,
    value: seg.value,
    policy: seg.policy,
  };
}

function buildLinesModel(text: string, hints: DocumentHints, allowComments: boolean, threshold: number): DocumentModel {
  // In a .log file, lines that are not JSON objects are ordinary log lines: not ours to judge.
  const onlyObjectLines = extensionOf(hints.fileName) === '.log' || hints.languageId === 'log';
  const problems: SyntaxProblem[] = [];
  const records: JsonRecord[] = [];
  let kind: DocumentKind = 'other';
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const first = skipSpace(text, lineStart, contentEnd);
    if (first < contentEnd && (!onlyObjectLines || text.charCodeAt(first) === 123)) {
      const seg = analyseSegment(text, first, trimEnd(text, first, contentEnd), hints, allowComments, threshold);
      problems.push(...seg.problems);
      for (const r of seg.records) records.push({ ...r, index: records.length });
      // Lines of policies are not analysed as policies (one policy per document): only events make JSON Lines ours.
      if (kind === 'other' && (seg.kind === 'cloudTrail' || seg.kind === 'listGrants')) kind = seg.kind;
    }
    lineStart = lineEnd + 1;
  }
  // JSON Lines of CloudTrail: every line is a record; lines that are not events are not records.
  const container: Container = kind === 'cloudTrail' ? 'array' : 'none';
  return { text, kind, container, format: 'jsonLines', allowComments, syntaxProblems: problems, records: kind === 'other' ? [] : records };
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c !== 32 && c !== 9 && c !== 13) break;
    end--;
  }
  return end;
}

function tooDeep(start: number): SyntaxProblem {
  return {
    kind: 'tooDeep',
    start,
    end: start + 1,
    message: l10n.t('Nested more than {0} levels deep: KMS Lens does not analyse this JSON (no policy or CloudTrail event is this deep).', MAX_NESTING),
  };
}

/** Deeper than MAX_NESTING: said only if it looks like ours; deep JSON of any other kind is not our business. */
function tooDeepSegment(text: string, start: number, end: number): SegmentResult {
  return { problems: [tooDeep(start)], value: undefined, container: 'none', kind: sniffKind(text.slice(start, Math.min(end, start + 65536))), records: [] };
}

function analyseSegment(text: string, start: number, end: number, hints: DocumentHints, allowComments: boolean, threshold: number): SegmentResult {
  if (end - start > threshold) return fastSegment(text, start, end, hints, allowComments);
  // The tree path's parsers are recursive: measure the depth before running them.
  if (maxDepth(text, start, end, MAX_NESTING + 1) > MAX_NESTING) return tooDeepSegment(text, start, end);
  return treeSegment(text, start, end, hints, allowComments);
}

/** Small segment: tolerant tree, exact syntax problems; with errors, only what parses on its own is kept. */
function treeSegment(text: string, start: number, end: number, hints: DocumentHints, allowComments: boolean): SegmentResult {
  const problems = findSyntaxProblems(text, start, end, allowComments);
  const original = start === 0 && end === text.length ? text : text.slice(start, end);
  // Pasted text with curly quotes or bare keys: offsets from a same-length stand-in, values from the repaired text.
  const quirks = findPastedQuirks(original);
  const source = neutraliseQuirks(original, quirks);
  // Straightened quotes can turn what looked like the inside of a string into nesting: measure again.
  if (source !== original && maxDepth(source, 0, source.length, MAX_NESTING + 1) > MAX_NESTING) return tooDeepSegment(text, start, end);
  let root = parseTree(source, [], { allowTrailingComma: true, disallowComments: false });
  // Plain objects from JSON.parse when the text is valid (as on the fast path); the sound tree's values otherwise.
  let value: unknown;
  let valid = problems.length === 0;
  if (valid) {
    try {
      value = JSON.parse(source);
    } catch {
      valid = false; // comments in a JSONC document
    }
  }
  if (!valid) root = soundTree(source, root);
  let elements: unknown[] | undefined;
  if (!valid && hasQuirks(quirks)) value = soundValue(repairQuirks(original, quirks));
  else if (!valid) value = root ? getNodeValue(root) : undefined;
  const { kind, container, policy } = classifyValue(value, hints);
  const nodes = root ? recordNodes(root, container) : [];
  if (valid || hasQuirks(quirks)) {
    const all = elementsOf(value, container);
    elements = all.length === nodes.length ? all : undefined;
  }
  const records = nodes.map((node, index): JsonRecord => {
    const s = start + node.offset;
    const e = s + node.length;
    const broken = problems.some((p) => p.start >= s && p.start < e);
    return { index, start: s, end: e, value: elements ? elements[index] : getNodeValue(node), broken, partial: isPartial(node) };
  });
  // The tree is kept only when its offsets are the document's (single-document JSON).
  return { problems, value, kind, container, policy, records, root: start === 0 ? root : undefined };
}

/** The value of what parses in a damaged JSON text. */
function soundValue(source: string): unknown {
  const tree = soundTree(source, parseTree(source, [], { allowTrailingComma: true, disallowComments: false }));
  return tree ? getNodeValue(tree) : undefined;
}

function recordNodes(root: Node, container: Container): Node[] {
  switch (container) {
    case 'Records':
    case 'Grants': {
      const arr = findNodeAtLocation(root, [container]);
      return arr?.type === 'array' ? (arr.children ?? []) : [];
    }
    case 'array':
      return (root.children ?? []).filter((n) => n.type === 'object');
    case 'single':
      return [root];
    default:
      return [];
  }
}

/** Big segment: JSON.parse for values, the scanner for offsets; the tolerant visitor only if parsing fails. */
function fastSegment(text: string, start: number, end: number, hints: DocumentHints, allowComments: boolean): SegmentResult {
  const source = text.slice(start, end);
  let value: unknown;
  let parsed = true;
  try {
    value = JSON.parse(source);
  } catch {
    parsed = false;
  }
  if (!parsed) return brokenBigSegment(text, start, end, hints, allowComments);

  const { kind, container, policy } = classifyValue(value, hints);
  // A policy has no records to stream: it takes the tree path whatever its size, so that one of
  // 6 MB (50,000 statements) is still told it is too large, and what it grants to everyone.
  if (policy && start === 0 && end === text.length) {
    if (maxDepth(text, start, end, MAX_NESTING + 1) > MAX_NESTING) return tooDeepSegment(text, start, end);
    return treeSegment(text, start, end, hints, allowComments);
  }
  const elements = elementsOf(value, container);
  const spans = containerSpans(text, start, end, container);
  if (!spans || spans.length !== elements.length) return brokenBigSegment(text, start, end, hints, allowComments);
  // JSON.parse and the scanner are iterative, so depth is only measured here, by the scan itself
  // (a separate pass over 40 MB would cost as much as a tenth of the parse).
  if (spans.some((s) => s.depth > MAX_NESTING)) return tooDeepSegment(text, start, end);

  const problems: SyntaxProblem[] = [];
  const records: JsonRecord[] = spans.map((span, index) => {
    const v = elements[index];
    // JSON.parse silently drops duplicate keys; a member count that differs from the text's reveals them.
    if (span.members !== countMembers(v)) {
      problems.push(...findSyntaxProblems(text, span.start, span.end, allowComments).filter((p) => p.kind === 'duplicateKey'));
    }
    return { index, start: span.start, end: span.end, value: v, broken: false };
  });
  return { problems, value, kind, container, policy, records };
}

function elementsOf(value: unknown, container: Container): unknown[] {
  switch (container) {
    case 'Records':
    case 'Grants':
      return (value as Record<string, unknown[]>)[container];
    case 'array':
      return (value as unknown[]).filter((e) => isObject(e));
    case 'single':
      return [value];
    default:
      return [];
  }
}

function containerSpans(text: string, start: number, end: number, container: Container): Span[] | undefined {
  const first = skipSpace(text, start, end);
  switch (container) {
    case 'Records':
    case 'Grants':
      return scanMemberArray(text, first, end, container);
    case 'array':
      return scanArrayElements(text, first, end)?.filter((s) => text.charCodeAt(s.start) === 123);
    case 'single': {
      const span = scanValue(text, first, end);
      return span ? [span] : undefined;
    }
    default:
      return [];
  }
}

/**
 * A big segment that is not valid JSON: exact problems from the streaming visitor, the kind from the
 * tolerant parser, and each record read on its own, as the small-segment path reads it: JSON.parse
 * when the record's text is valid, what parses of it (document/sound.ts) when it is not.
 */
function brokenBigSegment(text: string, start: number, end: number, hints: DocumentHints, allowComments: boolean): SegmentResult {
  // The visitor and the tolerant parser are recursive.
  if (maxDepth(text, start, end, MAX_NESTING + 1) > MAX_NESTING) return tooDeepSegment(text, start, end);
  const problems = findSyntaxProblems(text, start, end, allowComments);
  const source = text.slice(start, end);
  // The kind from the tolerant parser's values (no tree: a tree of a 40 MB log would not fit in memory).
  let value: unknown = tolerantParse(source, [], { allowTrailingComma: true, disallowComments: false });
  const { kind, container, policy } = classifyValue(value, hints);
  value = undefined; // collectable while the records are read
  // Offsets of the records: a tolerant tree of the container only would still be the whole file,
  // so find each record's extent by scanning from its opening brace.
  const records: JsonRecord[] = [];
  for (const s of recordStartsTolerant(source, container)) {
    const e = tolerantEnd(source, s);
    const broken = problems.some((p) => p.start >= start + s && p.start < start + e);
    const record: JsonRecord = { index: records.length, start: start + s, end: start + e, value: undefined, broken };
    if (!broken) {
      try {
        record.value = JSON.parse(source.slice(s, e));
      } catch {
        record.broken = true;
      }
    }
    if (record.broken) {
      const tree = soundTree(source.slice(s, e), parseTree(source.slice(s, e), [], { allowTrailingComma: true, disallowComments: false }));
      if (!tree) continue;
      record.value = getNodeValue(tree);
      record.partial = isPartial(tree);
    }
    if (container === 'array' && !isObject(record.value)) continue;
    records.push(record);
  }
  // The records hold their own values; the whole tolerant value was only needed to tell the kind.
  return { problems, value, kind, container, policy, records };
}

/** Offsets of the '{' of each element of the container, found by bracket depth (tolerant of errors). */
function recordStartsTolerant(source: string, container: Container): number[] {
  const depthOfRecords = container === 'Records' || container === 'Grants' ? 2 : container === 'array' ? 1 : 0;
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34 || c === 10) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (depth === depthOfRecords && c === 123) starts.push(i);
      depth++;
    } else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
  }
  return starts;
}

function tolerantEnd(source: string, s: number): number {
  let depth = 0;
  let inString = false;
  for (let i = s; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34 || c === 10) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return source.length;
}

const recordTrees = new WeakMap<JsonRecord, Node | null>();

/**
 * The parse tree of one record (offsets relative to `record.start`, or to the
 * decoded text of a record in a string), built on
 * first use and kept while the record lives. Findings and hovers use it to
 * turn a JSON path into a range.
 */
export function recordTree(model: DocumentModel, record: JsonRecord): Node | undefined {
  let tree = recordTrees.get(record);
  if (tree === undefined) {
    // parseTree is recursive; a record from the fast path was never measured for depth.
    const slice = record.inString?.text ?? model.text.slice(record.start, record.end);
    const tooDeepRecord = maxDepth(slice, 0, slice.length, MAX_NESTING + 1) > MAX_NESTING;
    const parsed = tooDeepRecord ? undefined : parseTree(slice, [], { allowTrailingComma: true, disallowComments: false });
    // A damaged record is read as its value was: only the members that parse (document/sound.ts).
    tree = (record.broken ? soundTree(slice, parsed) : parsed) ?? null;
    recordTrees.set(record, tree);
  }
  return tree ?? undefined;
}

export interface OffsetRange {
  start: number;
  end: number;
  /**
   * The path was not found in the record's text (a value read through a repair, such as
   * curly quotes, that the sound tree does not hold): the range is the record's first
   * character, good for a finding, never for an edit. Spread into an edit, the flag travels
   * with it, and the analysis drops such a fix (analyze.ts).
   */
  unlocated?: true;
}

/**
 * Range of the value (or of the property name, with `target: 'key'`) at `path`
 * inside a record; the whole record if the path does not exist.
 */
export function rangeInRecord(model: DocumentModel, record: JsonRecord, path: JSONPath, target: 'key' | 'value' = 'value'): OffsetRange {
  // Valid records are located with the flat scanner: no tree is built or kept, so a rule that
  // reports on every event of a 40 MB log does not turn the log into a parse tree after all.
  if (!record.broken && !record.inString) {
    const found = scanPath(model.text, record.start, record.end, path, target);
    if (found) return found;
  }
  const tree = recordTree(model, record);
  const node = tree && path.length > 0 ? findNodeAtLocation(tree, path) : tree;
  if (!node) return { start: record.start, end: record.start + 1, unlocated: true };
  const at = target === 'key' && node.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
  const toDocument = record.inString?.toDocument ?? ((o: number) => record.start + o);
  return { start: toDocument(at.offset), end: toDocument(at.offset + at.length) };
}

/**
 * The range of the value (or key) at `path` in the valid JSON value in [start, end), by scanning;
 * undefined when the path does not exist or the text is not valid JSON (the caller then uses a tree).
 * Where an object repeats a key, the last one counts, as in JSON.parse.
 */
function scanPath(text: string, start: number, end: number, path: JSONPath, target: 'key' | 'value'): OffsetRange | undefined {
  let pos = skipSpace(text, start, end);
  let keyStart = -1;
  for (const segment of path) {
    if (typeof segment === 'number') {
      const spans = scanArrayElements(text, pos, end);
      const span = spans?.[segment];
      if (!span) return undefined;
      pos = span.start;
      keyStart = -1;
    } else {
      const members = scanObjectMembers(text, pos, end);
      let member: ObjectMember | undefined;
      for (const m of members ?? []) if (m.key === segment) member = m;
      if (!member) return undefined;
      pos = member.valueStart;
      keyStart = member.keyStart;
    }
  }
  if (target === 'key' && keyStart >= 0) {
    const keyEnd = skipString(text, keyStart, end);
    return keyEnd === -1 ? undefined : { start: keyStart, end: keyEnd };
  }
  const value = scanValue(text, pos, end);
  return value ? { start: value.start, end: value.end } : undefined;
}

/** The records of a model that are CloudTrail events (list-grants entries are not). */
export function eventRecords(model: DocumentModel): JsonRecord[] {
  return model.kind === 'cloudTrail' ? model.records.filter((r) => isEventLike(r.value)) : [];
}
