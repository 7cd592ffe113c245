import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { normalized, type NormalizedStatement, type PrincipalKind } from '../normalize';

/**
 * The global keys that describe the resource on whose behalf a service
 * principal calls. The IAM User Guide ("AWS global condition context keys"):
 * "the aws:SourceAccount condition key is only available when the call to
 * your resource is made directly by an AWS service principal"; the
 * Availability of aws:SourceArn, aws:SourceOrgID and aws:SourceOrgPaths says
 * the same.
 */
const SOURCE_KEYS = new Set(['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths',
  // "This key is present in the request when the call is made by an AWS service principal. This key isn't present in any other situation" (same page).
  'aws:principalservicename', 'aws:principalservicenameslist']);

/** Principals that are IAM identities of an account: none of them is a service principal. */
const IDENTITIES: ReadonlySet<PrincipalKind> = new Set<PrincipalKind>(['account', 'root', 'user', 'role', 'assumedRole', 'federatedUser', 'uniqueId']);

/** Statements whose principals are all accounts, users and roles, known for sure. */
function onlyIdentities(s: NormalizedStatement): boolean {
  return s.principalElement === 'Principal' && !s.opaque.principals && s.principals.length > 0 && s.principals.every((p) => IDENTITIES.has(p.kind));
}

export const sourceKeyWithoutService: PolicyRule = {
  id: 'policy-source-key-without-service',
  defaultSeverity: 'warning',
  title: 'Service-only condition key (aws:Source*) on a statement without a service principal',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: '`aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID`, `aws:SourceOrgPaths`, `aws:PrincipalServiceName` and `aws:PrincipalServiceNamesList` are in the request only when an AWS service principal (`cloudtrail.amazonaws.com`, `logs.<region>.amazonaws.com`, ...) calls on behalf of a resource. On a statement whose principals are all accounts, users or roles, the key is never there: an Allow with it (`StringEquals`, `ArnLike`, ...) never matches, and a Deny with a negated operator (`StringNotEquals`, ...) always matches, denying those principals every call. Conditions with `...IfExists` or `Null` are not reported: they are written for the key\'s absence. To limit accounts, users or roles, use `aws:PrincipalAccount`, `aws:PrincipalArn` or `aws:PrincipalOrgID`.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Action": "kms:Decrypt", "Resource": "*", "Condition": { "StringEquals": { "aws:SourceAccount": "111122223333" } } }',
    remedy: 'For a service principal, add it to the statement\'s `Principal` (`"Service": "..."`). For accounts, users and roles, use the `aws:Principal...` keys instead.',
    sources: [SOURCES.iamGlobalKeys, SOURCES.iamConditionOperators],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (!s.effect || !onlyIdentities(s)) continue;
      for (const c of s.conditions) {
        const key = c.entry.key.toLowerCase();
        if (!SOURCE_KEYS.has(key)) continue;
        const op = c.op;
        // IfExists and Null are written for the key's absence; an invalid operator is reported by its own rule.
        if (!op.valid || !op.family || op.family === 'Null' || op.ifExists) continue;
        // Absent key: a negated operator and ForAllValues are true, anything else false (IAM User Guide, condition operators).
        const trueWhenAbsent = op.set === 'ForAllValues' || (op.negated && op.set !== 'ForAnyValue');
        let message: string;
        if (s.effect === 'Allow' && !trueWhenAbsent) {
          message = l10n.t('{0} is in the request only when an AWS service principal calls, and this statement names only accounts, users or roles: the condition is never true, so this Allow never applies. For these principals use the aws:Principal... keys.', c.entry.key);
        } else if (s.effect === 'Deny' && trueWhenAbsent) {
          message = l10n.t('{0} is in the request only when an AWS service principal calls, and this statement names only accounts, users or roles: with {1} the condition is always true, so this Deny applies to every request of these principals.', c.entry.key, op.text);
        } else if (s.effect === 'Deny') {
          message = l10n.t('{0} is in the request only when an AWS service principal calls, and this statement names only accounts, users or roles: the condition is never true, so this Deny never applies.', c.entry.key);
        } else {
          message = l10n.t('{0} is in the request only when an AWS service principal calls, and this statement names only accounts, users or roles: with {1} the condition is always true, so it limits nothing.', c.entry.key, op.text);
        }
        report({ start: c.entry.keyNode.offset, end: c.entry.keyNode.offset + c.entry.keyNode.length, message });
      }
    }
  },
};
