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
import { hasUnknown, repairShiftedArn, type Arn } from '../kms/identifiers';
import type { ConditionEntry, PolicyModel, PrincipalValue, Statement, StringValue } from './model';
import { parseOperator, type ParsedOperator } from './operators';
import { scan } from './placeholders';
import { arnText, valueArn, type PolicyValue, type ValueArn } from './value';

export { isIntrinsic } from './intrinsics';

export interface ActionRef {
  /** As written (unknown parts as written). */
  text: string;
  node: Node;
  parts: PolicyValue;
  /** Lower-case service prefix (`kms`), `*` for the bare `*`, '' when there is no prefix. */
  service: string;
  /** The part after the colon, as written. */
  name: string;
  wildcard: boolean;
  /**
   * The entry has unknown parts (`kms:${action}`, a `Ref`): which actions it
   * matches is not known, and `matches` is empty.
   */
  unknown: boolean;
  /** The service prefix itself is (partly) unknown (`${service}:Decrypt`, a `Ref`); `service` is then as written. */
  serviceUnknown: boolean;
  /** The KMS actions this entry matches (none for other services). */
  matches: readonly KmsAction[];
}

export type PrincipalKind =
  | 'wildcard' | 'account' | 'root' | 'user' | 'role' | 'assumedRole' | 'federatedUser' | 'uniqueId'
  | 'service' | 'federated' | 'canonical' | 'unknown';

export interface PrincipalRef {
  /** The key under Principal (AWS, Service, ...), or '*' for `"Principal": "*"`. */
  type: string;
  /** As written (unknown parts as written). */
  value: string;
  node: Node;
  parts: PolicyValue;
  /**
   * What it is. A root of an unknown account (`arn:aws:iam::${account_id}:root`)
   * is `root`; a principal that is wholly unknown is `unknown`.
   */
  kind: PrincipalKind;
  /** The account of an AWS principal as written: 12 digits, an example, or a placeholder. */
  account?: string;
  /** The user or role name (last path segment) of an IAM principal, as written. */
  name?: string;
  /** The parsed ARN, over the value's shape (the repaired one when the ARN has the `arn:aws::iam:` shift). */
  arn?: Arn;
  /** The ARN with its value, for spans and edits on its parts. */
  valueArn?: ValueArn;
  conditional?: boolean;
}

