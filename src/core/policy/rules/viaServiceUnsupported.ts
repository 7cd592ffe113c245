import { VIA_SERVICE_ENDPOINT_NAMES, VIA_SERVICE_NAMES } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { hasUnknown } from '../../kms/identifiers';
import { EVERY_POLICY, parseViaService } from '../facts';
import { conditionStrings, normalized } from '../normalize';
import { suggest } from '../suggestions';
import { statementFix, valueReach } from '../fixSafety';

const KNOWN: ReadonlySet<string> = new Set(VIA_SERVICE_NAMES);
/** Unknown names up to this length are not reported (a known alias such as `ebs` still is). */
const SHORT_NAME = 3;

export const viaServiceUnsupported: PolicyRule = {
  id: 'policy-via-service-unsupported',
  defaultSeverity: 'warning',
  title: 'kms:ViaService names a service not known to integrate with KMS',
  category: 'ineffective',
  fixable: ['widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'The service in a `kms:ViaService` value must be one that calls KMS on the user\'s behalf, by its endpoint name: EBS is `ec2`, Aurora and Neptune are `rds`, EFS is `elasticfilesystem`. A name no service uses never matches. Reported when the name is a known alias (`ebs`) or close to a known service (`secretmanager`); the list is the KMS Developer Guide\'s table of services that support `kms:ViaService` plus Deadline Cloud, Amazon Q Developer (`q`) and IAM Identity Center (`sso`, `identitystore`), and since AWS keeps adding services, a name far from every known one is not reported, nor an unknown name of three characters or fewer (`aps`, `dax`: too short to tell a misspelling from a service the list lacks).',
    example: '"Condition": { "StringEquals": { "kms:ViaService": "ebs.us-west-2.amazonaws.com" } }',
    remedy: 'Use the service\'s endpoint name (quick fix for the common aliases such as `ebs` to `ec2`).',
    sources: [SOURCES.kmsConditionKeys],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        if (c.entry.key.toLowerCase() !== 'kms:viaservice' || c.op.family !== 'String') continue;
        for (const v of conditionStrings(c.entry)) {
          const shape = v.parts?.shape ?? v.value;
          const via = parseViaService(shape);
          if (!via || KNOWN.has(via.service) || hasUnknown(via.service)) continue;
          const alias = VIA_SERVICE_ENDPOINT_NAMES[via.service];
          // A name of three characters or fewer is a short edit away from many known ones (aps, dax, ecs, m2):
          // nothing says it is a misspelling rather than a service the list does not hold yet.
          if (!alias && via.service.length <= SHORT_NAME) continue;
          // The list of services grows: only a known alias is sure enough to apply automatically.
          const candidates = alias ? [alias] : suggest(via.service, VIA_SERVICE_NAMES, 3).names;
          // AWS keeps adding services (bedrock, sso, ...): a name that is not close to a known one may be real.
          if (candidates.length === 0) continue;
          const rest = shape.slice(via.service.length);
          // The edit replaces the service label only: a Region placeholder after it stays as written.
          // A value no service uses matches nothing today: the corrected one lets the statement apply through that service.
          const fixes: Fix[] = candidates.flatMap((name) => {
            const edit = v.parts?.edit(0, via.service.length, name);
            return edit ? [statementFix(policy, s.statement, l10n.t('Change to "{0}"', v.parts!.writeShape(name + rest)), [edit], valueReach(c.op), alias !== undefined)] : [];
          });
          report({
            ...(v.parts ? v.parts.span(0, via.service.length) : { start: v.node.offset, end: v.node.offset + v.node.length }),
            message: alias
              ? l10n.t('The endpoint name of this service is "{0}": kms:ViaService uses "{1}", not "{2}".', alias, v.parts?.writeShape(alias + rest) ?? alias + rest, v.value)
              : l10n.t('"{0}" is not a service known to call KMS through kms:ViaService; did you mean {1}?', via.service, candidates.join(', ')),
            fixes,
          });
        }
      }
    }
  },
};
