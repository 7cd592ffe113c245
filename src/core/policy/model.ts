/**
 * A normalised view of one IAM policy document, built from a jsonc-parser tree.
 * Policy rules, hovers, completions and (later) the policy/log evaluator read
 * this instead of walking JSON: every value keeps the node it came from, so a
 * finding can point at the exact token, and its known and unknown parts
 * (value.ts), so a placeholder or a CloudFormation function is read the same
 * way everywhere.
 */
import type { Node } from 'jsonc-parser';
import type { SyntaxProblem } from '../document/syntax';
import type { TextEdit } from '../types';
import { alternatives, isIntrinsic, isNoValue } from './intrinsics';
import type { KindDecision, PolicyKind } from './kinds';
import { readContext, type LiteralSyntax, type ReadContext } from './placeholders';
import { listValues, readValue, type ListedValue, type PolicyValue } from './value';

export interface Member {
  name: string;
  /** The property-name string node. */
  key: Node;
  /** The value node. */
  value: Node;
}

/** One value of an element: a string, or a CloudFormation function that stands for one (value.ts). */
export type StringValue = ListedValue;

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*' | string;

export interface PrincipalValue {
  /** The key under Principal (AWS, Service, ...), or '*' for `"Principal": "*"`. */
  type: PrincipalType;
  /** As written (unknown parts as written). */
  value: string;
  node: Node;
  parts: PolicyValue;
  /** Node of the type key (absent for `"Principal": "*"`). */
  typeNode: Node | undefined;
  /** From one alternative of a CloudFormation `Fn::If`. */
  conditional: boolean;
}

export interface ConditionEntry {
  /** e.g. StringEquals, ForAllValues:StringLike, BoolIfExists */
  operator: string;
  operatorNode: Node;
  key: string;
  keyNode: Node;
  /** The value node as written (string, array, boolean, number...). */
  valueNode: Node;
  /**
   * Each value, one per array element (or the single value; both alternatives
   * of an `Fn::If`). `value` is the JSON value (a number stays a number); for
   * a string or a CloudFormation function, `parts` has its known and unknown
   * parts and `value` is the string as written.
   */
  values: ConditionValue[];
}

export interface ConditionValue {
  value: unknown;
  node: Node;
  parts: PolicyValue | undefined;
  conditional: boolean;
}

export interface Statement {
  node: Node;
  index: number;
  members: Member[];
  /** First member of each name (duplicates are reported by the syntax rules). */
  byName: Map<string, Member>;
  sid?: StringValue;
  effect?: StringValue;
  actions: StringValue[];
  notActions: StringValue[];
  resources: StringValue[];
  notResources: StringValue[];
  principals: PrincipalValue[];
  notPrincipals: PrincipalValue[];
  conditions: ConditionEntry[];
  /**
   * Elements (`Action`, `Principal`, ...) whose lists may hold more or fewer
   * values than those read: entries that are not values, wholly unknown values
   * (a `Ref` may be a list), `Fn::If` alternatives. Rules must not conclude
   * that something is absent from them.
   */
  open: ReadonlySet<string>;
  /** The statement is one alternative of a CloudFormation `Fn::If` in the Statement list. */
  conditional: boolean;
  /**
   * For a conditional statement: each `Fn::If` it is inside (by the offset of its node) and which of its two
   * alternatives holds it, outermost first. Two statements in different alternatives of one `Fn::If` are never
   * in the policy together (statementsExclusive).
   */
  branches?: ReadonlyArray<{ at: number; branch: number }>;
}

/** Whether two statements are different alternatives of one CloudFormation `Fn::If`: the policy holds one or the other, never both. */
export function statementsExclusive(a: Statement, b: Statement): boolean {
  return (a.branches ?? []).some((x) => (b.branches ?? []).some((y) => y.at === x.at && y.branch !== x.branch));
}

