import type { Node } from 'jsonc-parser';
import { isKnownPartition } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { isPlaceholderAccount, parseArn } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { replaceString, stringContent } from '../edits';
import { EVERY_POLICY, arnPartSpan } from '../facts';
import { conditionStrings, normalized, shiftedArn, type NormalizedStatement } from '../normalize';
import { statementFix, valueReach, type Reach } from '../fixSafety';

const WILDCARD_OR_VARIABLE = /[*?]|\$\{/;

export const arnMalformed: PolicyRule = {
  id: 'policy-arn-malformed',
  defaultSeverity: 'error',
  title: 'Malformed ARN',
  category: 'ineffective',
  fixable: ['widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'An ARN that cannot name what it is meant to: `arn:aws::kms:us-west-2:...` (an extra colon moves every field one place, so the service is read as empty and the Region as `kms`; the AWS Deadline Cloud guide has this mistake), a KMS ARN without a Region, with an account that is not 12 digits, with an unknown partition, or with a resource that is not `key/...` or `alias/...`, and a bare key id where an ARN is required. Such a resource never matches, so the statement does not do what it says.',
    example: '"Resource": "arn:aws::kms:us-west-2:111122223333:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"',
    remedy: 'Write the ARN as `arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID` (quick fix for the extra colon).',
    sources: [SOURCES.kmsKeysInIamPolicies, SOURCES.iamResource],
  },
  check(policy, report) {
    // The shifted ARN matches nothing today; the intended one does, so the fix's class depends on where it sits.
    const shift = (value: string, node: Node, s: NormalizedStatement, reach: Reach): boolean => {
      const fixed = value.startsWith('arn:') ? shiftedArn(value) : undefined;
      if (!fixed) return false;
      report({
        ...stringContent(node),
        message: l10n.t('Malformed ARN: the extra colon after the partition shifts every field; the intended ARN is "{0}".', fixed),
        fixes: [statementFix(policy, s.statement, l10n.t('Change to "{0}"', fixed), [replaceString(node, fixed)], reach)],
      });
      return true;
    };

    for (const s of normalized(policy)) {
      for (const p of s.principals) if (p.type === 'AWS') shift(p.value, p.node, s, valueReach(s.principalElement ?? 'Principal'));
      for (const c of s.conditions) for (const v of conditionStrings(c.entry)) shift(v.value, v.node, s, valueReach(c.op));
      // Key policy resources are all reported by policy-key-policy-resource (which offers "*").
      if (policy.kind === 'keyPolicy') continue;
      for (const r of s.resources) {
        if (r.value === '*') continue;
        if (shift(r.value, r.node, s, valueReach(s.resourceElement ?? 'Resource'))) continue;
        const range = { start: r.node.offset, end: r.node.offset + r.node.length };
        if (!r.value.startsWith('arn:')) {
          // Only KMS-looking values: other services' resources are not this extension's business.
          if (/^(alias\/|mrk-|[0-9a-f]{8}-[0-9a-f]{4}-)/.test(r.value) && s.actions.some((a) => a.service === 'kms')) {
            report({ ...range, message: l10n.t('"{0}" is a key id or alias name, but "Resource" takes ARNs: arn:aws:kms:REGION:ACCOUNT:key/KEY-ID or ...:alias/NAME.', r.value) });
          }
          continue;
        }
        const arn = r.arn ?? parseArn(r.value);
        if (!arn) {
          if (/^arn:[^:]*:kms:/.test(r.value)) report({ ...range, message: l10n.t('"{0}" is not a complete ARN: a KMS ARN has six fields, arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID.', r.value) });
          continue;
        }
        if (arn.service.value !== 'kms') continue;
        const span = (part: typeof arn.partition): { start: number; end: number } => arnPartSpan(policy.text, r.node, arn, part, false);
        const partition = arn.partition.value;
        if (!isKnownPartition(partition) && !WILDCARD_OR_VARIABLE.test(partition)) {
          report({ ...span(arn.partition), message: l10n.t('"{0}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...).', partition) });
        }
        if (arn.region.value === '') {
          report({ ...range, message: l10n.t('This KMS ARN has no Region: KMS keys and aliases are Regional (arn:aws:kms:REGION:ACCOUNT:...).') });
        }
        const account = arn.account.value;
        if (!/^\d{12}$/.test(account) && !WILDCARD_OR_VARIABLE.test(account) && !isPlaceholderAccount(account)) {
          report({ ...(account === '' ? range : span(arn.account)), message: l10n.t('"{0}" is not an account id: KMS ARNs name a 12-digit account.', account) });
        }
        const resource = arn.resource.value;
        if (arn.resourceType !== 'key' && arn.resourceType !== 'alias' && !WILDCARD_OR_VARIABLE.test(resource)) {
          report({ ...span(arn.resource), message: l10n.t('"{0}" is not a KMS resource: KMS ARNs end in key/KEY-ID or alias/ALIAS-NAME.', resource) });
        }
      }
    }
  },
};
