/**
 * The normalised statement: what a statement grants or denies, in terms a rule
 * (and later the policy/log evaluator) can reason about without re-reading
 * JSON: effect, the KMS actions it covers (wildcards expanded, NotAction
 * inverted), principals by kind and account, resources with their ARNs parsed,
 * conditions with their operators parsed and their keys looked up. Every item
 * keeps its node, so findings still point at the exact token.
 */
import type { Node } from 'jsonc-parser';
import { conditionKeyInfo, expandKmsActions, KMS_ACTIONS, type ConditionKeyInfo, type KmsAction } from '../data/iam';
import { parseArn, repairShiftedArn, type Arn } from '../kms/identifiers';
import { membersOf, type ConditionEntry, type PolicyModel, type Statement } from './model';
import { parseOperator, type ParsedOperator } from './operators';

export interface ActionRef {
  text: string;
  node: Node;
  /** Lower-case service prefix (`kms`), `*` for the bare `*`, '' when there is no prefix. */
  service: string;
  /** The part after the colon, as written. */
  name: string;
  wildcard: boolean;
  /** The KMS actions this entry matches (none for other services). */
  matches: readonly KmsAction[];
}

export type PrincipalKind =
  | 'wildcard' | 'account' | 'root' | 'user' | 'role' | 'assumedRole' | 'federatedUser' | 'uniqueId'
  | 'service' | 'federated' | 'canonical' | 'unknown';

export interface PrincipalRef {
  /** The key under Principal (AWS, Service, ...), or '*' for `"Principal": "*"`. */
  type: string;
  value: string;
  node: Node;
  kind: PrincipalKind;
  /** The 12-digit (or placeholder) account of an AWS principal. */
  account?: string;
  /** The user or role name (last path segment) of an IAM principal. */
  name?: string;
  /** The parsed ARN (the repaired one when the ARN has the `arn:aws::iam:` shift). */
  arn?: Arn;
}

export interface ResourceRef {
  value: string;
  node: Node;
  /** The parsed ARN (the repaired one when the ARN has the `arn:aws::kms:` shift). */
  arn?: Arn;
  /** The intended ARN when the written one has an extra colon. */
  repaired?: string;
}

export interface ConditionRef {
  entry: ConditionEntry;
  op: ParsedOperator;
  /** Known key (KMS or global), undefined for unknown or other services' keys. */
  key?: ConditionKeyInfo;
}

export interface NormalizedStatement {
  statement: Statement;
  effect?: 'Allow' | 'Deny';
  actionElement?: 'Action' | 'NotAction';
  actions: ActionRef[];
  /** The KMS actions the statement applies to (the complement of the NotAction list for NotAction). */
  kmsActions: ReadonlySet<KmsAction>;
  principalElement?: 'Principal' | 'NotPrincipal';
  principals: PrincipalRef[];
  resourceElement?: 'Resource' | 'NotResource';
  resources: ResourceRef[];
  conditions: ConditionRef[];
  /**
   * Elements whose values were not all plain strings (for example a
   * CloudFormation `Fn::Sub`): their lists above are incomplete, so rules must
   * not conclude that something is absent from them.
   */
  opaque: { actions: boolean; principals: boolean; resources: boolean };
}

const matchCache = new Map<string, readonly KmsAction[]>();

/** KMS actions matched by the name part of an action pattern (case-insensitive, `*` and `?`), cached. */
export function matchKmsActions(pattern: string): readonly KmsAction[] {
  const key = pattern.toLowerCase();
  let m = matchCache.get(key);
  if (!m) {
    m = /[*?]/.test(key) ? expandKmsActions(key) : KMS_ACTIONS.filter((a) => a.name.toLowerCase() === key);
    if (matchCache.size < 5000) matchCache.set(key, m);
  }
  return m;
}