export interface PolicyModel {
  /** The text the nodes' offsets refer to (the document, or an embedded policy string decoded). */
  text: string;
  root: Node;
  /** What the policy was read as (the same as `decision.kind`). */
  kind: PolicyKind;
  /** The kind, how sure KMS Lens is of it, and why (policy/detectKind.ts). */
  decision: KindDecision;
  /**
   * Set when the text holds statements without the policy around them: one
   * statement object (`root` is the statement) or an array of statements.
   * Rules about the whole policy (Version, lockout) stay quiet about fragments.
   */
  fragment?: 'statement' | 'statements';
  /** Where the policy sits in the document: standalone, a template property, or an event's policy string. */
  origin: 'document' | 'embedded' | 'string';
  /** Maps an offset in `text` to an offset in the document. */
  toDocument(offset: number): number;
  /** Encodes replacement text for the document (JSON-escapes it when the policy is inside a string). */
  encode(newText: string): string;
  /**
   * Set for a policy read from a translation (CloudFormation YAML): turns a
   * fix's edits into document edits (`toDocument` and `encode` are then not
   * applied to them), or undefined when the fix cannot be written there.
   */
  mapEdits?(edits: readonly TextEdit[]): TextEdit[] | undefined;
  /** How values are read from this policy's nodes (value.ts); hovers use it for nodes they reach on their own. */
  read: ReadContext;
  members: Member[];
  byName: Map<string, Member>;
  statements: Statement[];
  /** What the surroundings say about the key (the event's account and Region, the template's key). */
  context: PolicyContext;
  /**
   * JSON problems inside the policy's text. For a policy decoded from a string
   * they are reported by policy-string-syntax; for the others the syntax rules
   * report them, and policy rules use them only to stay quiet about broken parts.
   */
  syntaxProblems?: SyntaxProblem[];
}

export interface PolicyContext {
  /** The account the policy belongs to, when the document says (e.g. an event's recipientAccountId). */
  account?: string;
  /** The Region of the key the policy is attached to, when the document says. */
  region?: string;
  /** The ARN of the key the policy is attached to, when the document says. */
  keyArn?: string;
  /** The policy sits in a CloudFormation template, where values may be intrinsic functions. */
  template?: boolean;
  /** The policy sits in a Terraform module, where `${...}` and bare expressions are Terraform's references. */
  terraform?: boolean;
  /** The policy sits in a Serverless Framework service, whose `${...}` variables the framework fills in at deploy. */
  serverless?: boolean;
}

export function membersOf(node: Node | undefined): Member[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: Member[] = [];
  for (const prop of node.children) {
    const [key, value] = prop.children ?? [];
    if (key && value && key.type === 'string') out.push({ name: String(key.value), key, value });
  }
  return out;
}

function firstByName(members: Member[]): Map<string, Member> {
  const map = new Map<string, Member>();
  for (const m of members) if (!map.has(m.name)) map.set(m.name, m);
  return map;
}

/** The values of a "string or array of strings" element; entries that are not values are skipped (rules report their type). */
export function stringValues(node: Node | undefined, read: ReadContext): { values: StringValue[]; open: boolean } {
  return listValues(node, read);
}

function principalsOf(node: Node | undefined, read: ReadContext): { values: PrincipalValue[]; open: boolean } {
  if (!node) return { values: [], open: false };
  if (node.type === 'string') {
    const parts = readValue(node, read)!;
    return { values: [{ type: '*', value: parts.written, node, parts, typeNode: undefined, conditional: false }], open: false };
  }
  // `"Principal": {"Fn::If": [cond, {...}, {...}]}`: the principals of both alternatives.
  const whole = isIntrinsic(node);
  const objects = whole ? (alternatives(node) ?? []).filter((n) => n.type === 'object') : [node];
  const out: PrincipalValue[] = [];
  let open = whole;
  for (const object of objects) {
    for (const m of membersOf(object)) {
      const list = stringValues(m.value, read);
      open ||= list.open;
      for (const v of list.values) out.push({ type: m.name, value: v.value, node: v.node, parts: v.parts, typeNode: m.key, conditional: v.conditional || whole });
    }
  }
  return { values: out, open };
}

function leafValue(node: Node): unknown {
  return node.type === 'object' || node.type === 'array' ? undefined : node.value;
}

function conditionValues(node: Node, read: ReadContext): ConditionValue[] {
  const out: ConditionValue[] = [];
  const add = (n: Node, conditional: boolean): void => {
    const alt = alternatives(n);
    if (alt) {
      for (const a of alt) for (const c of a.type === 'array' ? a.children ?? [] : [a]) if (!isNoValue(c)) add(c, true);
      return;
    }
    const parts = n.type === 'string' || isIntrinsic(n) ? readValue(n, read) : undefined;
    out.push({ value: parts ? parts.written : leafValue(n), node: n, parts, conditional });
  };
  for (const c of node.type === 'array' ? node.children ?? [] : [node]) add(c, false);
  return out;
}

function conditionsOf(node: Node | undefined, read: ReadContext): ConditionEntry[] {
  const out: ConditionEntry[] = [];
  for (const op of membersOf(node)) {
    for (const k of membersOf(op.value)) {
      out.push({ operator: op.name, operatorNode: op.key, key: k.name, keyNode: k.key, valueNode: k.value, values: conditionValues(k.value, read) });
    }
  }
  return out;
}

