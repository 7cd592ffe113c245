import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { absentKeyOutcome } from '../absentKey';
import { KEY_POLICIES } from '../facts';
import { normalized, type NormalizedStatement, type PrincipalKind } from '../normalize';

/**
 * Principals whose requests never carry aws:username. The IAM User Guide
 * ("AWS global condition context keys", aws:username, Availability): "This
 * key is always included in the request context for IAM users. Anonymous
 * requests and requests that are made using the AWS account root user or IAM
 * roles do not include this key." Service principals are no IAM user either.
 */
const WITHOUT_USERNAME: ReadonlySet<PrincipalKind> = new Set<PrincipalKind>(['role', 'assumedRole', 'service']);

function onlyRolesAndServices(s: NormalizedStatement): boolean {
  return s.principalElement === 'Principal' && !s.opaque.principals && s.principals.length > 0 && s.principals.every((p) => WITHOUT_USERNAME.has(p.kind));
}

export const usernameKeyOnRoles: PolicyRule = {
  id: 'policy-username-key-on-roles',
  defaultSeverity: 'warning',
  title: 'aws:username with only roles or services as principals',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: '`aws:username` is in the request only when an IAM user calls: requests made with an IAM role (assumed-role sessions, EC2 instance roles, Lambda functions, IAM Identity Center users) or by a service principal do not carry it. On a statement whose principals are all roles, assumed-role sessions or service principals, an Allow that tests it (`StringEquals`, `StringLike`, ...) never matches, and a Deny with a negated operator (`StringNotEquals`, ...) always matches. Conditions with `...IfExists` or `Null` are not reported: they are written for the key\'s absence. To tell role sessions apart, use `aws:userid` (`ROLEID:session-name`) or `aws:PrincipalArn`.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/Deploy" }, "Action": "kms:Decrypt", "Resource": "*", "Condition": { "StringEquals": { "aws:username": "deployer" } } }',
    remedy: 'For role sessions, test `aws:userid` (`"AROA...:${session}"`) or `aws:PrincipalArn`; keep `aws:username` for statements that name IAM users.',
    sources: [SOURCES.iamGlobalKeys, SOURCES.iamConditionOperators],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (!s.effect || !onlyRolesAndServices(s)) continue;
      for (const c of s.conditions) {
        if (c.entry.key.toLowerCase() !== 'aws:username') continue;
        // IfExists and Null are written for the key's absence; an invalid operator is reported by its own rule.
        if (c.op.ifExists) continue;
        const outcome = absentKeyOutcome(c.op);
        if (outcome === 'unknown') continue;
        const message = outcome === 'false'
          ? (s.effect === 'Allow'
            ? l10n.t('aws:username is in the request only when an IAM user calls, and this statement names only roles or service principals: the condition is never true, so this Allow never applies. For role sessions use aws:userid or aws:PrincipalArn.')
            : l10n.t('aws:username is in the request only when an IAM user calls, and this statement names only roles or service principals: the condition is never true, so this Deny never applies.'))
          : (s.effect === 'Deny'
            ? l10n.t('aws:username is in the request only when an IAM user calls, and this statement names only roles or service principals: with {0} the condition is always true, so this Deny applies to every request of these principals.', c.op.text)
            : l10n.t('aws:username is in the request only when an IAM user calls, and this statement names only roles or service principals: with {0} the condition is always true, so it limits nothing.', c.op.text));
        report({ start: c.entry.keyNode.offset, end: c.entry.keyNode.offset + c.entry.keyNode.length, message });
      }
    }
  },
};
