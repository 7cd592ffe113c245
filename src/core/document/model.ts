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
import { isJsonMessage, STRING_EVENT_MEMBERS, type CliOutput } from './cliOutput';
import { concatenatedValues } from './concatenated';
import { keyPolicyNameSuffix } from './keyPolicyText';
import { stringRecord } from './stringRecords';
import { logRecordOffsets } from '../cloudtrail/logRecords';
import { isPolicyDocument, type DocumentHints, type DocumentKind } from '../types';
import { countMembers, maxDepth, scanArrayElements, scanMemberArray, scanObjectMembers, scanValue, skipSpace, skipString, type ObjectMember, type Span } from './scan';
import { isPartial, soundTree } from './sound';
import { findPastedQuirks, findSyntaxProblems, hasQuirks, MAX_NESTING, neutraliseQuirks, repairQuirks, type SyntaxProblem } from './syntax';
import * as l10n from '@vscode/l10n';
import { templateHasKmsPolicy } from '../policy/cloudFormation';
import { isYamlDocument, readYamlHolder, readYamlTemplate } from '../yaml/document';
import { readYamlKeyOutput } from '../yaml/keyOutput';
import { readYamlPolicy } from '../yaml/policyDocument';
import { isTerraformDocument, readTerraform } from '../terraform/document';
import type { TerraformPolicy } from '../terraform/translate';
import type { TerraformGrant } from '../terraform/grants';
import type { DoubleEncoding } from '../terraform/doubleEncoded';
import type { TerraformUnrotatableKey } from '../terraform/keys';
import { templateHasUnrotatableKey } from '../policy/templateRotation';
import { isTerraformJsonDocument, readTerraformJson, type TerraformJsonPolicy } from '../terraform/json';
import type { Translation } from './translation';
import type { JsonRecord } from './record';
import { templateView, touchesConstruct, type TemplateView } from './template';
import { plainTree } from './plainTree';

export type { JsonRecord } from './record';

export type DocumentFormat = 'json' | 'jsonLines' | 'yaml' | 'terraform';

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
  /** The AWS CLI command that printed the document, when KMS Lens knows it (document/cliOutput.ts). */
  cli?: CliOutput;
  /**
   * Set for a big CloudTrail log read with `recordValues: false`: its records have their
   * offsets and no value; the caller parses each one's text as it walks them (cloudtrail/logRecords.ts).
   */
  unparsedRecords?: true;
  /**
   * The tab and policy name that `aws kms get-key-policy --output text` prints after the policy when it is run
   * without `--query Policy` (document/keyPolicyText.ts): the policy before it is what the document holds.
   */
  policyNameSuffix?: { start: number; end: number };
  /** Set when the text is that many JSON documents one after another, each read on its own (document/concatenated.ts). */
  parts?: number;
  /** Set when the text is a template that is not JSON until rendered: what was read instead (document/template.ts). */
  template?: TemplateModel;
  /** Set when the text was not analysed. */
  skipped?: 'tooLarge' | 'binary';
  /**
   * A document in another language (CloudFormation YAML) read as JSON: the
   * policies are found in this JSON and put back on the document's characters
   * (`root` and `value` are then unset).
   */
  translation?: Translation;
  /** A Terraform module: its policies, each read as JSON with its kind (terraform/translate.ts). */
  terraformPolicies?: TerraformPolicy[];
  /** A Terraform module: its `aws_kms_grant` resources (terraform/grants.ts). */
  terraformGrants?: TerraformGrant[];
  /** A Terraform module: policy arguments that `jsonencode` encodes a second time (terraform/doubleEncoded.ts). */
  terraformDoubleEncoded?: DoubleEncoding[];
  /** A Terraform module: its `aws_kms_key` resources that ask for a rotation their key cannot have (terraform/keys.ts). */
  terraformUnrotatableKeys?: TerraformUnrotatableKey[];
  /** A Terraform module in JSON syntax (`*.tf.json`): where its policies are in `root` (terraform/json.ts). */
  terraformJsonPolicies?: TerraformJsonPolicy[];
  /** The text is in a language whose parser has not loaded yet (Terraform): analyse it again once `prepareFormats` has finished. */
  pending?: true;
}

/**
 * A template read through its rendered view. For a policy, `root` is the
 * policy's tree over `text` (the view), whose offsets go to the document
 * through `toDocument`; the model's own `root` is then absent.
 */
