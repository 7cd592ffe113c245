import { KEY_POLICY_MAX_BYTES } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES, policyBytes, startOf } from '../facts';

export const tooLarge: PolicyRule = {
  id: 'policy-too-large',
  defaultSeverity: 'error',
  title: 'Key policy larger than 32 KB',
  category: 'rejected',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'A key policy document can be at most 32 KB (32,768 bytes), a KMS quota that cannot be raised. KMS rejects a larger policy. The size counts every character, white space included.',
    example: '{ "Version": "2012-10-17", "Statement": [ /* 150 statements, one per application role, 33,000 bytes in all */ ] }',
    remedy: 'Remove white space (indentation counts), merge statements that share principals or actions, use wildcards such as `kms:GenerateDataKey*`, or move per-principal permissions to IAM policies or grants.',
    sources: [SOURCES.kmsQuotas, SOURCES.putKeyPolicy],
  },
  check(policy, report) {
    // A UTF-16 unit is at most 3 bytes of UTF-8: short texts cannot reach the limit.
    if (policy.text.length * 3 <= KEY_POLICY_MAX_BYTES) return;
    const bytes = policyBytes(policy);
    if (bytes <= KEY_POLICY_MAX_BYTES) return;
    report({
      ...startOf(policy.root),
      message: l10n.t('This key policy is {0} bytes; KMS accepts at most {1} (32 KB) and rejects it.', bytes, KEY_POLICY_MAX_BYTES),
    });
  },
};
