import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { replaceString } from '../edits';
import { KEY_AND_IDENTITY_POLICIES, usesPolicyVariables } from '../facts';

export const versionOld: PolicyRule = {
  id: 'policy-version-old',
  defaultSeverity: 'information',
  title: 'Old policy language version 2008-10-17',
  category: 'style',
  fixable: ['neutral', 'review'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: '`"Version": "2008-10-17"` is the original policy language. It is still accepted, but policy variables such as `${aws:PrincipalTag/team}` are not replaced in it, and newer features assume 2012-10-17.',
    example: '{ "Version": "2008-10-17", "Statement": [ ... ] }',
    remedy: 'Use `"2012-10-17"` (quick fix). If the policy contains `${...}` text that must stay literal, check it first.',
    sources: [SOURCES.iamVersion],
  },
  check(policy, report) {
    const v = policy.byName.get('Version')?.value;
    if (!v || v.type !== 'string' || v.value !== '2008-10-17') return;
    const usesVariables = usesPolicyVariables(policy);
    report({
      start: v.offset,
      end: v.offset + v.length,
      message: l10n.t('2008-10-17 is the old policy language version: policy variables are not replaced in it. Use 2012-10-17.'),
      fixes: [{ title: l10n.t('Change the version to 2012-10-17'), edits: [replaceString(v, '2012-10-17')], safety: usesVariables ? 'review' : 'neutral' }],
    });
  },
};
