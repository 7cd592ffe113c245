import * as l10n from '@vscode/l10n';
import { isKnownRegion } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { EVERY_POLICY, keyRegions, parseViaService, viaServiceValues } from '../facts';
import { statementFix } from '../fixSafety';
import { normalized } from '../normalize';

export const viaServiceRegionMismatch: PolicyRule = {
  id: 'policy-via-service-region-mismatch',
  defaultSeverity: 'error',
  title: 'kms:ViaService Region differs from the key\'s Region',
  category: 'ineffective',
  fixable: ['widens', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A service calls KMS in the Region of the key, so `kms:ViaService` is `SERVICE.KEY-REGION.amazonaws.com`. When the statement names keys in some Regions (its key ARNs, or for a key policy in a PutKeyPolicy event the event\'s Region) and none of its `kms:ViaService` values is in one of them, the statement never matches.',
    example: '{ "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-west-2:111122223333:key/*", "Condition": { "StringEquals": { "kms:ViaService": "ec2.us-east-1.amazonaws.com" } } }',
    remedy: 'Make the two Regions the same (quick fix: use the key\'s Region in `kms:ViaService`, when the key ARNs name one Region).',
    sources: [SOURCES.kmsConditionKeys],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      const regions = keyRegions(policy, s);
      if (regions.size === 0) continue;
      const values = viaServiceValues(s).map((v) => ({ v, shape: v.parts?.shape ?? v.value, via: parseViaService(v.parts?.shape ?? v.value) }));
      // With several values, one in the key's Region (or one whose Region is a placeholder) is enough for the statement to match.
      if (values.some(({ shape, via }) => !via || !isKnownRegion(via.region) || regions.has(via.region) || /[*?]/.test(shape))) continue;
      for (const { v, via } of values) {
        if (!via) continue;
        const only = regions.size === 1 ? [...regions][0] : undefined;
        const fixed = only ? `${via.service}.${only}.${via.suffix}` : undefined;
        const edit = fixed ? v.parts?.rewrite(fixed) : undefined;
        // The values come from non-negated String operators: the corrected one makes the statement match more.
        const fixes: Fix[] = fixed && edit ? [statementFix(policy, s.statement, l10n.t('Change to "{0}"', v.parts!.writeShape(fixed)), [edit], 'more', false)] : [];
        report({
          ...(v.parts ? v.parts.span(via.regionStart, via.regionStart + via.region.length) : { start: v.node.offset, end: v.node.offset + v.node.length }),
          message: l10n.t('kms:ViaService names {0}, but the key is in {1}: a service calls KMS in the key\'s Region, so this statement never matches.', via.region, [...regions].join(', ')),
          fixes,
        });
      }
    }
  },
};
