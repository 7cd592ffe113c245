import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { insertProperty } from '../edits';
import { classifiedFix } from '../fixSafety';
import { KEY_POLICIES, isBroken, policyAccount, startOf } from '../facts';

export const missingPrincipal: PolicyRule = {
  id: 'policy-missing-principal',
  defaultSeverity: 'error',
  title: 'Key policy statement without Principal',
  category: 'rejected',
  fixable: ['review'],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'Every statement of a key policy must name who it applies to with `Principal` (or `NotPrincipal`). The KMS API reference for `CreateKey` and `PutKeyPolicy`: "Each statement in the key policy must contain one or more principals"; a policy that does not meet that is refused.',
    example: '{ "Sid": "Use", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*" }',
    remedy: 'Add the principal the statement is for. The quick fix adds the account root (the account named elsewhere in the document), which delegates to IAM policies; narrow it if that is not what you meant.',
    sources: [SOURCES.createKey, SOURCES.putKeyPolicy],
  },
  check(policy, report) {
    let owner: ReturnType<typeof policyAccount> | null = null;
    for (const s of policy.statements) {
      if (isBroken(policy, s.node)) continue;
      if (s.byName.has('Principal') || s.byName.has('NotPrincipal')) continue;
      if (owner === null) owner = policyAccount(policy);
      const fixes: Fix[] = owner
        // Who the statement is for is the author's decision: offered, never applied by fix-all.
        ? [classifiedFix(policy, s, l10n.t('Add the account root {0} as Principal', owner.account),
          [insertProperty(policy.text, s.node, 'Principal', `{ "AWS": ${JSON.stringify(`arn:${owner.partition}:iam::${owner.account}:root`)} }`, 'last')], 'review')]
        : [];
      report({ ...startOf(s.node), message: l10n.t('This key policy statement has no "Principal": KMS rejects it. Name who the statement applies to.'), fixes });
    }
  },
};
