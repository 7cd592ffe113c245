import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { removeItem } from '../edits';
import { KEY_AND_IDENTITY_POLICIES, isDeadlineStatement } from '../facts';
import { classifiedFix } from '../fixSafety';
import { normalized } from '../normalize';

export const deadlineRotateOnDemand: PolicyRule = {
  id: 'policy-deadline-rotate-on-demand',
  defaultSeverity: 'warning',
  title: 'Manual key rotation in a Deadline Cloud policy',
  category: 'risk',
  fixable: ['review'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'AWS Deadline Cloud supports automatic rotation of a farm\'s customer managed key, but not manual rotation (Deadline Cloud developer guide, key management). A policy for a Deadline Cloud key (one with `kms:ViaService` = `deadline.REGION.amazonaws.com`) that allows `kms:RotateKeyOnDemand` invites an operation the farm does not support.',
    example: '"Action": [ "kms:Decrypt", "kms:RotateKeyOnDemand" ]',
    remedy: 'Enable automatic rotation (`kms:EnableKeyRotation`) instead, and remove `kms:RotateKeyOnDemand`.',
  },
  check(policy, report) {
    const statements = normalized(policy);
    if (!statements.some(isDeadlineStatement)) return;
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      for (const a of s.actions) {
        if (a.service !== 'kms' || a.wildcard || a.matches[0]?.name !== 'RotateKeyOnDemand') continue;
        const removal = removeItem(a.node);
        report({
          start: a.node.offset,
          end: a.node.offset + a.node.length,
          message: l10n.t('This key is for a Deadline Cloud farm, which supports automatic key rotation but not manual rotation (kms:RotateKeyOnDemand).'),
          fixes: removal ? [classifiedFix(policy, s.statement, l10n.t('Remove "{0}"', a.text), [removal], 'review')] : [],
        });
      }
    }
  },
};
