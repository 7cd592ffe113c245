/**
 * Facts about a whole policy that several rules need: the account it belongs
 * to, the Regions of the keys a statement names, whether it is for Deadline
 * Cloud, which actions a condition key applies to, and the edit that moves a
 * condition key under another operator.
 */
import type { Node } from 'jsonc-parser';
import { actionsForConditionKey, type ConditionKeyInfo } from '../data/iam';
import { isPartial } from '../document/sound';
import { ACCOUNT_ID, hasUnknown, repairShiftedArn, type Arn, type ArnPart } from '../kms/identifiers';
import type { TextEdit } from '../types';
import { insertMember, nodeEnd, propertyOf, removeItem, renameKey, stringPart } from './edits';
import { membersOf, type ConditionEntry, type PolicyModel, type Statement } from './model';
import { conditionStrings, normalized, type ConditionString, type NormalizedStatement, type ResourceRef } from './normalize';
import { valueArn, type PolicyValue } from './value';

/** A one-character range at the start of a node, for findings about something that is missing from it. */
export function startOf(n: Node): { start: number; end: number } {
  return { start: n.offset, end: n.offset + 1 };
}

const ACCOUNT_KEYS = new Set(['kms:calleraccount', 'aws:sourceaccount', 'aws:principalaccount', 'aws:resourceaccount']);

/**
 * The account and partition the policy is evidently about: the document's own
 * (an event's account) or the account most of its ARNs and principals name.
 */
export function policyAccount(policy: PolicyModel): { account: string; partition: string } | undefined {
  const counts = new Map<string, number>();
  let partition: string | undefined;
  const add = (account: string | undefined, p?: string): void => {
    if (!account || !ACCOUNT_ID.test(account)) return;
    counts.set(account, (counts.get(account) ?? 0) + 1);
    if (p && !partition && !p.includes('*')) partition = p;
  };
  for (const s of normalized(policy)) {
    for (const p of s.principals) add(p.account, p.arn?.partition.value);
    for (const r of s.resources) add(r.arn?.account.value, r.arn?.partition.value);
    for (const c of s.conditions) {
      if (ACCOUNT_KEYS.has(c.entry.key.toLowerCase())) for (const v of conditionStrings(c.entry)) add(v.value);
    }
  }
  const contextAccount = policy.context.account && ACCOUNT_ID.test(policy.context.account) ? policy.context.account : undefined;
  let best = contextAccount;
  if (!best) {
    let n = 0;
    for (const [a, c] of counts) if (c > n) [best, n] = [a, c];
  }
  if (!best) return undefined;
  return { account: best, partition: partition ?? (policy.context.keyArn?.split(':')[1] || 'aws') };
}

/**
 * The Regions of the KMS keys the statement applies to: the concrete Regions
 * of its key and alias ARNs, or for a key policy the Region of the key it is
 * attached to when the document says. Empty when unknown or when any ARN has
 * a wildcard Region.
 */
export function keyRegions(policy: PolicyModel, s: NormalizedStatement): Set<string> {
  const regions = new Set<string>();
  if (policy.kind === 'keyPolicy') {
    if (policy.context.region) regions.add(policy.context.region);
    return regions;
  }
  if (s.resourceElement !== 'Resource' || s.opaque.resources) return regions;
  for (const r of s.resources) {
    if (r.parts.shape === '*' || r.parts.whollyUnknown) return new Set();
    if (!r.arn || r.arn.service.value !== 'kms') continue;
    const region = r.arn.region.value;
    if (region === '' || /[*?$]/.test(region) || hasUnknown(region)) return new Set();
    regions.add(region);
  }
  return regions;
}

type ViaServiceValue = ConditionString & { entry: ConditionEntry };
const viaServices = new WeakMap<NormalizedStatement, readonly ViaServiceValue[]>();

