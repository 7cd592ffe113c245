/**
 * What is at an offset of a policy: an action, a condition key, a principal,
 * a statement's Sid... Hovers ask this once and describe the answer. Offsets
 * in and out are document offsets; policies embedded in strings are mapped.
 */
import type { Node } from 'jsonc-parser';
import type { DocumentModel } from '../document/model';
import { policiesOf } from './locate';
import { SAME_OFFSET, type ConditionEntry, type Member, type PolicyModel, type PrincipalValue, type Statement, type StringValue } from './model';
import type { PolicyValue } from './value';

interface Base {
  policy: PolicyModel;
  /** Document offsets of the token the target covers. */
  start: number;
  end: number;
}

export type PolicyTarget =
  | (Base & { kind: 'statement'; statement: Statement })
  | (Base & { kind: 'action'; statement: Statement; value: StringValue; element: 'Action' | 'NotAction' })
  | (Base & { kind: 'resource'; statement: Statement; value: StringValue; element: 'Resource' | 'NotResource' })
  | (Base & { kind: 'principal'; statement: Statement; principal: PrincipalValue; element: 'Principal' | 'NotPrincipal' })
  | (Base & { kind: 'operator'; statement: Statement; operator: string })
  | (Base & { kind: 'conditionKey'; statement: Statement; entry: ConditionEntry })
  | (Base & { kind: 'conditionValue'; statement: Statement; entry: ConditionEntry; value: unknown; /** Known and unknown parts of a string value. */ parts?: PolicyValue });

function contains(node: Node, offset: number): boolean {
  return node.offset <= offset && offset < node.offset + node.length;
}

/**
 * The policy-text offset for a document offset. `toDocument` is monotonic, so
 * a binary search inverts it for policies embedded in strings (escapes make
 * the two texts differ in length) and for policies read from a translation
 * (CloudFormation YAML, which `mapEdits` marks).
 */
export function toPolicyOffset(policy: PolicyModel, offset: number): number | undefined {
  // Only a policy read where it is written shares the document's offsets: a template's rendered view
  // (directives left out, expressions quoted) maps them as a string's escapes do.
  if (policy.origin !== 'string' && !policy.mapEdits && policy.toDocument === SAME_OFFSET) return offset;
  let lo = 0;
  let hi = policy.text.length;
  if (offset < policy.toDocument(0) || offset > policy.toDocument(hi)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (policy.toDocument(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The policy of the document that covers `offset`, and the offset in its text. */
export function policyAt(model: DocumentModel, offset: number): { policy: PolicyModel; local: number } | undefined {
  for (const policy of policiesOf(model)) {
    const local = toPolicyOffset(policy, offset);
    if (local !== undefined && contains(policy.root, local)) return { policy, local };
  }
  return undefined;
}

export function statementAt(policy: PolicyModel, local: number): Statement | undefined {
  return policy.statements.find((s) => contains(s.node, local));
}

function member(statement: Statement, name: string): Member | undefined {
  return statement.byName.get(name);
}

export function targetAt(model: DocumentModel, offset: number): PolicyTarget | undefined {
  const at = policyAt(model, offset);
  if (!at) return undefined;
  const { policy, local } = at;
  const statement = statementAt(policy, local);
  if (!statement) return undefined;
  const range = (node: Node): { start: number; end: number } => ({ start: policy.toDocument(node.offset), end: policy.toDocument(node.offset + node.length) });

  // The opening brace and the Sid (key or value) stand for the whole statement.
  if (local === statement.node.offset) return { kind: 'statement', policy, statement, start: range(statement.node).start, end: range(statement.node).start + 1 };
  const sid = member(statement, 'Sid');
  if (sid && (contains(sid.key, local) || contains(sid.value, local))) {
    const node = contains(sid.key, local) ? sid.key : sid.value;
    return { kind: 'statement', policy, statement, ...range(node) };
  }

  for (const element of ['Action', 'NotAction'] as const) {
    const values = element === 'Action' ? statement.actions : statement.notActions;
    const v = values.find((x) => contains(x.node, local));
    if (v) return { kind: 'action', policy, statement, value: v, element, ...range(v.node) };
  }
  for (const element of ['Resource', 'NotResource'] as const) {
    const values = element === 'Resource' ? statement.resources : statement.notResources;
    const v = values.find((x) => contains(x.node, local));
    if (v) return { kind: 'resource', policy, statement, value: v, element, ...range(v.node) };
  }
  for (const element of ['Principal', 'NotPrincipal'] as const) {
    const values = element === 'Principal' ? statement.principals : statement.notPrincipals;
    const p = values.find((x) => contains(x.node, local));
    if (p) return { kind: 'principal', policy, statement, principal: p, element, ...range(p.node) };
    // The type key ("AWS", "Service"): explain the principal when it is the only one of its type.
    const typed = values.filter((x) => x.typeNode && contains(x.typeNode, local));
    if (typed.length === 1 && typed[0].typeNode) return { kind: 'principal', policy, statement, principal: typed[0], element, ...range(typed[0].typeNode) };
  }
  for (const entry of statement.conditions) {
    if (contains(entry.operatorNode, local)) return { kind: 'operator', policy, statement, operator: entry.operator, ...range(entry.operatorNode) };
    if (contains(entry.keyNode, local)) return { kind: 'conditionKey', policy, statement, entry, ...range(entry.keyNode) };
    const v = entry.values.find((x) => contains(x.node, local));
    if (v) return { kind: 'conditionValue', policy, statement, entry, value: v.value, parts: v.parts, ...range(v.node) };
  }
  // An operator with an empty block (`"StringEquals": {}`) has no entry; still explain the operator.
  const condition = member(statement, 'Condition');
  if (condition?.value.type === 'object') {
    for (const prop of condition.value.children ?? []) {
      const key = prop.children?.[0];
      if (key && key.type === 'string' && contains(key, local)) return { kind: 'operator', policy, statement, operator: String(key.value), ...range(key) };
    }
  }
  return undefined;
}
