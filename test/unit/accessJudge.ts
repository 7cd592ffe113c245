/**
 * The test oracle for "Fix all never widens access": given a policy before and
 * after an edit, can any Allow statement now match a request it did not match,
 * or any Deny statement miss one it matched? It compares the normalised
 * statements (src/core/policy/normalize.ts) element by element: actions,
 * principals, resources, conditions.
 *
 * It is deliberately one-sided. It may fail to show that a harmless edit is
 * harmless (the test then names the edit, and either the judge learns a new
 * documented fact or the fix is reclassified); it must never call an edit
 * harmless that lets a statement match a request it did not match. The facts
 * it knows are the documented ones the rules rely on, each with its source:
 *
 * - A condition on a key absent from the request is false, except for negated
 *   operators and ...IfExists (true); ForAllValues is true on an absent key
 *   (IAM User Guide, "Condition operators", "Multivalued context keys").
 * - Action and condition key names are not case-sensitive (IAM User Guide,
 *   "Action", "Condition").
 * - A key policy statement without Action or Resource has no effect (KMS API
 *   reference, CreateKey and PutKeyPolicy); only actions on a key can match
 *   in a key policy (KMS Developer Guide, "Default key policy").
 * - kms:CustomerMasterKeySpec and kms:CustomerMasterKeyUsage "work the same
 *   way" as kms:KeySpec and kms:KeyUsage (KMS Developer Guide, "AWS KMS
 *   condition keys").
 * - Values that no request carries: an ARN with an empty field before the
 *   service (arn:aws::kms:...), a kms:ViaService endpoint by another name than
 *   the service's (ebs for ec2) or with a suffix other than .amazonaws.com, a
 *   Bool value that is not true or false, a value outside a KMS enumeration, a
 *   service principal that is not service.amazonaws.com.
 */
import type { Node } from 'jsonc-parser';
import { isKeyResourceAction, isMultiValued } from '../../src/core/data/iam';
import { CONDITION_KEY_ENUMS, KMS_ENUMS, VIA_SERVICE_ENDPOINT_NAMES } from '../../src/core/data/kmsFacts';
import { SERVICE_PRINCIPAL } from '../../src/core/kms/identifiers';
import { parseViaService } from '../../src/core/policy/facts';
import type { ConditionEntry, PolicyModel } from '../../src/core/policy/model';
import { normalized, shiftedArn, type ConditionRef, type NormalizedStatement } from '../../src/core/policy/normalize';

/** Keys documented as the same key under two names. */
const SAME_KEY: Readonly<Record<string, string>> = { 'kms:customermasterkeyspec': 'kms:keyspec', 'kms:customermasterkeyusage': 'kms:keyusage' };

const ENUM_BY_KEY = new Map(Object.entries(CONDITION_KEY_ENUMS).map(([k, e]) => [k.toLowerCase(), e]));

function raw(policy: PolicyModel, node: Node | undefined): string {
  return node ? policy.text.slice(node.offset, node.offset + node.length) : '';
}

function glob(pattern: string, ignoreCase: boolean): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, ignoreCase ? 'i' : '');
}

/** Whether the pattern `outer` (with * and ?) matches everything the entry `inner` matches. */
function covers(outer: string, inner: string, ignoreCase: boolean): boolean {
  if (outer === '*') return true;
  if (ignoreCase ? outer.toLowerCase() === inner.toLowerCase() : outer === inner) return true;
  // A literal inner value inside a pattern: the pattern matches it. A pattern inside a pattern is not worked out.
  return /[*?]/.test(outer) && !/[*?]/.test(inner) && glob(outer, ignoreCase).test(inner);
}

