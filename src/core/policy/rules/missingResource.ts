import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { insertProperty } from '../edits';
import { KEY_AND_IDENTITY_POLICIES, isBroken, startOf } from '../facts';
import { statementFix } from '../fixSafety';

export const missingResource: PolicyRule = {
  id: 'policy-missing-resource',
  defaultSeverity: 'error',
  title: 'Statement without Resource or NotResource',
  category: 'ineffective',
  fixable: ['widens', 'narrows'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'A statement needs `Resource` (or `NotResource`). In a key policy a statement without it has no effect: the KMS API accepts the policy (`CreateKey`, `PutKeyPolicy`) and only the console reports the error, so the statement silently never applies. In a key policy the value is `"*"`, meaning "this key". IAM refuses identity policies without it ("Policy statement must contain resources").',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Action": "kms:Decrypt" }',
    remedy: 'In a key policy add `"Resource": "*"` (quick fix: Fix all applies it to a Deny, which it only makes stricter; in an Allow you apply it yourself, since it makes the statement take effect); in an IAM policy add the key ARNs the statement is for.',
    sources: [SOURCES.putKeyPolicy, SOURCES.createKey, SOURCES.keyPolicyElements, SOURCES.iamResource],
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
          ? l10n.t('This statement has no "Resource", so it has no effect: KMS accepts the policy, but the statement never applies. In a key policy, write "Resource": "*" (this key).')
          : l10n.t('This statement has no "Resource": IAM refuses the policy. Name the key ARNs it is for.'),
        fixes,
      });
    }
  },
};