/** ViaService values a statement requires (positive string operators only), computed once per statement. */
export function viaServiceValues(s: NormalizedStatement): readonly ViaServiceValue[] {
  let out = viaServices.get(s);
  if (!out) {
    const values: ViaServiceValue[] = [];
    for (const c of s.conditions) {
      if (c.entry.key.toLowerCase() !== 'kms:viaservice' || c.op.family !== 'String' || c.op.negated) continue;
      for (const v of conditionStrings(c.entry)) values.push({ ...v, entry: c.entry });
    }
    viaServices.set(s, (out = values));
  }
  return out;
}

/** A statement for Deadline Cloud: it requires `kms:ViaService` = `deadline.<region>.amazonaws.com`. */
export function isDeadlineStatement(s: NormalizedStatement): boolean {
  return viaServiceValues(s).some((v) => (v.parts?.shape ?? v.value).startsWith('deadline.'));
}

const applicable = new Map<string, ReadonlySet<string>>();

/** Names of the KMS actions a (known) condition key applies to, cached. */
export function actionsAcceptingKey(info: ConditionKeyInfo): ReadonlySet<string> {
  let set = applicable.get(info.key);
  if (!set) {
    set = new Set(actionsForConditionKey(info.key).map((a) => a.name));
    applicable.set(info.key, set);
  }
  return set;
}

/**
 * Whether the policy holds a real IAM policy variable (`${aws:username}`),
 * whose meaning depends on the policy language version. Template variables
 * (`${account_id}`) and CloudFormation's (`${AWS::Region}` in Fn::Sub) are
 * filled in before AWS sees the policy, so they do not count.
 */
export function usesPolicyVariables(policy: PolicyModel): boolean {
  const has = (v: PolicyValue | undefined): boolean => v !== undefined && v.unknowns.some((u) => u.kind === 'policyVariable');
  return policy.statements.some((s) =>
    [s.actions, s.notActions, s.resources, s.notResources, s.principals, s.notPrincipals].some((list) => list.some((v) => has(v.parts))) ||
    s.conditions.some((c) => c.values.some((v) => has(v.parts))));
}

