import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { normalized } from '../normalize';

export const keyPolicyConditionKey: PolicyRule = {
  id: 'policy-key-policy-condition-key',
  defaultSeverity: 'error',
  title: 'Condition key not allowed in a key policy',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'KMS does not allow `kms:ResourceAliases` or `aws:ResourceTag/...` in key policies (KMS Developer Guide, ABAC): access by alias or tag is for IAM policies, where it spans many keys. KMS rejects a key policy that uses them.',
    example: '"Condition": { "StringEquals": { "aws:ResourceTag/Project": "Alpha" } }',
    remedy: 'Move the statement to an IAM policy, or use a condition allowed in key policies.',
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        const key = c.entry.key.toLowerCase();
        if (key !== 'kms:resourcealiases' && !key.startsWith('aws:resourcetag/')) continue;
        report({
          start: c.entry.keyNode.offset,
          end: c.entry.keyNode.offset + c.entry.keyNode.length,
          message: l10n.t('{0} is not allowed in a key policy: KMS rejects it. Use it in an IAM policy.', c.entry.key),
        });
      }
    }
  },
};