export function parseAction(text: string, node: Node): ActionRef {
  if (text === '*') return { text, node, service: '*', name: '*', wildcard: true, matches: KMS_ACTIONS };
  const colon = text.indexOf(':');
  const service = colon === -1 ? '' : text.slice(0, colon).toLowerCase();
  const name = colon === -1 ? text : text.slice(colon + 1);
  const wildcard = /[*?]/.test(text);
  const matches = service === 'kms' ? matchKmsActions(name) : [];
  return { text, node, service, name, wildcard, matches };
}

/**
 * The intended ARN of one with the `arn:aws::kms:` shift, or undefined. A cheap
 * look at the character after the partition first: this runs on every ARN.
 */
export function shiftedArn(value: string): string | undefined {
  if (!value.startsWith('arn:')) return undefined;
  const afterPartition = value.indexOf(':', 4);
  if (afterPartition === -1 || value.charCodeAt(afterPartition + 1) !== 58 /* : */) return undefined;
  return repairShiftedArn(value);
}

const keyInfos = new Map<string, ConditionKeyInfo | undefined>();

/** conditionKeyInfo, cached: the lookup tries every key template. */
export function keyInfo(key: string): ConditionKeyInfo | undefined {
  if (keyInfos.has(key)) return keyInfos.get(key);
  const info = conditionKeyInfo(key);
  if (keyInfos.size < 5000) keyInfos.set(key, info);
  return info;
}

const UNIQUE_ID = /^A(ID|RO|GP|NP|NV|PK|SC|SI|KI|CC)A[A-Z0-9]{12,}$/;

export function classifyPrincipal(type: string, value: string, node: Node): PrincipalRef {
  const ref: PrincipalRef = { type, value, node, kind: 'unknown' };
  if (type === '*') {
    if (value === '*') ref.kind = 'wildcard';
    return ref;
  }
  if (type === 'Service') {
    ref.kind = 'service';
    return ref;
  }
  if (type === 'Federated') {
    ref.kind = 'federated';
    return ref;
  }
  if (type === 'CanonicalUser') {
    ref.kind = 'canonical';
    return ref;
  }
  if (type !== 'AWS') return ref;
  if (value === '*') {
    ref.kind = 'wildcard';
    return ref;
  }
  if (/^\d{12}$/.test(value)) {
    ref.kind = 'account';
    ref.account = value;
    return ref;
  }
  if (UNIQUE_ID.test(value)) {
    ref.kind = 'uniqueId';
    return ref;
  }
  const arn = parseArn(shiftedArn(value) ?? value);
  if (!arn) return ref;
  ref.arn = arn;
  ref.account = arn.account.value;
  const service = arn.service.value;
  const resource = arn.resource.value;
  const lastSegment = resource.slice(resource.lastIndexOf('/') + 1);
  if (service === 'iam' && resource === 'root') ref.kind = 'root';
  else if (service === 'iam' && arn.resourceType === 'user') {
    ref.kind = 'user';
    ref.name = lastSegment;
  } else if (service === 'iam' && arn.resourceType === 'role') {
    ref.kind = 'role';
    ref.name = lastSegment;
  } else if (service === 'sts' && arn.resourceType === 'assumed-role') {
    ref.kind = 'assumedRole';
    ref.name = resource.split('/')[1];
  } else if (service === 'sts' && arn.resourceType === 'federated-user') {
    ref.kind = 'federatedUser';
    ref.name = lastSegment;
  }
  return ref;
}

function parseResource(value: string, node: Node): ResourceRef {
  const repaired = shiftedArn(value);
  return { value, node, arn: value.startsWith('arn:') ? parseArn(repaired ?? value) : undefined, repaired };
}

/** A CloudFormation intrinsic function (`{"Ref": ...}`, `{"Fn::Sub": ...}`), which stands for a value not known here. */
export function isIntrinsic(node: Node | undefined): boolean {
  if (!node || node.type !== 'object' || node.children?.length !== 1) return false;
  const name = membersOf(node)[0]?.name ?? '';
  return name === 'Ref' || name.startsWith('Fn::');
}

/** True when a "string or array of strings" element has values that are not plain strings. */
function hasNonStrings(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'string') return false;
  if (node.type === 'array') return (node.children ?? []).some((c) => c.type !== 'string');
  return true;
}

