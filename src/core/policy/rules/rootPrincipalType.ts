import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { wildcardMatch } from '../../text/wildcard';
import { KEY_POLICIES } from '../facts';
import { conditionStrings, normalized, type ConditionRef, type NormalizedStatement } from '../normalize';

/**
 * The aws:PrincipalType of a request made by an IAM identity of the account
 * (IAM User Guide, "AWS global condition context keys", aws:PrincipalType and
 * its principal key values): `User` for an IAM user, `AssumedRole` for a role
 * session, `FederatedUser` for an STS federated user session. The root user's
 * requests carry `Account`. The key is in every signed request.
 */
const IAM_TYPES = ['User', 'AssumedRole', 'FederatedUser'];

/** A statement that delegates to accounts: an Allow whose principals are all account roots (`arn:aws:iam::N:root` or `N`). */
function delegatesToAccounts(s: NormalizedStatement): boolean {
  return s.effect === 'Allow' && s.principalElement === 'Principal' && !s.opaque.principals && s.principals.length > 0 &&
    s.principals.every((p) => p.kind === 'root' || p.kind === 'account');
}

/**
 * Whether the condition is false for every IAM identity type, when that is
 * known for sure: a string operator without set prefix, every value known.
 */
function excludesIamIdentities(c: ConditionRef): boolean {
  const op = c.op;
  if (!op.valid || op.family !== 'String' || op.set) return false;
  const values = conditionStrings(c.entry);
  if (values.length === 0 || values.length !== c.entry.values.length || values.some((v) => v.parts && !v.parts.known)) return false;
  const ignoreCase = /IgnoreCase/i.test(op.base ?? '');
  const matches = (type: string): boolean => values.some((v) => (op.pattern ? wildcardMatch(v.value, type, ignoreCase) : ignoreCase ? v.value.toLowerCase() === type.toLowerCase() : v.value === type));
  // Negated operators are true when no value matches.
  return IAM_TYPES.every((type) => (op.negated ? matches(type) : !matches(type)));
}

export const rootPrincipalType: PolicyRule = {
  id: 'policy-root-principal-type',
  defaultSeverity: 'warning',
  title: 'aws:PrincipalType on the account statement excludes IAM users and roles',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'The key policy statement that allows the account (`"Principal": {"AWS": "arn:aws:iam::111122223333:root"}`) is what lets IAM policies in that account grant access to the key. The requests that use that delegation come from IAM users and roles, whose `aws:PrincipalType` is `User`, `AssumedRole` or `FederatedUser`; only the root user\'s own requests carry `Account` (IAM User Guide, aws:PrincipalType; the key is in every signed request). A condition such as `"StringEquals": {"aws:PrincipalType": "Account"}` on that statement is false for every IAM user and role, so IAM policies no longer give anyone access to the key: only the root user keeps it. Reported for string operators whose values are all known and exclude all three IAM types.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*", "Condition": { "StringEquals": { "aws:PrincipalType": "Account" } } }',
    remedy: 'Remove the condition to let IAM policies grant access to the key, or name the roles that need the key in their own statements. To keep the root user out instead, use a Deny with `"StringEquals": {"aws:PrincipalType": "Account"}`.',
    sources: [SOURCES.iamGlobalKeys, SOURCES.keyPolicyDefault],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (!delegatesToAccounts(s)) continue;
      for (const c of s.conditions) {
        if (c.entry.key.toLowerCase() !== 'aws:principaltype' || !excludesIamIdentities(c)) continue;
        report({
          start: c.entry.keyNode.offset,
          end: c.entry.keyNode.offset + c.entry.keyNode.length,
          message: l10n.t('With this {0} condition the statement applies only to the root user: requests from IAM users and roles carry aws:PrincipalType User, AssumedRole or FederatedUser, so IAM policies in the account no longer give anyone access to this key.', c.op.text),
        });
      }
    }
  },
};