export interface TemplateModel {
  engine: TemplateView['engine'];
  constructs: TemplateView['constructs'];
  text: string;
  toDocument(offset: number): number;
  root?: Node;
  /** The view's JSON problems, on the view's offsets (those on template syntax left out). */
  problems: SyntaxProblem[];
}

export interface ModelOptions {
  /** Texts longer than this (characters) are not analysed. */
  maxFileSize: number;
  /** Segments up to this length take the tolerant tree path; longer ones the fast path. */
  treeThreshold?: number;
  /**
   * `false`: a big log's records are not checked for duplicate keys (a member count of
   * every event, about a tenth of JSON.parse's time on a 40 MB log). Only for a reader
   * that reports no syntax problems (`kms-lens grants`); diagnostics need them.
   */
  duplicateKeys?: boolean;
  /**
   * `false`: a big log as CloudTrail writes it (`{"Records": [...]}`) is not parsed here: its
   * records come with their offsets only (`unparsedRecords`), for a reader that parses each
   * record when it walks it and lets it go (`kms-lens grants`). Any other text is read as usual.
   */
  recordValues?: boolean;
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
  if (isYamlDocument(text, hints)) return buildYamlModel(text, hints);
  if (isTerraformDocument(hints)) return buildTerraformModel(text);
  if (isTerraformJsonDocument(hints)) return buildTerraformJsonModel(text);
  const threshold = options.treeThreshold ?? DEFAULT_TREE_THRESHOLD;
  const format = detectFormat(text, hints);
  return format === 'jsonLines'
    ? buildLinesModel(text, hints, allowComments, threshold)
    : buildJsonModel(text, hints, allowComments, threshold, options.duplicateKeys !== false, options.recordValues === false);
}

/**
 * A YAML document: AWS CLI output about keys (yaml/keyOutput.ts), a policy
 * kept as YAML (yaml/policyDocument.ts), a CloudFormation template with a
 * policy KMS Lens analyses (or a key that cannot rotate with rotation on),
 * Kubernetes manifests or Ansible tasks that hold one
 * (document/heldPolicies.ts), or nothing of ours.
 */
function buildYamlModel(text: string, hints: DocumentHints): DocumentModel {
  // AWS CLI output about keys printed with --output yaml (list-grants, describe-key, ...): read as its JSON form is.
  const keys = readYamlKeyOutput(text);
  if (keys) return { text, kind: keys.kind, container: keys.container, format: 'yaml', allowComments: true, syntaxProblems: [], records: keys.records, cli: keys.cli, translation: keys.translation };
  // A policy kept as YAML (its root mapping is the policy): read as the same policy in JSON is, on the YAML characters.
  const policy = readYamlPolicy(text, hints);
  if (policy) {
    const c = policy.classification;
    return { text, kind: c.kind, container: 'none', format: 'yaml', allowComments: true, syntaxProblems: [], records: [], policy: c.policy, translation: policy.translation };
  }
  const translation = readYamlTemplate(text);
  // A template with a policy KMS Lens analyses, or with a key asking for a rotation it cannot have (policy/templateRotation.ts).
  const ours = translation !== undefined && (templateHasKmsPolicy(translation.value) || templateHasUnrotatableKey(translation.value));
  const holder = ours ? undefined : readYamlHolder(text);
  if (holder) return { text, kind: 'configuration', container: 'none', format: 'yaml', allowComments: true, syntaxProblems: [], records: [], translation: holder };
  return { text, kind: ours ? 'cloudFormation' : 'other', container: 'none', format: 'yaml', allowComments: true, syntaxProblems: [], records: [], translation: ours ? translation : undefined };
}

