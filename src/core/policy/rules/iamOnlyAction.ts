import { IAM_ONLY_ACTIONS, NOT_EFFECTIVE_IN_KEY_POLICY_ALLOW } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { removeItem } from '../edits';
import { statementFix } from '../fixSafety';
import { KEY_POLICIES } from '../facts';
import { normalized } from '../normalize';

const IAM_ONLY: ReadonlySet<string> = new Set(IAM_ONLY_ACTIONS);
const NOT_IN_ALLOW: ReadonlySet<string> = new Set(NOT_EFFECTIVE_IN_KEY_POLICY_ALLOW);

export const iamOnlyAction: PolicyRule = {
  id: 'policy-iam-only-action',
  defaultSeverity: 'error',
  title: 'Action that has no effect in a key policy',
  category: 'ineffective',
  fixable: ['neutral', 'widens', 'review'],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'Some KMS actions are not about an existing key, so a key policy cannot grant them: `kms:CreateKey`, `kms:ListKeys`, `kms:ListAliases`, `kms:ListRetirableGrants`, `kms:GenerateRandom` and the custom key store actions work only in IAM policies. `kms:RetireGrant` in an Allow of a key policy has no effect either: retiring is authorised by the grant itself. (KMS Developer Guide: key-policy-default, grant-manage.)',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/Admin" }, "Action": [ "kms:CreateKey", "kms:DescribeKey" ], "Resource": "*" }',
    remedy: 'Grant (or deny) these actions in an IAM policy (with `"Resource": "*"`), or deny them in a service control policy, and remove them from the key policy.',
    sources: [SOURCES.keyPolicyDefault, SOURCES.kmsGrants, SOURCES.kmsActions],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const a of s.actions) {
        if (a.service !== 'kms' || a.wildcard || a.matches.length !== 1) continue;
        const name = a.matches[0].name;
        let message: string | undefined;
        if (IAM_ONLY.has(name)) {
          // A Deny does not grant: say what it fails to do (KMS never reads a key policy for these actions).
          message = s.effect === 'Deny'
            ? l10n.t('kms:{0} is not about an existing key, so KMS never reads a key policy for it: this Deny has no effect on it. Deny it in an IAM policy or a service control policy.', name)
            : l10n.t('kms:{0} is not about an existing key, so a key policy cannot grant it: it has no effect here. Grant it in an IAM policy.', name);
        }
        else if (NOT_IN_ALLOW.has(name) && s.effect === 'Allow') message = l10n.t('kms:{0} has no effect in an Allow of a key policy: retiring is authorised by the grant (its retiring principal or grantee). Use it in IAM policies or in a Deny.', name);
        if (!message) continue;
        const removal = removeItem(a.node);
        report({
          start: a.node.offset,
          end: a.node.offset + a.node.length,
          message,
          // In Action the entry has no effect, so removing it changes no access. In NotAction it is an exception:
          // removing it makes the statement cover the action, which only the author can decide.
          fixes: removal ? [s.actionElement === 'Action'
            ? { title: l10n.t('Remove "{0}" from this key policy', a.text), edits: [removal], safety: 'neutral' }
            : statementFix(policy, s.statement, l10n.t('Remove "{0}" from this key policy', a.text), [removal], 'more', false)] : [],
        });
      }
    }
  },
};
