import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { ALL_POLICIES, isBroken, startOf } from '../facts';

export const missingAction: PolicyRule = {
  id: 'policy-missing-action',
  defaultSeverity: 'error',
  title: 'Statement without Action or NotAction',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: ALL_POLICIES,
  docs: {
    description: 'A statement without `Action` or `NotAction` applies to nothing. Since August 2025 KMS rejects such key policies (`MalformedPolicyDocumentException`); IAM rejects such identity policies.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Resource": "*" }',
    remedy: 'Add the `Action` list the statement is meant to allow or deny.',
  },
  check(policy, report) {
    for (const s of policy.statements) {
      if (isBroken(policy, s.node)) continue;
      if (s.byName.has('Action') || s.byName.has('NotAction')) continue;
      report({ ...startOf(s.node), message: l10n.t('This statement has no "Action" (or "NotAction"): it applies to nothing, and AWS rejects it.') });
    }
  },
};
