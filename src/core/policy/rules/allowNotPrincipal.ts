import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { normalized } from '../normalize';

export const allowNotPrincipal: PolicyRule = {
  id: 'policy-allow-not-principal',
  defaultSeverity: 'warning',
  title: 'Allow with NotPrincipal',
  category: 'risk',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: '`"Effect": "Allow"` with `NotPrincipal` allows every principal except the ones listed, including anonymous and other accounts\' principals. It is almost never meant; AWS recommends against it.',
    example: '{ "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:role/Auditor" }, "Action": "kms:Decrypt", "Resource": "*" }',
    remedy: 'Use `Principal` with the principals to allow, or a Deny with `NotPrincipal` to exclude.',
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.effect !== 'Allow' || s.principalElement !== 'NotPrincipal') continue;
      const m = s.statement.byName.get('NotPrincipal')!;
      report({ start: m.key.offset, end: m.key.offset + m.key.length, message: l10n.t('Allow with NotPrincipal allows everyone except the listed principals, in every account. Use Principal, or a Deny.') });
    }
  },
};
