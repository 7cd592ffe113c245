import * as l10n from '@vscode/l10n';
import { crossAccountAction } from '../../access/crossAccount';
import { ACCOUNT_ID } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KMS_ACTIONS } from '../../data/iam';
import { KEY_POLICIES } from '../facts';
import type { PolicyModel } from '../model';
import { coversAction, narrowingKeys, normalized, type NormalizedStatement } from '../normalize';

/** Key administration actions named when the statement allows them: none works across accounts. */
const ADMINISTRATION = ['PutKeyPolicy', 'ScheduleKeyDeletion', 'DisableKey'];

/** Conditions that limit which grants can be made (as policy-create-grant-unrestricted reads them). */
const GRANT_LIMITS = ['kms:grantisforawsresource', 'kms:grantoperations', 'kms:viaservice'];

const OWNER_SID = /enable iam|iam user permissions|root/i;

/**
 * The key's own account: the document's (a key ARN in an event), or the one
 * account whose root gets every KMS action (the delegation statement every
 * key policy starts with); when several do, the one whose Sid says so
 * ("Enable IAM User Permissions"). Undefined when that leaves a doubt.
 */
function ownAccount(policy: PolicyModel): string | undefined {
  const context = policy.context.account;
  if (context && ACCOUNT_ID.test(context)) return context;
  const delegations = normalized(policy).filter((s) => s.effect === 'Allow' && s.principalElement === 'Principal' && s.kmsActions.size === KMS_ACTIONS.length);
  const accountsOf = (list: NormalizedStatement[]): Set<string> => new Set(list.flatMap((s) => s.principals.filter((p) => (p.kind === 'root' || p.kind === 'account') && p.account && ACCOUNT_ID.test(p.account)).map((p) => p.account!)));
  const all = accountsOf(delegations);
  if (all.size === 1) return [...all][0];
  const named = accountsOf(delegations.filter((s) => OWNER_SID.test(s.statement.sid?.value ?? '')));
  return named.size === 1 ? [...named][0] : undefined;
}

export const crossAccountGrants: PolicyRule = {
  id: 'policy-cross-account-grants',
  defaultSeverity: 'warning',
  title: 'Another account can create any grant on the key',
  category: 'risk',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'A key policy that gives another AWS account `kms:CreateGrant` without a limit on the grants (`kms:GrantIsForAWSResource`, `kms:GrantOperations`, `kms:ViaService`), usually through `kms:*`, lets that account\'s administrators give any principal, in any account, any grant operation on the key, outside this key policy. Of what `kms:*` allows, only the operations the KMS guide lists for cross-account use (cryptographic operations, `DescribeKey`, `GetPublicKey`, grant operations, ...) work for another account; key administration (`PutKeyPolicy`, `ScheduleKeyDeletion`, `DisableKey`, ...) has no effect across accounts, so the other account cannot take the key over, but through grants it can share it. The key\'s own account is the document\'s (the key\'s ARN in an event) or the account whose root gets `kms:*` (when several do, the one whose `Sid` says "Enable IAM User Permissions" or "root"); nothing is reported when that leaves a doubt.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:root" }, "Action": "kms:*", "Resource": "*" }',
    remedy: 'Give the other account the actions it uses (`kms:Encrypt`, `kms:Decrypt`, `kms:ReEncrypt*`, `kms:GenerateDataKey*`, `kms:DescribeKey`) and `kms:CreateGrant` in a separate statement with `"Bool": {"kms:GrantIsForAWSResource": "true"}`, as the KMS guide does.',
    sources: [SOURCES.kmsKeyPolicyCrossAccount, SOURCES.createGrant],
  },
  check(policy, report) {
    const own = ownAccount(policy);
    if (!own) return;
    for (const s of normalized(policy)) {
      if (s.effect !== 'Allow' || s.principalElement !== 'Principal' || s.opaque.principals || s.opaque.actions) continue;
      if (!coversAction(s, 'CreateGrant') || GRANT_LIMITS.some((k) => narrowingKeys(s).has(k))) continue;
      const ignored = ADMINISTRATION.filter((a) => coversAction(s, a) && !crossAccountAction(a.toLowerCase()));
      for (const p of s.principals) {
        if ((p.kind !== 'root' && p.kind !== 'account') || !p.account || !ACCOUNT_ID.test(p.account) || p.account === own) continue;
        const base = l10n.t('Account {0} is not the key\'s account ({1}), and this statement lets it create grants on the key without limit: its administrators can give any principal, in any account, any operation on the key.', p.account, own);
        report({
          start: p.node.offset,
          end: p.node.offset + p.node.length,
          message: ignored.length > 0 ? l10n.t('{0} (The key administration actions allowed here, such as {1}, have no effect across accounts.)', base, ignored.join(', ')) : base,
        });
      }
    }
  },
};
