import { ALL_REGIONS } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { couldBeServicePrincipal, hasUnknown, isKnownRegion, isPlaceholderRegion } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { nearest } from '../../text/suggest';
import type { Fix } from '../../types';
import { EVERY_POLICY, keyRegions, parseViaService } from '../facts';
import { statementFix, valueReach } from '../fixSafety';
import { conditionStrings, normalized } from '../normalize';

export const viaServiceInvalid: PolicyRule = {
  id: 'policy-via-service-invalid',
  defaultSeverity: 'error',
  title: 'kms:ViaService value that is not service.REGION.amazonaws.com',
  category: 'ineffective',
  fixable: ['widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: '`kms:ViaService` holds the endpoint name of the AWS service that calls KMS on the user\'s behalf: `SERVICE.REGION.amazonaws.com`, for example `ec2.us-west-2.amazonaws.com` or `deadline.us-west-2.amazonaws.com`, with `.amazonaws.com` in every partition (China too). A service principal (`deadline.amazonaws.com`), an account number in place of the Region (a bug once shipped by the Landing Zone Accelerator), or an unknown Region never matches.',
    example: '"Condition": { "StringEquals": { "kms:ViaService": "ec2.111122223333.amazonaws.com" } }',
    remedy: 'Write `SERVICE.REGION.amazonaws.com` with the Region of the key.',
    sources: [SOURCES.kmsConditionKeys],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      const regions = [...keyRegions(policy, s)];
      for (const c of s.conditions) {
        if (c.entry.key.toLowerCase() !== 'kms:viaservice' || c.op.family !== 'String') continue;
        for (const v of conditionStrings(c.entry)) {
          const parts = v.parts;
          const shape = parts?.shape ?? v.value;
          if (/[*?]/.test(shape)) continue;
          const whole = { start: v.node.offset, end: v.node.offset + v.node.length };
          const via = parseViaService(shape);
          // A value that matched nothing is corrected: the statement then applies through that endpoint (valueReach).
          const change = (to: string, sure: boolean): Fix[] => {
            const edit = parts?.rewrite(to);
            return edit ? [statementFix(policy, s.statement, l10n.t('Change to "{0}"', parts!.writeShape(to)), [edit], valueReach(c.op), sure)] : [];
          };
          if (!via) {
            // A placeholder may hold the missing labels (`${service}.amazonaws.com`, `${via_service}`).
            if (parts && !parts.known && couldBeServicePrincipal(shape)) continue;
            const service = parts?.known === false ? undefined : /^([a-z0-9-]+)\.amazonaws\.com$/.exec(shape)?.[1];
            const fixes: Fix[] = service && regions.length === 1 ? change(`${service}.${regions[0]}.amazonaws.com`, false) : [];
            report({
              ...whole,
              message: service
                ? l10n.t('"{0}" is a service principal; kms:ViaService values include the Region: "{1}.REGION.amazonaws.com".', v.value, service)
                : l10n.t('"{0}" is not a kms:ViaService value: they look like "SERVICE.REGION.amazonaws.com", e.g. "ec2.us-west-2.amazonaws.com".', v.value),
              fixes,
            });
            continue;
          }
          if (via.suffix !== 'amazonaws.com') {
            const fixed = `${via.service}.${via.region}.amazonaws.com`;
            report({
              ...whole,
              message: l10n.t('kms:ViaService values end in ".amazonaws.com" in every partition, China included: use "{0}".', parts?.writeShape(fixed) ?? fixed),
              fixes: change(fixed, true),
            });
            continue;
          }
          if (hasUnknown(via.region) || isKnownRegion(via.region) || isPlaceholderRegion(via.region)) continue;
          const span = parts ? parts.span(via.regionStart, via.regionStart + via.region.length) : whole;
          const candidates = /^\d+$/.test(via.region) ? regions : nearest(via.region, ALL_REGIONS, 3);
          const fixes: Fix[] = candidates.flatMap((r) => change(`${via.service}.${r}.amazonaws.com`, false));
          report({
            ...span,
            message: /^\d{12}$/.test(via.region)
              ? l10n.t('"{0}" is an account number where kms:ViaService has the Region: the value never matches.', via.region)
              : l10n.t('"{0}" is not a known AWS Region, so this kms:ViaService value never matches.', via.region),
            fixes,
          });
        }
      }
    }
  },
};
