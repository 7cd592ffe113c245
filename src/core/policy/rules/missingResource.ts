import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { insertProperty } from '../edits';
import { statementFix } from '../fixSafety';
import { ALL_POLICIES, isBroken, startOf } from '../facts';

export const missingResource: PolicyRule = {
  id: 'policy-missing-resource',
  defaultSeverity: 'error',
  title: 'Statement without Resource or NotResource',
  category: 'ineffective',
  fixable: ['widens', 'narrows'],
  scope: 'policy',
  kinds: ALL_POLICIES,
  docs: {
    description: 'A statement needs `Resource` (or `NotResource`). Since August 2025 KMS rejects key policies with a statement that lacks it; in a key policy the only accepted value is `"*"`, meaning "this key". IAM rejects identity policies without it.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Action": "kms:Decrypt" }',
    remedy: 'In a key policy add `"Resource": "*"` (quick fix); in an IAM policy add the key ARNs the statement is for.',
  },
  check(policy, report) {
    for (const s of policy.statements) {
      if (isBroken(policy, s.node)) continue;
      if (s.byName.has('Resource') || s.byName.has('NotResource')) continue;
      const fixes: Fix[] = policy.kind === 'keyPolicy'
        // The statement matches no request today: with "*" it applies to this key (wider in an Allow, narrower in a Deny).
        ? [statementFix(policy, s, l10n.t('Add "Resource": "*"'), [insertProperty(policy.text, s.node, 'Resource', '"*"', 'last')], 'more')]
        : [];
      report({
        ...startOf(s.node),
        message: policy.kind === 'keyPolicy'
          ? l10n.t('This statement has no "Resource": KMS rejects it. In a key policy, write "Resource": "*" (this key).')
          : l10n.t('This statement has no "Resource": AWS rejects it. Name the key ARNs it is for.'),
        fixes,
      });
    }
  },
};