export interface ResourceRef {
  /** As written (unknown parts as written). */
  value: string;
  node: Node;
  parts: PolicyValue;
  /** The parsed ARN, over the value's shape (the repaired one when the ARN has the `arn:aws::kms:` shift). */
  arn?: Arn;
  /** The ARN with its value, for spans and edits on its parts. */
  valueArn?: ValueArn;
  /** The intended ARN as written when the written one has an extra colon. */
  repaired?: string;
  conditional?: boolean;
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
   * Elements whose lists may be incomplete (entries that are not values, a
   * wholly unknown value such as a `Ref`, an `Fn::If`, an action with unknown
   * parts): rules must not conclude that something is absent from them.
   */
  /** `conditions`: some condition is filled in later (a wholly unknown Condition, an operator or a key with an unknown part), so any key may be tested. */
  opaque: { actions: boolean; principals: boolean; resources: boolean; conditions: boolean };
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

export function parseAction(v: StringValue): ActionRef {
  const { parts, node } = v;
  const text = parts.written;
  const shape = parts.shape;
  if (shape === '*') return { text, node, parts, service: '*', name: '*', wildcard: true, unknown: false, serviceUnknown: false, matches: KMS_ACTIONS };
  const colon = shape.indexOf(':');
  const unknown = !parts.known;
  // Without a known colon, a placeholder may hold the prefix.
  const serviceUnknown = colon === -1 ? unknown : hasUnknown(shape.slice(0, colon));
  const service = serviceUnknown ? parts.show(0, colon === -1 ? shape.length : colon) : colon === -1 ? '' : shape.slice(0, colon).toLowerCase();
  const name = colon === -1 ? text : parts.show(colon + 1);
  const wildcard = /[*?]/.test(shape);
  const matches = service === 'kms' && !unknown ? matchKmsActions(name) : [];
  return { text, node, parts, service, name, wildcard, unknown, serviceUnknown, matches };
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

export function classifyPrincipal(p: PrincipalValue): PrincipalRef {
  const { type, value, node, parts } = p;
  // Every field set up front: one object shape for every principal keeps the rules' property reads fast.
  const ref: PrincipalRef = { type, value, node, parts, kind: 'unknown', account: undefined, name: undefined, arn: undefined, valueArn: undefined, conditional: p.conditional };
  const shape = parts.shape;
  if (type === '*') {
    if (shape === '*') ref.kind = 'wildcard';
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
  if (shape === '*') {
    ref.kind = 'wildcard';
    return ref;
  }
  if (/^\d{12}$/.test(shape)) {
    ref.kind = 'account';
    ref.account = value;
    return ref;
  }
  if (UNIQUE_ID.test(shape)) {
    ref.kind = 'uniqueId';
    return ref;
  }
  const va = valueArn(parts);
  if (!va) return ref;
  const arn = va.arn;
  ref.arn = arn;
  ref.valueArn = va;
  ref.account = arnText(va, arn.account);
  const service = arn.service.value;
  const resource = arn.resource.value;
  const resourceText = arnText(va, arn.resource);
  const lastSegment = resourceText.slice(resourceText.lastIndexOf('/') + 1);
  if (service === 'iam' && resource === 'root') ref.kind = 'root';
  else if (service === 'iam' && arn.resourceType === 'user') {
    ref.kind = 'user';
    ref.name = lastSegment;
  } else if (service === 'iam' && arn.resourceType === 'role') {
    ref.kind = 'role';
    ref.name = lastSegment;
  } else if (service === 'sts' && arn.resourceType === 'assumed-role') {
    ref.kind = 'assumedRole';
    ref.name = resourceText.split('/')[1];
  } else if (service === 'sts' && arn.resourceType === 'federated-user') {
    ref.kind = 'federatedUser';
    ref.name = lastSegment;
  }
  return ref;
}

function parseResource(v: StringValue): ResourceRef {
  const va = valueArn(v.parts);
  const repaired = va?.shifted ? v.parts.writeShape(repairShiftedArn(v.parts.shape) ?? v.parts.shape) : undefined;
  return { value: v.value, node: v.node, parts: v.parts, arn: va?.arn, valueArn: va, repaired, conditional: v.conditional };
}

function normalizeStatement(statement: Statement): NormalizedStatement {
  const by = statement.byName;
  const effect = statement.effect?.value === 'Allow' || statement.effect?.value === 'Deny' ? statement.effect.value : undefined;
  const actionElement = by.has('Action') ? 'Action' : by.has('NotAction') ? 'NotAction' : undefined;
  const actionValues = actionElement === 'NotAction' ? statement.notActions : statement.actions;
  const actions = actionValues.map(parseAction);
  const listed = new Set<KmsAction>();
  for (const a of actions) for (const m of a.matches) listed.add(m);
  const kmsActions = actionElement === 'NotAction' ? new Set(KMS_ACTIONS.filter((a) => !listed.has(a))) : listed;

  const principalElement = by.has('Principal') ? 'Principal' : by.has('NotPrincipal') ? 'NotPrincipal' : undefined;
  const principalValues = principalElement === 'NotPrincipal' ? statement.notPrincipals : statement.principals;
  const principals = principalValues.map(classifyPrincipal);

  const resourceElement = by.has('Resource') ? 'Resource' : by.has('NotResource') ? 'NotResource' : undefined;
  const resourceValues = resourceElement === 'NotResource' ? statement.notResources : statement.resources;
  const resources = resourceValues.map(parseResource);

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
      actions: actionElement !== undefined && (statement.open.has(actionElement) || actions.some((a) => a.unknown)),
      principals: principalElement !== undefined && statement.open.has(principalElement),
      resources: resourceElement !== undefined && statement.open.has(resourceElement),
      conditions: conditionsOpaque(statement),
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

/**
 * A Condition KMS Lens cannot read whole: a CloudFormation function or a template value in place of it
 * (`"Condition": "${var.conditions}"`, Terraform's `dynamic "condition"`), or an operator or a key with an
 * unknown part (`test = var.test`).
 */
function conditionsOpaque(statement: Statement): boolean {
  if (statement.open.has('Condition')) return true;
  const condition = statement.byName.get('Condition')?.value;
  if (condition && condition.type !== 'object') return condition.type === 'string' && scan(String(condition.value)).length > 0;
  return statement.conditions.some((c) => scan(c.operator).length > 0 || scan(c.key).length > 0);
}

/** The keys of conditions nobody can read: any key may be among them. */
class AnyKey extends Set<string> {
  override has(): boolean {
    return true;
  }
}
const ANY_KEY: ReadonlySet<string> = new AnyKey(['*']);

/** Condition keys (lower case) that the statement tests with an operator that narrows who or what matches. */
export function narrowingKeys(s: NormalizedStatement): ReadonlySet<string> {
  if (s.opaque.conditions) return ANY_KEY;
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

export interface ConditionString {
  /** As written (unknown parts as written). */
  value: string;
  node: Node;
  /** Known and unknown parts of a string (or CloudFormation function) value; absent for numbers and booleans. */
  parts?: PolicyValue;
}

/** String values of a condition entry (numbers and booleans as AWS compares them, as text). */
export function conditionStrings(c: ConditionEntry): ConditionString[] {
  const out: ConditionString[] = [];
  for (const v of c.values) {
    if (v.parts) out.push({ value: v.parts.written, node: v.node, parts: v.parts });
    else if (typeof v.value === 'number' || typeof v.value === 'boolean') out.push({ value: String(v.value), node: v.node });
  }
  return out;
}
