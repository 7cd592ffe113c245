import { PERMISSIONS_MANAGEMENT_ACTIONS } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { limitsGrants, unrestrictedCreateGrant } from '../grantLimits';
import { coversAction, normalized, type NormalizedStatement } from '../normalize';

/** What each permissions-management action lets its holder do, in a user's words. */
function consequence(action: string): string {
  switch (action) {
    case 'PutKeyPolicy': return l10n.t('PutKeyPolicy (rewrite this key policy, including who controls the key)');
    case 'CreateGrant': return l10n.t('CreateGrant (give other principals use of the key through grants)');
    case 'RevokeGrant': return l10n.t('RevokeGrant (revoke grants that services and applications rely on)');
    case 'ScheduleKeyDeletion': return l10n.t('ScheduleKeyDeletion (delete the key; data encrypted under it becomes unrecoverable)');
    case 'DisableKey': return l10n.t('DisableKey (make the key unusable for everyone)');
    case 'DeleteImportedKeyMaterial': return l10n.t('DeleteImportedKeyMaterial (make the key unusable until the material is imported again)');
    case 'UpdatePrimaryRegion': return l10n.t('UpdatePrimaryRegion (move the primary of a multi-Region key)');
    case 'ReplicateKey': return l10n.t('ReplicateKey (copy the key to another Region, with a key policy of its own)');
    default: return action;
  }
}

const ADMIN = /admin/i;

/** The account root, or a principal the author evidently meant as a key administrator. */
function isAdministrator(s: NormalizedStatement): boolean {
  if (ADMIN.test(s.statement.sid?.value ?? '')) return true;
  return s.principals.every((p) => p.kind === 'root' || p.kind === 'account' || ADMIN.test(p.name ?? '') || ADMIN.test(p.value.split('/').slice(1).join('/')));
}

export const sensitivePermissions: PolicyRule = {
  id: 'policy-sensitive-permissions',
  defaultSeverity: 'information',
  title: 'Key management permissions for a non-administrator',
  category: 'risk',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: '`kms:*`, or actions that decide who controls the key (`PutKeyPolicy`, `CreateGrant`, `ScheduleKeyDeletion`, `DisableKey`, ...), allowed to a principal that is neither the account root (the usual delegation to IAM) nor evidently a key administrator (a `Sid` or principal name with "admin"). This is often a copy of the administrators\' statement given to a user role. `CreateGrant` and `RevokeGrant` limited by `kms:GrantIsForAWSResource`, `kms:GrantOperations` or `kms:ViaService` are not reported here.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/AppRole" }, "Action": "kms:*", "Resource": "*" }',
    remedy: 'Give the principal only the actions it uses (for an application, usually `kms:Decrypt`, `kms:Encrypt`, `kms:GenerateDataKey*`, `kms:DescribeKey`).',
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.effect !== 'Allow' || s.principalElement !== 'Principal' || s.opaque.principals || s.principals.length === 0) continue;
      if (isAdministrator(s)) continue;
      const who = s.principals.some((p) => p.kind === 'wildcard') ? l10n.t('every principal') : s.principals.map((p) => p.value).join(', ');
      const everything = s.actions.find((a) => a.service === '*' || (a.service === 'kms' && a.name === '*'));
      if (everything) {
        report({
          start: everything.node.offset,
          end: everything.node.offset + everything.node.length,
          message: l10n.t('This gives {0} full control of the key ({1}): it can change the key policy, create grants, disable and delete the key. Is it meant to be a key administrator?', who, everything.text),
        });
        continue;
      }
      const limited = limitsGrants(s);
      // An unlimited CreateGrant named as such is policy-create-grant-unrestricted's, which says more (and offers the fix): one finding per token.
      const ownedElsewhere = unrestrictedCreateGrant(s) !== undefined;
      // Grant actions limited to AWS services or to certain operations are the console's "persistent resources" statement, not administration.
      const sensitive = PERMISSIONS_MANAGEMENT_ACTIONS.filter((a) => a !== 'RetireGrant' && coversAction(s, a) &&
        !((a === 'CreateGrant' || a === 'RevokeGrant') && limited) && !(a === 'CreateGrant' && ownedElsewhere));
      if (sensitive.length === 0) continue;
      const entry = s.actions.find((a) => a.matches.some((m) => (sensitive as readonly string[]).includes(m.name)));
      const node = entry?.node ?? s.statement.byName.get(s.actionElement ?? '')?.key;
      if (!node) continue;
      report({
        start: node.offset,
        end: node.offset + node.length,
        message: l10n.t('This lets {0} call {1}. These are key administration permissions: check that this principal is meant to have them.', who, sensitive.map(consequence).join('; ')),
      });
    }
  },
};