/** UTF-8 size of the policy as KMS receives it. */
export function policyBytes(policy: PolicyModel): number {
  const text = policy.origin === 'embedded' ? policy.text.slice(policy.root.offset, nodeEnd(policy.root)) : policy.text;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Edits that move one condition key (with its values) under another operator
 * in the same Condition block: a rename when it is alone under its operator,
 * otherwise a removal plus an insertion into the target operator's block
 * (existing or new). Undefined when the Condition is not a plain object.
 */
export function moveConditionKey(policy: PolicyModel, statement: Statement, entry: ConditionEntry, newOperator: string): TextEdit[] | undefined {
  const condition = statement.byName.get('Condition')?.value;
  if (!condition || condition.type !== 'object') return undefined;
  const opProperty = propertyOf(entry.operatorNode);
  const block = opProperty.children?.[1];
  const keyProperty = propertyOf(entry.keyNode);
  if (!block || block.type !== 'object') return undefined;
  const target = membersOf(condition).find((m) => m.name === newOperator);
  if (target && target.value.type !== 'object') return undefined;
  // The target block already tests this key: merging would create a duplicate key.
  if (target && membersOf(target.value).some((m) => m.name === entry.key)) return undefined;
  const alone = (block.children ?? []).length === 1;
  const memberText = policy.text.slice(keyProperty.offset, nodeEnd(keyProperty));
  if (alone && !target) return [renameKey(entry.operatorNode, newOperator)];
  const removal = alone ? removeItem(opProperty) : removeItem(keyProperty);
  if (!removal) return undefined;
  const insertion = target
    ? insertMember(policy.text, target.value, memberText, 'last')
    : insertMember(policy.text, condition, `${JSON.stringify(newOperator)}: { ${memberText} }`, 'last');
  return [removal, insertion];
}

/** "A, B, C and 4 more" for messages. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} (+${names.length - max})`;
}

const KMS_ARN = /^arn:[^:]*:{1,2}kms:/;

/**
 * The KMS key and alias ARNs a statement names: in `Resource` (not in a key
 * policy, where Resource is "*" and policy-key-policy-resource reports the
 * rest), and in condition values, where other services' policies name their
 * KMS key (`s3:x-amz-server-side-encryption-aws-kms-key-id`, `aws:SourceArn`).
 * ARNs with the `arn:aws::kms:` shift come repaired, as resources do; parts
 * over the value's shape, so a placeholder in an ARN is an unknown part.
 */
export function kmsArnRefs(policy: PolicyModel, s: NormalizedStatement): ResourceRef[] {
  const out: ResourceRef[] = policy.kind === 'keyPolicy' ? [] : s.resources.filter((r) => r.arn?.service.value === 'kms');
  for (const c of s.conditions) {
    for (const v of c.entry.values) {
      // Read through the value model: the ARN's parts are over its shape, so placeholders stay unknown parts.
      if (!v.parts || !KMS_ARN.test(v.parts.shape)) continue;
      const va = valueArn(v.parts);
      if (va?.arn.service.value !== 'kms') continue;
      const repaired = va.shifted ? v.parts.writeShape(repairShiftedArn(v.parts.shape) ?? v.parts.shape) : undefined;
      out.push({ value: v.parts.written, node: v.node, parts: v.parts, arn: va.arn, valueArn: va, repaired, conditional: v.conditional });
    }
  }
  return out;
}

/** Rule `kinds` shorthands (policy/kinds.ts). */
export { EVERY_POLICY, IDENTITY_POLICIES, KEY_AND_IDENTITY_POLICIES, KEY_POLICIES } from './kinds';

/**
 * The characters of one part of an ARN written in a string node. For an ARN
 * with the `arn:aws::kms:` shift, `arn` is the repaired ARN and every part
 * after the partition sits one character later in the written text.
 */
export function arnPartSpan(text: string, node: Node, arn: Arn, part: ArnPart, shifted: boolean): { start: number; end: number } {
  const start = shifted && part.start > arn.partition.start ? part.start + 1 : part.start;
  return stringPart(text, node, start, start + part.value.length);
}

export interface ViaServiceName {
  service: string;
  region: string;
  /** `amazonaws.com`, or `amazonaws.com.cn` (which KMS does not use). */
  suffix: string;
  /** Offset of the Region in the value. */
  regionStart: number;
}

const VIA_SERVICE = /^([a-z0-9\uE000-]+)\.([a-z0-9\uE000-]+)\.(amazonaws\.com(?:\.cn)?)$/;

/**
 * Splits `service.region.amazonaws.com`; undefined for any other shape. In a
 * value's shape (value.ts) the service or Region may hold an unknown part
 * (`ec2.${region}.amazonaws.com`): check `hasUnknown` before judging it.
 */
export function parseViaService(value: string): ViaServiceName | undefined {
  const m = VIA_SERVICE.exec(value);
  if (!m) return undefined;
  return { service: m[1], region: m[2], suffix: m[3], regionStart: m[1].length + 1 };
}

/**
 * True when a JSON error cost the node a member or element (document/sound.ts):
 * what is left of it is right, but something may be missing, so rules about
 * what is absent stay quiet (the syntax rule already points at the real
 * mistake). A missing comma between two sound members costs nothing.
 */
export function isBroken(_policy: PolicyModel, n: Node): boolean {
  return isPartial(n);
}

/** Statement elements that, at a policy's root, say it is one statement written where a whole policy belongs. */
const STATEMENT_ONLY = ['Effect', 'Action', 'NotAction', 'Principal', 'NotPrincipal'];

/**
 * The policy is one statement without its wrapper (`policy = <<EOF { "Effect": ..., "Action": ... } EOF`):
 * no `Statement`, and statement elements at the root. policy-statement-missing says so once; the statement's
 * elements are not each reported as unknown policy elements.
 */
export function isBareStatement(policy: PolicyModel): boolean {
  if (policy.fragment || policy.root.type !== 'object' || policy.byName.has('Statement')) return false;
  return policy.members.some((m) => STATEMENT_ONLY.includes(m.name));
}
