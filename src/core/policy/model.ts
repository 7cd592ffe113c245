/**
 * A normalised view of one IAM policy document, built from a jsonc-parser tree.
 * Policy rules, hovers, completions and (later) the policy/log evaluator read
 * this instead of walking JSON: every value keeps the node it came from, so a
 * finding can point at the exact token.
 */
import type { Node } from 'jsonc-parser';
import type { SyntaxProblem } from '../document/syntax';
import type { KindDecision, PolicyKind } from './kinds';

export interface Member {
  name: string;
  /** The property-name string node. */
  key: Node;
  /** The value node. */
  value: Node;
}

export interface StringValue {
  value: string;
  node: Node;
}

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*' | string;

export interface PrincipalValue {
  /** The key under Principal (AWS, Service, ...), or '*' for `"Principal": "*"`. */
  type: PrincipalType;
  value: string;
  node: Node;
  /** Node of the type key (absent for `"Principal": "*"`). */
  typeNode?: Node;
}

export interface ConditionEntry {
  /** e.g. StringEquals, ForAllValues:StringLike, BoolIfExists */
  operator: string;
  operatorNode: Node;
  key: string;
  keyNode: Node;
  /** The value node as written (string, array, boolean, number...). */
  valueNode: Node;
  /** Each value, one per array element (or the single value). */
  values: Array<{ value: unknown; node: Node }>;
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

/** The string values of a "string or array of strings" element; other values are skipped (rules report their type). */
export function stringValues(node: Node | undefined): StringValue[] {
  if (!node) return [];
  if (node.type === 'string') return [{ value: String(node.value), node }];
  if (node.type === 'array') {
    return (node.children ?? []).filter((c) => c.type === 'string').map((c) => ({ value: String(c.value), node: c }));
  }
  return [];
}

function principalsOf(node: Node | undefined): PrincipalValue[] {
  if (!node) return [];
  if (node.type === 'string') return [{ type: '*', value: String(node.value), node }];
  const out: PrincipalValue[] = [];
  for (const m of membersOf(node)) {
    for (const v of stringValues(m.value)) out.push({ type: m.name, value: v.value, node: v.node, typeNode: m.key });
  }
  return out;
}

function leafValue(node: Node): unknown {
  return node.type === 'object' || node.type === 'array' ? undefined : node.value;
}

function conditionsOf(node: Node | undefined): ConditionEntry[] {
  const out: ConditionEntry[] = [];
  for (const op of membersOf(node)) {
    for (const k of membersOf(op.value)) {
      const values = k.value.type === 'array'
        ? (k.value.children ?? []).map((c) => ({ value: leafValue(c), node: c }))
        : [{ value: leafValue(k.value), node: k.value }];
      out.push({ operator: op.name, operatorNode: op.key, key: k.name, keyNode: k.key, valueNode: k.value, values });
    }
  }
  return out;
}

export function buildStatement(node: Node, index: number): Statement {
  const members = membersOf(node);
  const byName = firstByName(members);
  const str = (name: string): StringValue | undefined => {
    const m = byName.get(name);
    return m && m.value.type === 'string' ? { value: String(m.value.value), node: m.value } : undefined;
  };
  return {
    node,
    index,
    members,
    byName,
    sid: str('Sid'),
    effect: str('Effect'),
    actions: stringValues(byName.get('Action')?.value),
    notActions: stringValues(byName.get('NotAction')?.value),
    resources: stringValues(byName.get('Resource')?.value),
    notResources: stringValues(byName.get('NotResource')?.value),
    principals: principalsOf(byName.get('Principal')?.value),
    notPrincipals: principalsOf(byName.get('NotPrincipal')?.value),
    conditions: conditionsOf(byName.get('Condition')?.value),
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
  context?: PolicyContext;
  syntaxProblems?: SyntaxProblem[];
}

/** The statement objects of a policy, of one statement, or of an array of statements. */
function statementNodesOf(root: Node, fragment: PolicyModel['fragment'], byName: Map<string, Member>): Node[] {
  const objects = (n: Node | undefined): Node[] => (n?.type === 'array' ? (n.children ?? []).filter((c) => c.type === 'object') : n?.type === 'object' ? [n] : []);
  return fragment ? objects(root) : objects(byName.get('Statement')?.value);
}

export function buildPolicy(source: PolicySource): PolicyModel {
  // A fragment has no policy-level members: its root is the statement (or the list of them).
  const members = source.fragment ? [] : membersOf(source.root);
  const byName = firstByName(members);
  const statementNodes = statementNodesOf(source.root, source.fragment, byName);
  return {
    text: source.text,
    root: source.root,
    kind: source.decision.kind,
    decision: source.decision,
    fragment: source.fragment,
    origin: source.origin,
    toDocument: source.toDocument ?? ((o) => o),
    encode: source.encode ?? ((s) => s),
    members,
    byName,
    statements: statementNodes.map((n, i) => buildStatement(n, i)),
    context: source.context ?? {},
    syntaxProblems: source.syntaxProblems,
  };
}