/** A Terraform module: ours when it holds a policy KMS Lens analyses or a KMS grant. */
function buildTerraformModel(text: string): DocumentModel {
  const read = readTerraform(text);
  // A key policy that jsonencode encodes twice is ours even when nothing else in the module is (`jsonencode(file("key.json"))`).
  const ours = read !== undefined && (read.policies.length > 0 || read.grants.length > 0 || read.unrotatableKeys.length > 0 || read.doubleEncoded.some((d) => d.slot.kind === 'keyPolicy'));
  // A heredoc's JSON is sent as written: its syntax errors (a trailing comma) fail `terraform plan` and AWS alike.
  const syntaxProblems = ours ? read.policies.flatMap((p) => (p.json ? findSyntaxProblems(text, p.json.start, p.json.end, false) : [])) : [];
  return {
    text, kind: ours ? 'terraform' : 'other', container: 'none', format: 'terraform', allowComments: true, syntaxProblems, records: [],
    terraformPolicies: ours ? read.policies : undefined,
    terraformGrants: ours && read.grants.length > 0 ? read.grants : undefined,
    terraformDoubleEncoded: ours && read.doubleEncoded.length > 0 ? read.doubleEncoded : undefined,
    terraformUnrotatableKeys: ours && read.unrotatableKeys.length > 0 ? read.unrotatableKeys : undefined,
    pending: read === undefined ? true : undefined,
  };
}

/** A Terraform module in JSON syntax: ours when it holds a policy KMS Lens analyses; nothing else in it is read. */
function buildTerraformJsonModel(text: string): DocumentModel {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const value: unknown = root ? getNodeValue(root) : undefined;
  const read = root ? readTerraformJson(text, root, value) : undefined;
  const ours = read !== undefined && (read.strings.length > 0 || read.policies.length > 0 || read.grants.length > 0);
  return {
    text, kind: ours ? 'terraform' : 'other', container: 'none', format: 'json', allowComments: false, syntaxProblems: [], records: [],
    root: ours ? root : undefined, value: ours ? value : undefined,
    terraformJsonPolicies: ours ? read.strings : undefined,
    terraformPolicies: ours ? read.policies : undefined,
    terraformGrants: ours && read.grants.length > 0 ? read.grants : undefined,
  };
}

interface SegmentResult {
  problems: SyntaxProblem[];
  value: unknown;
  container: Container;
  kind: DocumentKind;
  policy?: DocumentPolicy;
  cli?: CliOutput;
  records: JsonRecord[];
  root?: Node;
  /** The segment is that many documents one after another. */
  parts?: number;
}

/** Containers whose records are JSON strings holding events (lookup-events output, CloudWatch Logs output). */
const STRING_RECORDS: ReadonlySet<Container> = new Set<Container>(['Events', 'logEvents', 'logSubscription', 'eventStrings']);

/** Containers whose records are a string member of each element of an array member. */
type MemberContainer = keyof typeof STRING_EVENT_MEMBERS;
const isMemberContainer = (c: Container): c is MemberContainer => c === 'Events' || c === 'logEvents' || c === 'logSubscription';

/** How messages name the string a record's JSON errors are in. */
function recordStringLabel(container: Container): string {
  return isMemberContainer(container) ? l10n.t('the {0} string', STRING_EVENT_MEMBERS[container].member) : l10n.t('the event string');
}

function buildJsonModel(text: string, hints: DocumentHints, allowComments: boolean, threshold: number, duplicateKeys: boolean, unparsed = false): DocumentModel {
  // A template that is not JSON until rendered (%{ for }, {% %}, unquoted ${...}): read through its rendered view.
  const view = text.length <= threshold ? templateView(text) : undefined;
  if (view) return buildTemplateModel(text, view, hints, allowComments, threshold);
  // A big log whose records its reader parses one at a time: only their offsets here.
  const offsets = unparsed && text.length > threshold ? logRecordOffsets(text) : undefined;
  if (offsets) return { text, kind: 'cloudTrail', container: 'Records', format: 'json', allowComments, syntaxProblems: [], records: offsets, unparsedRecords: true };
  // Invalid JSON may be documents one after another (AWS CLI output appended to a file): then each is read.
  const split = (): SegmentResult | undefined => {
    const parts = concatenatedValues(text);
    return parts.length >= 2 ? concatenatedSegment(text, parts, hints, allowComments, threshold) : undefined;
  };
  let seg = analyseSegment(text, 0, text.length, hints, allowComments, threshold, split, duplicateKeys);
  if (seg.problems.length > 0 && seg.parts === undefined && text.length <= threshold) seg = split() ?? seg;
  const printed = seg.problems.length > 0 && seg.parts === undefined ? keyPolicyTextOutput(text, (end) => analyseSegment(text, 0, end, hints, allowComments, threshold)) : undefined;
  if (printed) seg = printed.segment;
  markCutShort(text, seg.problems);
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
    cli: seg.cli,
    parts: seg.parts,
    policyNameSuffix: printed?.suffix,
  };
}

