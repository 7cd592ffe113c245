import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { normalized } from '../normalize';

export const keyPolicyConditionKey: PolicyRule = {
  id: 'policy-key-policy-condition-key',
  defaultSeverity: 'warning',
  title: 'Condition key not allowed in a key policy',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'The KMS Developer Guide lists `kms:ResourceAliases` for "IAM policies only", and says `aws:ResourceTag/...` "is supported only in IAM policies ... It isn\'t supported in key policies, which apply only to one KMS key". Access by alias or tag is for IAM policies, where it spans many keys. The guide does not say what KMS does with them in a key policy (it does not say it rejects the policy), so do not count on the condition there.',
    example: '"Condition": { "StringEquals": { "aws:ResourceTag/Project": "Alpha" } }',
    remedy: 'Move the statement to an IAM policy, or use a condition allowed in key policies.',
    sources: [SOURCES.kmsConditionKeys, SOURCES.kmsTagAuthorization],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        const key = c.entry.key.toLowerCase();
        if (key !== 'kms:resourcealiases' && !key.startsWith('aws:resourcetag/')) continue;
        report({
          start: c.entry.keyNode.offset,
          end: c.entry.keyNode.offset + c.entry.keyNode.length,
          message: l10n.t('{0} is supported only in IAM policies, not in key policies (KMS Developer Guide): do not count on this condition here. Use it in an IAM policy.', c.entry.key),
        });
      }
    }
  },
};
