import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { replaceString } from '../edits';
import { KEY_AND_IDENTITY_POLICIES, usesPolicyVariables } from '../facts';
import { readValue } from '../value';

export const versionInvalid: PolicyRule = {
  id: 'policy-version-invalid',
  defaultSeverity: 'error',
  title: 'Version is not a policy language version',
  category: 'rejected',
  fixable: ['repair', 'review'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'The policy language has two versions, `2012-10-17` and `2008-10-17`. IAM supports only these two, and refuses other values as malformed (IAM JSON policy reference, "Version"): `Version` is not the version of your policy.',
    example: '{ "Version": "2024-01-15", "Statement": [ ... ] }',
    remedy: 'Use `"2012-10-17"` (quick fix).',
    sources: [SOURCES.iamVersion, SOURCES.iamGrammar],
  },
  check(policy, report) {
    const v = policy.byName.get('Version')?.value;
    if (!v || v.type !== 'string' || v.value === '2012-10-17' || v.value === '2008-10-17') return;
    // "${policy_version}": the template decides.
    if (!readValue(v, policy.read)?.known) return;
    // The version decides whether ${...} is a policy variable: with policy variables in the text, 2012-10-17 is not the only reading.
    const usesVariables = usesPolicyVariables(policy);
    report({
      start: v.offset,
      end: v.offset + v.length,
      message: l10n.t('"{0}" is not a policy language version: AWS accepts only 2012-10-17 (current) and 2008-10-17.', String(v.value)),
      fixes: [{ title: l10n.t('Change the version to 2012-10-17'), edits: [replaceString(v, '2012-10-17')], safety: usesVariables ? 'review' : 'repair' }],
    });
  },
};