/**
 * A template: a policy is read from the rendered view, with its findings
 * mapped onto the template's characters; JSON errors on template syntax are
 * not errors. Anything else is read as it stands, without those errors.
 */
function buildTemplateModel(text: string, view: TemplateView, hints: DocumentHints, allowComments: boolean, threshold: number): DocumentModel {
  const seg = analyseSegment(view.text, 0, view.text.length, hints, allowComments, threshold);
  const onTemplate = (p: SyntaxProblem, map: (o: number) => number): boolean => touchesConstruct(view, map(p.start), map(p.end)) || (p.fixes ?? []).some((f) => f.edits.some((e) => touchesConstruct(view, map(e.start), map(e.end))));
  const base = { text, format: 'json' as const, allowComments, records: [] };
  if (isPolicyDocument(seg.kind) && seg.policy && !seg.policy.inString && seg.root) {
    const problems = seg.problems.filter((p) => !onTemplate(p, view.toDocument));
    const mapped = problems.map((p): SyntaxProblem => ({
      ...p,
      start: view.toDocument(p.start),
      end: view.toDocument(p.end),
      fixes: p.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: view.toDocument(e.start), end: view.toDocument(e.end) })) })),
    }));
    const template: TemplateModel = { engine: view.engine, constructs: view.constructs, text: view.text, toDocument: view.toDocument, root: seg.root, problems };
    return { ...base, kind: seg.kind, container: 'none', syntaxProblems: mapped, value: seg.value, policy: seg.policy, template };
  }
  // Not a policy once rendered: the text as it stands, without the errors its template syntax makes.
  const plain = analyseSegment(text, 0, text.length, hints, allowComments, threshold);
  const template: TemplateModel = { engine: view.engine, constructs: view.constructs, text: view.text, toDocument: view.toDocument, problems: [] };
  return { ...base, kind: plain.kind, container: plain.container, records: plain.records, root: plain.root, value: plain.value, policy: plain.policy, cli: plain.cli, syntaxProblems: plain.problems.filter((p) => !onTemplate(p, (o) => o)), template };
}

/**
 * Documents one after another, read each on its own and put together, when
 * they are all of one kind that holds records (pages of lookup-events or
 * list-grants output, describe-key outputs); undefined otherwise (the text is
 * then one damaged document).
 */
function concatenatedSegment(text: string, parts: ReadonlyArray<{ start: number; end: number }>, hints: DocumentHints, allowComments: boolean, threshold: number): SegmentResult | undefined {
  const segs = parts.map((p) => analyseSegment(text, p.start, trimEnd(text, p.start, p.end), hints, allowComments, threshold));
  const kind = segs[0].kind;
  if ((kind !== 'cloudTrail' && kind !== 'listGrants' && kind !== 'kmsOutput') || segs.some((g) => g.kind !== kind)) return undefined;
  const records: JsonRecord[] = [];
  for (const g of segs) for (const r of g.records) records.push({ ...r, index: records.length });
  const last = segs[segs.length - 1].cli;
  const first = segs[0].cli;
  // Whether more pages follow is what the last page says.
  const cli = first ? { ...first, more: last?.more } : undefined;
  return { problems: segs.flatMap((g) => g.problems), value: undefined, kind, container: segs[0].container, cli, records, parts: parts.length };
}

/**
 * `aws kms get-key-policy --output text` without `--query Policy`: the key policy, then a tab and its name
 * (`default`). The policy before the tab is read, as a key policy (no other policy is named `default`), when it
 * is valid JSON on its own; the tab and name are left to meta-key-policy-text-output.
 */
function keyPolicyTextOutput(text: string, read: (end: number) => SegmentResult): { segment: SegmentResult; suffix: { start: number; end: number } } | undefined {
  const suffix = keyPolicyNameSuffix(text);
  if (!suffix) return undefined;
  const segment = read(suffix.start);
  if (segment.problems.length > 0 || !isPolicyDocument(segment.kind) || !segment.policy || segment.policy.inString || segment.policy.shape !== 'policy') return undefined;
  const reason = l10n.t('It is aws kms get-key-policy --output text output: the policy, then a tab and its name "default", the name of every key policy.');
  segment.policy = { ...segment.policy, decision: { kind: 'keyPolicy', certain: true, alternatives: [], reason, source: 'cli' } };
  return { segment: { ...segment, kind: 'keyPolicy', cli: { command: 'kms get-key-policy' } }, suffix };
}