const LISTS = ['Action', 'NotAction', 'Resource', 'NotResource'] as const;

export function buildStatement(node: Node, index: number, read: ReadContext, conditional = false, branches?: ReadonlyArray<{ at: number; branch: number }>): Statement {
  const members = membersOf(node);
  const byName = firstByName(members);
  const str = (name: string): StringValue | undefined => {
    const m = byName.get(name);
    const parts = m && m.value.type === 'string' ? readValue(m.value, read) : undefined;
    return m && parts ? { value: parts.written, node: m.value, parts, conditional: false } : undefined;
  };
  const open = new Set<string>();
  const lists = {} as Record<(typeof LISTS)[number], StringValue[]>;
  for (const name of LISTS) {
    const list = stringValues(byName.get(name)?.value, read);
    lists[name] = list.values;
    if (list.open) open.add(name);
  }
  const principals = principalsOf(byName.get('Principal')?.value, read);
  const notPrincipals = principalsOf(byName.get('NotPrincipal')?.value, read);
  if (principals.open) open.add('Principal');
  if (notPrincipals.open) open.add('NotPrincipal');
  const condition = byName.get('Condition')?.value;
  if (condition && isIntrinsic(condition)) open.add('Condition');
  return {
    node,
    index,
    members,
    byName,
    sid: str('Sid'),
    effect: str('Effect'),
    actions: lists.Action,
    notActions: lists.NotAction,
    resources: lists.Resource,
    notResources: lists.NotResource,
    principals: principals.values,
    notPrincipals: notPrincipals.values,
    conditions: conditionsOf(condition, read),
    open,
    conditional,
    ...(branches && branches.length > 0 ? { branches } : {}),
  };
}

export interface PolicySource {
  text: string;
  root: Node;
  decision: KindDecision;
  fragment?: PolicyModel['fragment'];
  origin: PolicyModel['origin'];
  toDocument?: (offset: number) => number;
  encode?: (newText: string) => string;
  mapEdits?: (edits: readonly TextEdit[]) => TextEdit[] | undefined;
  context?: PolicyContext;
  syntaxProblems?: SyntaxProblem[];
  /** How the format writes string literals (JSON when absent); a YAML or Terraform reader gives its own. */
  literals?: LiteralSyntax;
}

/**
 * The statement objects of a Statement element (or of a fragment's root: one
 * statement, or an array of them). A CloudFormation `Fn::If` in the list (or
 * as the whole element) gives both alternatives, each marked conditional;
 * `Ref AWS::NoValue` and other functions give none.
 */
type Branches = ReadonlyArray<{ at: number; branch: number }>;

function statementNodes(st: Node | undefined): Array<{ node: Node; conditional: boolean; branches: Branches }> {
  const out: Array<{ node: Node; conditional: boolean; branches: Branches }> = [];
  const add = (n: Node, conditional: boolean, depth: number, branches: Branches): void => {
    if (n.type !== 'object' || isNoValue(n)) return;
    const alt = alternatives(n);
    if (alt) {
      if (depth < 4) {
        alt.forEach((a, branch) => {
          for (const c of a.type === 'array' ? a.children ?? [] : [a]) add(c, true, depth + 1, [...branches, { at: n.offset, branch }]);
        });
      }
      return;
    }
    if (!isIntrinsic(n)) out.push({ node: n, conditional, branches });
  };
  // The Statement element itself may be an Fn::If of two lists.
  for (const c of st?.type === 'array' ? st.children ?? [] : st ? [st] : []) add(c, false, 0, []);
  return out;
}

/** The offset map of a policy written as it is in its document: its offsets are the document's. */
export const SAME_OFFSET = (o: number): number => o;

export function buildPolicy(source: PolicySource): PolicyModel {
  // A fragment has no policy-level members: its root is the statement (or the list of them).
  const members = source.fragment ? [] : membersOf(source.root);
  const byName = firstByName(members);
  const read = readContext(source.text, source.literals);
  // A fragment's statements are its root (one statement, or the list of them); a policy's are under Statement.
  const statements = statementNodes(source.fragment ? source.root : byName.get('Statement')?.value);
  return {
    text: source.text,
    root: source.root,
    kind: source.decision.kind,
    decision: source.decision,
    fragment: source.fragment,
    origin: source.origin,
    toDocument: source.toDocument ?? SAME_OFFSET,
    encode: source.encode ?? ((s) => s),
    mapEdits: source.mapEdits,
    read,
    members,
    byName,
    statements: statements.map((s, i) => buildStatement(s.node, i, read, s.conditional, s.branches)),
    context: source.context ?? {},
    syntaxProblems: source.syntaxProblems,
  };
}
