import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { normalized, type PrincipalRef } from '../normalize';

/** Account and role name as written, for comparing a role with its sessions. */
function roleKey(p: PrincipalRef): string | undefined {
  return p.account && p.name ? `${p.account}/${p.name}` : undefined;
}

export const denyNotPrincipalRole: PolicyRule = {
  id: 'policy-deny-not-principal-role',
  defaultSeverity: 'warning',
  title: 'Deny with NotPrincipal that spares a role but not its sessions',
  category: 'risk',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'A role never calls KMS itself: its sessions do, as `arn:aws:sts::<account>:assumed-role/<role>/<session>`. A `Deny` whose `NotPrincipal` names the role ARN but none of its session ARNs therefore denies the people and applications using the role, usually the administrators the statement was written to spare. The IAM User Guide also asks for the account (`arn:aws:iam::<account>:root`) in the list: AWS may evaluate the account first, and the Deny may then apply to the whole account. Session ARNs cannot hold wildcards, so a `NotPrincipal` can only spare sessions whose names are known in advance.',
    example: '{ "Effect": "Deny", "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:role/KeyAdmin" }, "Action": "kms:*", "Resource": "*" }',
    remedy: 'Replace `NotPrincipal` with `"Principal": "*"` and a condition `"ArnNotLike": { "aws:PrincipalArn": "arn:aws:iam::<account>:role/KeyAdmin" }` (aws:PrincipalArn is the role ARN for every session of the role), as AWS recommends; or list the session ARNs and the account root as well.',
    sources: [SOURCES.iamNotPrincipal],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.effect !== 'Deny' || s.principalElement !== 'NotPrincipal' || s.opaque.principals) continue;
      const sessions = new Set(s.principals.filter((p) => p.kind === 'assumedRole').map(roleKey));
      const roots = new Set(s.principals.filter((p) => p.kind === 'root' || p.kind === 'account').map((p) => p.account));
      for (const p of s.principals) {
        if (p.kind !== 'role') continue;
        const key = roleKey(p);
        if (!key || sessions.has(key)) continue;
        // The sessions and the account are named in the role's own partition (arn:aws-cn:sts::..., arn:aws-us-gov:iam::...).
        const partition = /^arn:([^:]+):/i.exec(p.value)?.[1] ?? 'aws';
        const sessionArns = `arn:${partition}:sts::${p.account ?? ''}:assumed-role/${p.name ?? ''}/...`;
        const rootArn = `arn:${partition}:iam::${p.account ?? ''}:root`;
        const message = roots.has(p.account)
          ? l10n.t('This Deny spares the role {0} but none of its sessions ({1}), which are what calls KMS: the Deny applies to everyone using the role.', p.value, sessionArns)
          : l10n.t('This Deny spares the role {0} but none of its sessions ({1}), which are what calls KMS, nor its account ({2}): the Deny applies to everyone using the role, and may apply to the whole account.', p.value, sessionArns, rootArn);
        report({ start: p.node.offset, end: p.node.offset + p.node.length, message });
      }
    }
  },
};