function principalOpaque(node: Node | undefined): boolean {
  if (!node || node.type === 'string') return false;
  if (node.type !== 'object') return true;
  return membersOf(node).some((m) => hasNonStrings(m.value));
}

function normalizeStatement(statement: Statement): NormalizedStatement {
  const by = statement.byName;
  const effect = statement.effect?.value === 'Allow' || statement.effect?.value === 'Deny' ? statement.effect.value : undefined;
  const actionElement = by.has('Action') ? 'Action' : by.has('NotAction') ? 'NotAction' : undefined;
  const actionValues = actionElement === 'NotAction' ? statement.notActions : statement.actions;
  const actions = actionValues.map((v) => parseAction(v.value, v.node));
  const listed = new Set<KmsAction>();
  for (const a of actions) for (const m of a.matches) listed.add(m);
  const kmsActions = actionElement === 'NotAction' ? new Set(KMS_ACTIONS.filter((a) => !listed.has(a))) : listed;

  const principalElement = by.has('Principal') ? 'Principal' : by.has('NotPrincipal') ? 'NotPrincipal' : undefined;
  const principalValues = principalElement === 'NotPrincipal' ? statement.notPrincipals : statement.principals;
  const principals = principalValues.map((p) => classifyPrincipal(p.type, p.value, p.node));

  const resourceElement = by.has('Resource') ? 'Resource' : by.has('NotResource') ? 'NotResource' : undefined;
  const resourceValues = resourceElement === 'NotResource' ? statement.notResources : statement.resources;
  const resources = resourceValues.map((r) => parseResource(r.value, r.node));

  const conditions = statement.conditions.map((entry) => ({ entry, op: parseOperator(entry.operator), key: keyInfo(entry.key) }));

  return {
    statement,
    effect,
    actionElement,
    actions,
    kmsActions,
    principalElement,
    principals,
    resourceElement,
    resources,
    conditions,
    opaque: {
      actions: actionElement !== undefined && hasNonStrings(by.get(actionElement)?.value),
      principals: principalElement !== undefined && principalOpaque(by.get(principalElement)?.value),
      resources: resourceElement !== undefined && hasNonStrings(by.get(resourceElement)?.value),
    },
  };
}

const cache = new WeakMap<PolicyModel, NormalizedStatement[]>();

/** The normalised statements of a policy, built once per policy model. */
export function normalized(policy: PolicyModel): NormalizedStatement[] {
  let n = cache.get(policy);
  if (!n) {
    n = policy.statements.map(normalizeStatement);
    cache.set(policy, n);
  }
  return n;
}

/** Whether the statement applies to the KMS action `name` (e.g. `PutKeyPolicy`). */
export function coversAction(s: NormalizedStatement, name: string): boolean {
  for (const a of s.kmsActions) if (a.name === name) return true;
  return false;
}

const narrowing = new WeakMap<NormalizedStatement, ReadonlySet<string>>();

/** Condition keys (lower case) that the statement tests with an operator that narrows who or what matches. */
export function narrowingKeys(s: NormalizedStatement): ReadonlySet<string> {
  let keys = narrowing.get(s);
  if (!keys) {
    const set = new Set<string>();
    for (const c of s.conditions) {
      if (c.op.valid && !c.op.negated && c.op.family !== 'Null' && !c.op.ifExists) set.add(c.entry.key.toLowerCase());
    }
    narrowing.set(s, (keys = set));
  }
  return keys;
}

/** String values of a condition entry (numbers and booleans as AWS compares them, as text). */
export function conditionStrings(c: ConditionEntry): Array<{ value: string; node: Node }> {
  const out: Array<{ value: string; node: Node }> = [];
  for (const v of c.values) {
    if (typeof v.value === 'string') out.push({ value: v.value, node: v.node });
    else if (typeof v.value === 'number' || typeof v.value === 'boolean') out.push({ value: String(v.value), node: v.node });
  }
  return out;
}
