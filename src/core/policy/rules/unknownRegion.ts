import { ALL_REGIONS, isKnownPartition, partitionOfRegion } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { hasUnknown, isKnownRegion, isPlaceholderRegion } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { nearest } from '../../text/suggest';
import type { Fix } from '../../types';
import { EVERY_POLICY, kmsArnRefs } from '../facts';
import { statementFix, valueReach } from '../fixSafety';
import { normalized } from '../normalize';
import { arnPartEdit, arnSpan } from '../value';

export const unknownRegion: PolicyRule = {
  id: 'policy-unknown-region',
  defaultSeverity: 'warning',
  title: 'Unknown Region in a KMS ARN',
  category: 'ineffective',
  fixable: ['widens', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'The Region of a key or alias ARN is not a Region KMS Lens knows (`us-west-3`, `eu-west`), or belongs to another partition than the ARN\'s (`arn:aws:kms:cn-north-1:...`). Such an ARN matches no key. Checked in `Resource` (not in key policies, whose Resource is `"*"`) and in condition values, where other services\' policies name their KMS key (`s3:x-amz-server-side-encryption-aws-kms-key-id`): there, the condition never matches that key. The Region list is from the AWS SDK\'s partition data; a Region launched after this version of KMS Lens would also be reported.',
    example: '"Resource": "arn:aws:kms:us-west-3:111122223333:key/*"',
    remedy: 'Correct the Region (quick fix with the nearest known Regions), or use `*` for every Region.',
    sources: [SOURCES.kmsKeysInIamPolicies, SOURCES.iamResource],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const r of kmsArnRefs(policy, s)) {
        const a = r.valueArn;
        const arn = a?.arn;
        if (!a || !arn || arn.service.value !== 'kms') continue;
        const region = arn.region.value;
        // The documentation's `region` is policy-placeholder's to name.
        if (region === '' || /[*?]/.test(region) || hasUnknown(region) || isPlaceholderRegion(region)) continue;
        const span = arnSpan(a, arn.region);
        if (!isKnownRegion(region)) {
          const candidates = nearest(region, ALL_REGIONS, 3);
          // The edit replaces the Region's characters only: placeholders elsewhere in the ARN stay as written.
          const fixes: Fix[] = candidates.flatMap((c) => {
            const edit = arnPartEdit(a, arn.region, c);
            return edit ? [statementFix(policy, s.statement, l10n.t('Change the Region to {0}', c), [edit], valueReach(s.resourceElement ?? 'Resource'), false)] : [];
          });
          report({
            ...span,
            message: candidates.length > 0
              ? l10n.t('"{0}" is not a known AWS Region; did you mean {1}?', region, candidates.join(', '))
              : l10n.t('"{0}" is not a known AWS Region.', region),
            fixes,
          });
          continue;
        }
        const partition = arn.partition.value;
        const home = partitionOfRegion(region);
        if (home && isKnownPartition(partition) && home.name !== partition) {
          report({ ...span, message: l10n.t('{0} is a Region of the {1} partition, but this ARN is in {2}: it matches no key.', region, home.name, partition) });
        }
      }
    }
  },
};