/** A JSON error where the text ends: most often a copy cut short, which the message then says. */
function markCutShort(text: string, problems: SyntaxProblem[]): void {
  const end = trimEnd(text, 0, text.length);
  for (const p of problems) {
    if (p.end >= end && (p.kind === 'unterminatedString' || p.kind === 'invalid')) p.message = `${p.message} ${l10n.t('The text ends here: it may have been cut short when it was copied.')}`;
  }
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

function analyseSegment(text: string, start: number, end: number, hints: DocumentHints, allowComments: boolean, threshold: number, split?: () => SegmentResult | undefined, duplicateKeys = true): SegmentResult {
  if (end - start > threshold) return fastSegment(text, start, end, hints, allowComments, split, duplicateKeys);
  // The tree path's parsers are recursive: measure the depth before running them.
  if (maxDepth(text, start, end, MAX_NESTING + 1) > MAX_NESTING) return tooDeepSegment(text, start, end);
  return treeSegment(text, start, end, hints, allowComments);
}

/**
 * Valid JSON without a pasted quirk or a duplicate key (as many members in the
 * text as in what JSON.parse made of it): findSyntaxProblems would find
 * nothing, so a typical policy skips its walk. Returns what JSON.parse made of
 * it (the segment's value), or undefined when it is not such JSON.
 */
function plainJson(source: string, quirks: ReturnType<typeof findPastedQuirks>): { value: unknown } | undefined {
  if (hasQuirks(quirks)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    return undefined;
  }
  const span = scanValue(source, skipSpace(source, 0, source.length), source.length);
  return span !== undefined && span.members === countMembers(value) ? { value } : undefined;
}

/** Small segment: tolerant tree, exact syntax problems; with errors, only what parses on its own is kept. */

function treeSegment(text: string, start: number, end: number, hints: DocumentHints, allowComments: boolean): SegmentResult {
  const original = start === 0 && end === text.length ? text : text.slice(start, end);
  // Pasted text with curly quotes or bare keys: offsets from a same-length stand-in, values from the repaired text.
  const quirks = findPastedQuirks(original);
  const plain = plainJson(original, quirks);
  const problems = plain ? [] : findSyntaxProblems(text, start, end, allowComments);
  const source = neutraliseQuirks(original, quirks);
  // Straightened quotes can turn what looked like the inside of a string into nesting: measure again.
  if (source !== original && maxDepth(source, 0, source.length, MAX_NESTING + 1) > MAX_NESTING) return tooDeepSegment(text, start, end);
  // Plain JSON (no quirk: its source is the text JSON.parse already read) takes the one-loop tree, the same nodes.
  let root = (plain && plainTree(source)) || parseTree(source, [], { allowTrailingComma: true, disallowComments: false });
  // Plain objects from JSON.parse when the text is valid (as on the fast path); the sound tree's values otherwise.
  let value: unknown = plain?.value;
  let valid = problems.length === 0;
  if (valid && !plain) {
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
  const { kind, container, policy, cli } = classifyValue(value, hints);
  const nodes = root ? recordNodes(root, container) : [];
  if (STRING_RECORDS.has(container)) {
    // Each record is read from its string (its JSON errors are reported inside it, on its characters).
    const records: JsonRecord[] = [];
    for (const node of nodes) {
      const r = stringRecord(text, start + node.offset, start + node.offset + node.length, records.length, recordStringLabel(container));
      records.push(r.record);
      problems.push(...r.problems);
    }
    problems.sort((a, b) => a.start - b.start);
    return { problems, value, kind, container, policy, cli, records, root: start === 0 ? root : undefined };
  }
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
  return { problems, value, kind, container, policy, cli, records, root: start === 0 ? root : undefined };
}

/** The value of what parses in a damaged JSON text. */
function soundValue(source: string): unknown {
  const tree = soundTree(source, parseTree(source, [], { allowTrailingComma: true, disallowComments: false }));
  return tree ? getNodeValue(tree) : undefined;
}

/** The string that holds the event in an element of lookup-events' `Events` (or of CloudWatch Logs' `events`). */
function eventStringNode(element: Node, container: MemberContainer): Node | undefined {
  if (element.type !== 'object') return undefined;
  const name = STRING_EVENT_MEMBERS[container].member;
  let found: Node | undefined;
  for (const prop of element.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key?.value === name && value?.type === 'string') found = value; // the last one, as JSON.parse keeps
  }
  // A log group's other lines (not JSON) are not records.
  if (container !== 'Events' && found && !isJsonMessage(String(found.value))) return undefined;
  return found;
}

function recordNodes(root: Node, container: Container): Node[] {
  switch (container) {
    case 'Records':
    case 'Grants':
    case 'Aliases':
    case 'Rotations': {
      const arr = findNodeAtLocation(root, [container]);
      return arr?.type === 'array' ? (arr.children ?? []) : [];
    }
    case 'Events':
    case 'logEvents':
    case 'logSubscription': {
      const arr = findNodeAtLocation(root, [STRING_EVENT_MEMBERS[container].array]);
      return arr?.type === 'array' ? (arr.children ?? []).flatMap((e) => eventStringNode(e, container) ?? []) : [];
    }
    case 'KeyMetadata':
    case 'detail': {
      const meta = findNodeAtLocation(root, [container]);
      return meta?.type === 'object' ? [meta] : [];
    }
    case 'array':
      return (root.children ?? []).filter((n) => n.type === 'object');
    case 'eventStrings':
      return (root.children ?? []).filter((n) => n.type === 'string');
    case 'single':
      return [root];
    default:
      return [];
  }
}

/** Big segment: JSON.parse for values, the scanner for offsets; the tolerant visitor only if parsing fails. */
function fastSegment(text: string, start: number, end: number, hints: DocumentHints, allowComments: boolean, split?: () => SegmentResult | undefined, duplicateKeys = true): SegmentResult {
  const source = text.slice(start, end);
  let value: unknown;
  let parsed = true;
  try {
    value = JSON.parse(source);
  } catch {
    parsed = false;
  }
  if (!parsed) return split?.() ?? brokenBigSegment(text, start, end, hints, allowComments);

  const { kind, container, policy, cli } = classifyValue(value, hints);
  if (STRING_RECORDS.has(container)) return fastStringSegment(text, start, end, value, { kind, container, policy, cli }) ?? brokenBigSegment(text, start, end, hints, allowComments);
  // A policy has no records to stream: it takes the tree path whatever its size, so that one of
  // 6 MB (50,000 statements) is still told it is too large, and what it grants to everyone.
  // So do templates and IAM outputs over the size of a tree (a CDK template of 2 MB): their policies are found in the tree.
  if ((policy || kind === 'cloudFormation' || kind === 'iamOutput' || kind === 'configuration') && start === 0 && end === text.length) {
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
    if (duplicateKeys && span.members !== countMembers(v)) {
      problems.push(...findSyntaxProblems(text, span.start, span.end, allowComments).filter((p) => p.kind === 'duplicateKey'));
    }
    return { index, start: span.start, end: span.end, value: v, broken: false };
  });
  return { problems, value, kind, container, policy, cli, records };
}

