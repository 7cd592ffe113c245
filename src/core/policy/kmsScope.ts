/**
 * What KMS Lens may speak about in a policy that is not a key policy: only
 * what is about KMS. In an identity policy (or permissions boundary) that is
 * each statement about KMS, whole, and the policy around them; in every other
 * kind (trust, other services' resource policies, VPC endpoint policies, SCPs,
 * RCPs) only the KMS parts themselves:
 * - kms: actions in Action and NotAction;
 * - KMS key and alias ARNs (and key ids or alias names in statements about
 *   KMS) in Resource and NotResource;
 * - conditions on kms: keys, or on keys that hold a KMS key
 *   (`s3:x-amz-server-side-encryption-aws-kms-key-id`), with their operator
 *   and values; and KMS ARNs in the values of any condition.
 * The rule runner drops every finding of a policy rule that lies elsewhere,
 * so a rule written for key policies cannot speak about an S3 action by
 * accident.
 */
import type { Node } from 'jsonc-parser';
import type { PolicyKind } from './kinds';
import type { PolicyModel, Statement } from './model';
import { partitionPoint } from '../sortedSearch';

interface Span {
  start: number;
  end: number;
}

interface Scope {
  /** Statements (whole) that are about KMS. */
  statements: Span[];
  /** The KMS parts, by start. */
  parts: Span[];
  /** For each part (by start), the largest end among it and the parts before it. */
  reach: number[];
}

const KMS_ARN = /^arn:[^:]*:{1,2}kms:/i;
const KEY_REFERENCE = /^(alias\/|mrk-[0-9a-f]|[0-9a-f]{8}-[0-9a-f]{4}-)/i;
const span = (n: Node): Span => ({ start: n.offset, end: n.offset + n.length });

function partsOf(s: Statement): Span[] {
  // Values come from the value model (value.ts): an `Fn::If` alternative or a
  // `Fn::Sub` counts by its known text (`arn:${AWS::Partition}:kms:...` is a KMS ARN).
  const parts: Span[] = [];
  const kmsActions = [...s.actions, ...s.notActions].filter((a) => a.parts.shape.toLowerCase().startsWith('kms:'));
  parts.push(...kmsActions.map((a) => span(a.node)));
  for (const r of [...s.resources, ...s.notResources]) {
    const v = r.parts.shape;
    if (KMS_ARN.test(v) || (kmsActions.length > 0 && KEY_REFERENCE.test(v))) parts.push(span(r.node));
  }
  for (const c of s.conditions) {
    const kmsKey = /kms/i.test(c.key);
    if (kmsKey) parts.push(span(c.operatorNode), span(c.keyNode), span(c.valueNode));
    else for (const v of c.values) if (v.parts && KMS_ARN.test(v.parts.shape)) parts.push(span(v.node));
  }
  return parts;
}

const cache = new WeakMap<PolicyModel, Scope>();

function scopeOf(policy: PolicyModel): Scope {
  let scope = cache.get(policy);
  if (!scope) {
    scope = { statements: [], parts: [], reach: [] };
    for (const s of policy.statements) {
      const parts = partsOf(s);
      if (parts.length === 0) continue;
      for (const p of parts) scope.parts.push(p);
      scope.statements.push(span(s.node));
    }
    scope.parts.sort((a, b) => a.start - b.start);
    let reach = -1;
    for (const p of scope.parts) scope.reach.push((reach = Math.max(reach, p.end)));
    cache.set(policy, scope);
  }
  return scope;
}

const inside = (a: Span, b: Span): boolean => a.start >= b.start && a.end <= b.end;

/**
 * Whether a part holds the finding. A policy with thousands of kms: actions gets
 * thousands of findings (a misspelt action repeated): a binary search keeps
 * that linear, where testing every part for every finding was quadratic.
 */
function inSomePart(scope: Scope, finding: Span): boolean {
  // The last part that starts at or before the finding; only it and earlier parts can hold it.
  const last = partitionPoint(scope.parts.length, (i) => scope.parts[i].start <= finding.start) - 1;
  for (let i = last; i >= 0 && scope.reach[i] >= finding.end; i--) if (scope.parts[i].end >= finding.end) return true;
  return false;
}

/** Whether the policy says anything about KMS at all. */
export function mentionsKmsParts(policy: PolicyModel): boolean {
  return scopeOf(policy).parts.length > 0;
}

/** The statements of the policy that are about KMS (kms: actions or condition keys, KMS ARNs). */
export function isAboutKms(policy: PolicyModel, statement: Statement): boolean {
  return partsOf(statement).length > 0;
}

/**
 * Whether a finding at [start, end) of the policy's text is about KMS, for a
 * policy that is not a key policy (key policies are all about KMS). `kind`
 * asks the question for another kind the policy may be.
 */
export function inKmsScope(policy: PolicyModel, finding: Span, kind: PolicyKind = policy.kind): boolean {
  if (kind === 'keyPolicy') return true;
  const scope = scopeOf(policy);
  if (kind === 'identityPolicy') {
    if (scope.statements.length === 0) return false;
    if (scope.statements.some((s) => inside(finding, s))) return true;
    // Around the statements (Version, Statement, Id): the policy holds KMS statements, so it is ours.
    return !policy.statements.some((s) => inside(finding, span(s.node)));
  }
  return inSomePart(scope, finding);
}
