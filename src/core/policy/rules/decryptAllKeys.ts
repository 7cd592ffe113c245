import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { IDENTITY_POLICIES } from '../facts';
import { narrowingKeys, normalized, type NormalizedStatement, type ResourceRef } from '../normalize';

/** The actions Security Hub's KMS.1 and KMS.2 look for (`blockedActionsPatterns`). */
const DECRYPTING = new Set(['Decrypt', 'ReEncryptFrom']);

/** `"*"`, or a KMS ARN for any account's keys (`arn:aws:kms:*:*:key/*`). */
function allKeys(r: ResourceRef): boolean {
  if (r.parts.shape === '*') return true;
  const arn = r.arn;
  if (!arn || !r.parts.known) return false;
  const service = arn.service.value;
  return (service === 'kms' || service === '*') && arn.account.value === '*' && /^(\*|key\/\*)$/.test(arn.resource.value);
}

function coversAllKeys(s: NormalizedStatement): boolean {
  return s.resourceElement === 'Resource' && !s.opaque.resources && s.resources.some(allKeys);
}

export const decryptAllKeys: PolicyRule = {
  id: 'policy-decrypt-all-keys',
  // Information: Security Hub leaves permissions boundaries alone, and an identity policy cannot be told from one by its text.
  defaultSeverity: 'information',
  title: 'kms:Decrypt or kms:ReEncryptFrom on all keys in an IAM policy',
  category: 'risk',
  fixable: [],
  scope: 'policy',
  kinds: IDENTITY_POLICIES,
  docs: {
    description: 'An IAM policy that allows `kms:Decrypt` or `kms:ReEncryptFrom` (directly, or through `kms:*`, `kms:ReEncrypt*`, `*`) on `"Resource": "*"` lets its holder decrypt with every key whose key policy trusts the account, in this account and in others. AWS Security Hub reports it as KMS.1 (customer managed policies) and KMS.2 (inline policies). A statement with a narrowing condition (`kms:ViaService`, `aws:ResourceTag/...`, `kms:EncryptionContext...`) is not reported: whether it is narrow enough is the author\'s call. Security Hub skips permissions boundaries, which KMS Lens cannot tell apart from identity policies by their text: a statement that also allows whole other services (`s3:*`, `lambda:*`) reads as a boundary or an administrator\'s policy and is not reported, and the finding is information.',
    example: '{ "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*" }',
    remedy: 'List the key ARNs the principal uses in `Resource` (aliases do not work there for Decrypt), or limit the statement with a condition such as `kms:ViaService` or `aws:ResourceTag/...`.',
    sources: [SOURCES.securityHubKms, SOURCES.kmsKeysInIamPolicies],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.effect !== 'Allow' || s.actionElement !== 'Action' || s.opaque.actions || !coversAllKeys(s)) continue;
      // Whole other services on all resources (`s3:*`, `lambda:*`): a permissions boundary or an administrator's policy, where all keys is the point.
      if (narrowingKeys(s).size > 0 || s.actions.some((a) => a.service !== 'kms' && a.service !== '*' && a.name === '*')) continue;
      const entry = s.actions.find((a) => a.service === '*' || a.matches.some((m) => DECRYPTING.has(m.name)));
      if (!entry) continue;
      const names = [...DECRYPTING].filter((n) => entry.service === '*' || entry.matches.some((m) => m.name === n)).map((n) => `kms:${n}`);
      report({
        start: entry.node.offset,
        end: entry.node.offset + entry.node.length,
        message: l10n.t('{0} here allows {1} on all KMS keys: the holder can decrypt with every key whose key policy trusts this account (Security Hub KMS.1, KMS.2). List the keys it needs in Resource.', entry.text, names.join(l10n.t(' and '))),
      });
    }
  },
};