/**
 * A big lookup-events output, valid JSON: the scanner finds each event's string, and the
 * string's value (which JSON.parse already made) is the record's text. Undefined when the
 * scanner and the values disagree (the caller then takes the tolerant path).
 */
function fastStringSegment(text: string, start: number, end: number, value: unknown, c: Pick<SegmentResult, 'kind' | 'container' | 'policy' | 'cli'>): SegmentResult | undefined {
  const first = skipSpace(text, start, end);
  const strings: Array<{ span: Span; decoded: string }> = [];
  if (isMemberContainer(c.container)) {
    const { array, member: name } = STRING_EVENT_MEMBERS[c.container];
    const elements = (value as Record<string, unknown[]>)[array];
    const spans = scanMemberArray(text, first, end, array);
    if (!spans || spans.length !== elements.length) return undefined;
    for (let i = 0; i < spans.length; i++) {
      const e = elements[i];
      if (!isObject(e) || typeof e[name] !== 'string') continue;
      // A log group's other lines (not JSON) are not records.
      if (c.container !== 'Events' && !isJsonMessage(e[name] as string)) continue;
      let member: ObjectMember | undefined;
      for (const m of scanObjectMembers(text, spans[i].start, spans[i].end) ?? []) if (m.key === name) member = m;
      const literal = member && scanValue(text, member.valueStart, spans[i].end);
      if (!literal) return undefined;
      strings.push({ span: literal, decoded: e[name] as string });
    }
  } else {
    const elements = value as unknown[];
    const spans = scanArrayElements(text, first, end);
    if (!spans || spans.length !== elements.length) return undefined;
    spans.forEach((span, i) => strings.push({ span, decoded: elements[i] as string }));
  }
  const problems: SyntaxProblem[] = [];
  const records = strings.map(({ span, decoded }, index) => {
    const r = stringRecord(text, span.start, span.end, index, recordStringLabel(c.container), decoded);
    problems.push(...r.problems);
    return r.record;
  });
  return { problems, value, ...c, records };
}

