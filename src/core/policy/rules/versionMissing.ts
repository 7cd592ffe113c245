import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { insertProperty } from '../edits';
import { KEY_AND_IDENTITY_POLICIES, startOf, usesPolicyVariables } from '../facts';

export const versionMissing: PolicyRule = {
  id: 'policy-version-missing',
  defaultSeverity: 'information',
  title: 'Policy has no Version',
  category: 'style',
  fixable: ['neutral', 'review'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'A policy without `"Version"` is read with the 2008-10-17 policy language, in which policy variables such as `${aws:username}` are plain text. Every current AWS example starts with `"Version": "2012-10-17"`.',
    example: '{ "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*" } ] }',
    remedy: 'Add `"Version": "2012-10-17"` as the first element (quick fix).',
    sources: [SOURCES.iamVersion],
  },
  check(policy, report) {
    // A statement saved on its own has no Version to have: the policy it goes into does.
    if (policy.fragment || policy.root.type !== 'object' || policy.byName.has('Version')) return;
    // With variables in the text, adding the version changes what the policy means: offer it, do not apply it blindly.
    const usesVariables = usesPolicyVariables(policy);
    report({
      ...startOf(policy.root),
      message: l10n.t('This policy has no "Version", so AWS reads it with the 2008-10-17 policy language (policy variables are not replaced). Add "Version": "2012-10-17".'),
      fixes: [{ title: l10n.t('Add "Version": "2012-10-17"'), edits: [insertProperty(policy.text, policy.root, 'Version', '"2012-10-17"', 'first')], safety: usesVariables ? 'review' : 'neutral' }],
    });
  },
};
