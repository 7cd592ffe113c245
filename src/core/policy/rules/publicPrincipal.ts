import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { narrowingKeys, normalized } from '../normalize';

/** Condition keys that limit who can use an open principal to one account, organisation, source or network. */
const NARROWING = [
  'kms:calleraccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:userid', 'aws:username',
  'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourcevpcarn',
  'aws:vpceaccount', 'aws:vpceorgid', 'aws:vpceorgpaths', 'aws:principalservicename', 'aws:principalisawsservice',
];

export const publicPrincipal: PolicyRule = {
  id: 'policy-public-principal',
  defaultSeverity: 'warning',
  title: 'Allow to everyone without a narrowing condition',
  category: 'risk',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: '`"Principal": "*"` or `{"AWS": "*"}` in an Allow means every AWS principal, in every account. KMS keys use this safely only with a condition that narrows it, such as `kms:CallerAccount` (the AWS managed key policies), `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceAccount`/`aws:SourceArn` or `aws:SourceVpce`. Without one, anyone can use the key for the allowed actions. (Deny statements with `"*"` are the normal way to restrict, and are not reported.)',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "kms:Decrypt", "Resource": "*" }',
    remedy: 'Name the principals, or add a condition such as `"StringEquals": {"kms:CallerAccount": "111122223333"}` or `{"aws:PrincipalOrgID": "o-..."}`.',
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.effect !== 'Allow' || s.principalElement !== 'Principal') continue;
      const open = s.principals.filter((p) => p.kind === 'wildcard');
      if (open.length === 0) continue;
      const keys = narrowingKeys(s);
      if (NARROWING.some((k) => keys.has(k))) continue;
      for (const p of open) {
        report({
          start: p.node.offset,
          end: p.node.offset + p.node.length,
          message: l10n.t('This Allow applies to every AWS principal in every account, and no condition limits which accounts. Add kms:CallerAccount or aws:PrincipalOrgID, or name the principals.'),
        });
      }
    }
  },
};