function elementsOf(value: unknown, container: Container): unknown[] {
  switch (container) {
    case 'Records':
    case 'Grants':
    case 'Aliases':
    case 'Rotations':
      return (value as Record<string, unknown[]>)[container];
    case 'KeyMetadata':
    case 'detail':
      return [(value as Record<string, unknown>)[container]];
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
    case 'Aliases':
    case 'Rotations':
      return scanMemberArray(text, first, end, container);
    case 'KeyMetadata':
    case 'detail': {
      let member: ObjectMember | undefined;
      for (const m of scanObjectMembers(text, first, end) ?? []) if (m.key === container) member = m;
      const span = member && scanValue(text, member.valueStart, end);
      return span ? [span] : undefined;
    }
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
  const { kind, container, policy, cli } = classifyValue(value, hints);
  value = undefined; // collectable while the records are read
  // Offsets of the records: a tolerant tree of the container only would still be the whole file,
  // so find each record's extent by scanning from its opening brace.
  const records: JsonRecord[] = [];
  for (const s of recordStartsTolerant(source, container)) {
    const e = tolerantEnd(source, s);
    if (isMemberContainer(container)) {
      // An element of lookup-events' Events (a few KB): its tree finds the event's string.
      const element = parseTree(source.slice(s, e), [], { allowTrailingComma: true, disallowComments: false });
      const literal = element && eventStringNode(element, container);
      if (!literal) continue;
      const r = stringRecord(text, start + s + literal.offset, start + s + literal.offset + literal.length, records.length, recordStringLabel(container));
      problems.push(...r.problems);
      records.push(r.record);
      continue;
    }
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
  problems.sort((a, b) => a.start - b.start);
  return { problems, value, kind, container, policy, cli, records };
}

/** Offsets of the '{' of each element of the container, found by bracket depth (tolerant of errors). */
function recordStartsTolerant(source: string, container: Container): number[] {
  const depthOfRecords = container === 'Records' || container === 'Grants' || container === 'Events' || container === 'logEvents' || container === 'logSubscription' || container === 'Aliases' || container === 'Rotations' ? 2 : container === 'array' || container === 'KeyMetadata' || container === 'detail' ? 1 : 0;
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

/** The offset in a record's own text (where its tree's offsets are) of a document offset; undefined outside it. */
export function recordOffset(record: JsonRecord, offset: number): number | undefined {
  if (record.inString) return record.inString.fromDocument?.(offset);
  return offset >= record.start && offset <= record.end ? offset - record.start : undefined;
}

/** The document offset of an offset in a record's own text. */
export function documentOffset(record: JsonRecord, local: number): number {
  return record.inString ? record.inString.toDocument(local) : record.start + local;
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
  return { start: documentOffset(record, at.offset), end: documentOffset(record, at.offset + at.length) };
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

const eventRecordsOf = new WeakMap<DocumentModel, readonly JsonRecord[]>();

/**
 * The records of a model that are CloudTrail events (list-grants entries are not);
 * found once per model (the rule runner and the policies in events both ask).
 */
export function eventRecords(model: DocumentModel): readonly JsonRecord[] {
  if (model.kind !== 'cloudTrail') return [];
  let records = eventRecordsOf.get(model);
  if (!records) eventRecordsOf.set(model, (records = model.records.filter((r) => isEventLike(r.value))));
  return records;
}