const isLiteral = (v: string): boolean => !/[*?]|\$\{/.test(v);

/** A value of a condition entry that no request carries (see the facts above). */
function neverMatches(c: ConditionRef, value: string): boolean {
  if (!isLiteral(value)) return false;
  const key = c.entry.key.toLowerCase();
  // Compared whole (String) or field by field (Arn), an ARN with an empty field before the service matches no real ARN.
  if ((c.op.family === 'String' || c.op.family === 'Arn') && value.startsWith('arn:') && shiftedArn(value)) return true;
  if (c.op.family === 'Bool' || c.key?.type.replace(/^ArrayOf/, '') === 'Bool') return !/^(true|false)$/i.test(value);
  if (key === 'kms:viaservice' && c.op.family === 'String') {
    const via = parseViaService(value);
    if (via && (via.suffix !== 'amazonaws.com' || VIA_SERVICE_ENDPOINT_NAMES[via.service] !== undefined)) return true;
  }
  const enumName = ENUM_BY_KEY.get(key);
  if (enumName && c.op.family === 'String' && !c.op.pattern) {
    const allowed: readonly string[] = KMS_ENUMS[enumName];
    const ignoreCase = c.op.base?.includes('IgnoreCase') ?? false;
    return !allowed.some((a) => (ignoreCase ? a.toLowerCase() === value.toLowerCase() : a === value));
  }
  return false;
}

interface Cond {
  op: ConditionRef['op'];
  /** Lower-case key, documented synonyms merged. */
  key: string;
  /** The values that can match, as AWS compares them (text), sorted. */
  values: string[];
  /** True on every request, false on every request, or either. */
  always?: boolean;
  singleValued: boolean;
}

function valuesOf(entry: ConditionEntry): string[] {
  return entry.values.map((v) => (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean' ? String(v.value) : JSON.stringify(v.value)));
}

function cond(c: ConditionRef): Cond {
  const lower = c.entry.key.toLowerCase();
  const key = SAME_KEY[lower] ?? lower;
  const singleValued = c.key !== undefined && !isMultiValued(c.key);
  const all = valuesOf(c.entry);
  const values = all.filter((v) => !neverMatches(c, v)).sort();
  const out: Cond = { op: c.op, key, values, singleValued };
  if (!c.op.valid || !c.op.family || c.op.family === 'Null') return out;
  // The value a condition has when its key is absent (IAM User Guide, "Condition operators").
  const onAbsent = c.op.set === 'ForAllValues' ? true : c.op.set === 'ForAnyValue' ? false : c.op.ifExists ? true : c.op.negated;
  const unknownKey = !c.key && !lower.includes('${') && (lower.startsWith('kms:') || lower.startsWith('aws:'));
  if (unknownKey) out.always = onAbsent;
  else if (values.length === 0 && all.length > 0 && !c.op.ifExists && c.op.set !== 'ForAllValues') out.always = c.op.negated;
  return out;
}

/** Whether condition `b` holds on every request on which condition `a` holds. */
function implies(a: Cond, b: Cond): boolean {
  if (a.key !== b.key) return false;
  if (a.op.text === b.op.text && a.op.valid) {
    // Each listed value is one more way to match; for a negated operator, one more way to fail.
    const [fewer, more] = a.op.negated ? [b.values, a.values] : [a.values, b.values];
    return fewer.every((v) => more.includes(v));
  }
  const sameValues = a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i]);
  if (!sameValues) return false;
  if (a.op.text === b.op.text) return true;
  // For a key with one value, X and ForAllValues:X agree when the key is present; absent, ForAllValues holds.
  if (!a.singleValued || !a.op.valid || !b.op.valid) return false;
  if (b.op.set === 'ForAllValues' && !a.op.set && b.op.text === `ForAllValues:${a.op.text}`) return true;
  // And X holds on an absent key too when it is negated or IfExists: then the two are the same condition.
  if (a.op.set === 'ForAllValues' && !b.op.set && a.op.text === `ForAllValues:${b.op.text}`) return b.op.negated || b.op.ifExists;
  return false;
}

interface Side {
  policy: PolicyModel;
  s: NormalizedStatement;
}

/** Why the statement can match no request at all, or undefined. */
function matchesNothing({ policy, s }: Side): boolean {
  if (!s.actionElement || !s.resourceElement) return true;
  if (policy.kind === 'keyPolicy' && !s.principalElement) return true;
  if (s.actionElement === 'Action' && !s.opaque.actions) {
    const other = s.actions.some((a) => a.service !== 'kms' && a.service !== '');
    if (policy.kind === 'keyPolicy' ? keyActions({ policy, s }).size === 0 : s.kmsActions.size === 0 && !other) return true;
  }
  if (s.resourceElement === 'Resource' && !s.opaque.resources && resources({ policy, s }).length === 0) return true;
  if (s.principalElement === 'Principal' && !s.opaque.principals && principals({ policy, s }).length === 0) return true;
  return s.conditions.some((c) => cond(c).always === false);
}

/** The KMS actions that can match: in a key policy, only actions on a key. */
function keyActions({ policy, s }: Side): Set<string> {
  return new Set([...s.kmsActions].filter((a) => policy.kind !== 'keyPolicy' || isKeyResourceAction(a)).map((a) => a.name));
}

function actionsWithin(a: Side, b: Side): boolean {
  if (a.s.opaque.actions || b.s.opaque.actions) return a.s.actionElement === b.s.actionElement && raw(a.policy, a.s.statement.byName.get(a.s.actionElement ?? '')?.value) === raw(b.policy, b.s.statement.byName.get(b.s.actionElement ?? '')?.value);
  const bk = keyActions(b);
  for (const x of keyActions(a)) if (!bk.has(x)) return false;
  // A key policy governs only its key: other services' actions never match there.
  if (a.policy.kind === 'keyPolicy') return true;
  // Other services' entries, compared as written; an entry without a service prefix names no action.
  const other = (x: Side): string[] => x.s.actions.filter((e) => e.service !== 'kms' && e.service !== '').map((e) => e.text);
  if (a.s.actionElement !== b.s.actionElement) return false;
  const [inner, outer] = a.s.actionElement === 'Action' ? [other(a), other(b)] : [other(b), other(a)];
  return inner.every((x) => outer.some((y) => covers(y, x, true)));
}

/** The principals that can match, as comparable strings (an account id as its root ARN). */
function principals({ s }: Side): string[] {
  const out: string[] = [];
  for (const p of s.principals) {
    if (p.kind === 'wildcard') out.push('*');
    else if (p.type === 'Service' && !SERVICE_PRINCIPAL.test(p.value)) continue;
    else if (p.type === 'AWS' && p.value.startsWith('arn:') && shiftedArn(p.value)) continue;
    else if (p.type === 'AWS' && /^\d{12}$/.test(p.value)) out.push(`AWS arn:aws:iam::${p.value}:root`);
    else out.push(`${p.type} ${p.value}`);
  }
  return out;
}

function principalsWithin(a: Side, b: Side): boolean {
  if (a.s.opaque.principals || b.s.opaque.principals) return a.s.principalElement === b.s.principalElement && raw(a.policy, a.s.statement.byName.get(a.s.principalElement ?? '')?.value) === raw(b.policy, b.s.statement.byName.get(b.s.principalElement ?? '')?.value);
  if (a.s.principalElement !== b.s.principalElement) return false;
  if (!a.s.principalElement) return true;
  const [inner, outer] = a.s.principalElement === 'Principal' ? [principals(a), principals(b)] : [principals(b), principals(a)];
  return inner.every((x) => outer.includes('*') || outer.includes(x));
}

/** The resources that can match (an ARN with the empty-field shift names nothing). */
function resources({ s }: Side): string[] {
  return s.resources.filter((r) => !(isLiteral(r.value) && r.value.startsWith('arn:') && shiftedArn(r.value))).map((r) => r.value);
}

function resourcesWithin(a: Side, b: Side): boolean {
  if (a.s.opaque.resources || b.s.opaque.resources) return a.s.resourceElement === b.s.resourceElement && raw(a.policy, a.s.statement.byName.get(a.s.resourceElement ?? '')?.value) === raw(b.policy, b.s.statement.byName.get(b.s.resourceElement ?? '')?.value);
  if (a.s.resourceElement !== b.s.resourceElement) return false;
  const [inner, outer] = a.s.resourceElement === 'Resource' ? [resources(a), resources(b)] : [resources(b), resources(a)];
  return inner.every((x) => outer.some((y) => covers(y, x, false)));
}

/** Every condition of `b` that can be false is implied by a condition of `a`. */
function conditionsWithin(a: Side, b: Side): boolean {
  const mine = a.s.conditions.map(cond);
  return b.s.conditions.map(cond).every((c) => c.always === true || mine.some((m) => implies(m, c)));
}

/** Whether every request statement `a` matches, `b` matches too. */
export function statementWithin(a: Side, b: Side): boolean {
  if (matchesNothing(a)) return true;
  if (matchesNothing(b)) return false;
  return actionsWithin(a, b) && principalsWithin(a, b) && resourcesWithin(a, b) && conditionsWithin(a, b);
}

/**
 * Why the edit from `before` to `after` may let someone do more, or
 * undefined when every Allow of `after` matches no more requests than before
 * and every Deny no fewer. The policies are paired by their order in the
 * document, the statements by their order in the policy.
 */
export function widening(before: readonly PolicyModel[], after: readonly PolicyModel[]): string | undefined {
  if (before.length !== after.length) return `${before.length} policies before, ${after.length} after`;
  for (let i = 0; i < before.length; i++) {
    const [p, q] = [before[i], after[i]];
    // The kind is KMS Lens's reading of the file, not something AWS evaluates (removing the last kms: action can make a
    // key policy read as another service's policy): the statements below are compared the same way whatever it is.
    const version = (x: PolicyModel): string | undefined => (x.byName.get('Version')?.value.value as string | undefined);
    // The version decides only whether ${...} is a policy variable (IAM User Guide, "Version").
    if (version(p) !== version(q) && raw(q, q.root).includes('${')) return `policy ${i + 1}: the Version changed in a policy with \${...}`;
    const [ns, nt] = [normalized(p), normalized(q)];
    if (ns.length !== nt.length) return `policy ${i + 1}: ${ns.length} statements before, ${nt.length} after`;
    for (let j = 0; j < ns.length; j++) {
      const was: Side = { policy: p, s: ns[j] };
      const now: Side = { policy: q, s: nt[j] };
      const effect = ns[j].statement.effect?.value;
      if (effect !== nt[j].statement.effect?.value) return `policy ${i + 1} statement ${j + 1}: Effect ${effect} became ${nt[j].statement.effect?.value}`;
      const ok = effect === 'Deny' ? statementWithin(was, now) : statementWithin(now, was);
      if (!ok) return `policy ${i + 1} statement ${j + 1}: the ${effect === 'Deny' ? 'Deny may match fewer' : 'Allow may match more'} requests\n  before: ${raw(p, ns[j].statement.node)}\n  after:  ${raw(q, nt[j].statement.node)}`;
    }
  }
  return undefined;
}

