import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { isBareStatement, KEY_AND_IDENTITY_POLICIES, startOf } from '../facts';

export const statementMissing: PolicyRule = {
  id: 'policy-statement-missing',
  defaultSeverity: 'error',
  title: 'No Statement, or an empty one',
  category: 'rejected',
  fixable: [],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'A policy needs a `Statement` with at least one statement: the element is required (IAM JSON policy reference), and "a key policy document must have at least one statement" (KMS Developer Guide). An empty list grants nothing.',
    example: '{ "Version": "2012-10-17", "Statement": [] }',
    remedy: 'Add the statements the policy is for.',
    sources: [SOURCES.iamStatement, SOURCES.keyPolicyElements],
  },
  check(policy, report) {
    if (policy.fragment || policy.root.type !== 'object') return;
    const st = policy.byName.get('Statement');
    if (!st) {
      const message = isBareStatement(policy)
        ? l10n.t('This is one statement, not a policy: it has no "Statement", which every policy requires. Put it in one: {"Version": "2012-10-17", "Statement": [ ... ]}.')
        : l10n.t('This policy has no "Statement", which every policy requires.');
      report({ ...startOf(policy.root), message });
    } else if (st.value.type === 'array' && (st.value.children ?? []).length === 0) {
      report({ start: st.value.offset, end: st.value.offset + st.value.length, message: l10n.t('"Statement" is empty: the policy allows and denies nothing.') });
    }
  },
};
