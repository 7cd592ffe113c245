import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_AND_IDENTITY_POLICIES, isBroken, startOf } from '../facts';

export const missingAction: PolicyRule = {
  id: 'policy-missing-action',
  defaultSeverity: 'error',
  title: 'Statement without Action or NotAction',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'A statement without `Action` or `NotAction` applies to nothing. The KMS API accepts such a key policy (`CreateKey`, `PutKeyPolicy`; only the console reports the error), so the statement silently has no effect. IAM refuses such identity policies ("Policy statement must contain actions").',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Resource": "*" }',
    remedy: 'Add the `Action` list the statement is meant to allow or deny.',
    sources: [SOURCES.putKeyPolicy, SOURCES.createKey, SOURCES.keyPolicyElements, SOURCES.iamAction],
  },
  check(policy, report) {
    for (const s of policy.statements) {
      if (isBroken(policy, s.node)) continue;
      if (s.byName.has('Action') || s.byName.has('NotAction')) continue;
      report({
        ...startOf(s.node),
        message: policy.kind === 'keyPolicy'
          ? l10n.t('This statement has no "Action" (or "NotAction"), so it has no effect: KMS accepts the policy, but the statement never applies.')
          : l10n.t('This statement has no "Action" (or "NotAction"): IAM refuses the policy.'),
      });
    }
  },
};
