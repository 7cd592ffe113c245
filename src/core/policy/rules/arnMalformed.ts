import { isKnownPartition } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { hasUnknown, isPlaceholderAccount } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { EVERY_POLICY } from '../facts';
import { statementFix, valueReach, type Reach } from '../fixSafety';
import { conditionStrings, normalized, type NormalizedStatement } from '../normalize';
import { arnSpan, arnText, badKnownRuns, valueArn, type PolicyValue } from '../value';

const WILDCARD = /[*?]/;
const KMS_ARN = /^arn:[^:]*:kms:/;

export const arnMalformed: PolicyRule = {
  id: 'policy-arn-malformed',
  defaultSeverity: 'error',
  title: 'Malformed ARN',
  category: 'ineffective',
  fixable: ['widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'An ARN that cannot name what it is meant to: `arn:aws::kms:us-west-2:...` (an extra colon moves every field one place, so the service is read as empty and the Region as `kms`; the AWS Deadline Cloud guide has this mistake), a KMS ARN (in `Resource`, or as a condition value such as `s3:x-amz-server-side-encryption-aws-kms-key-id`) without a Region, with an account that is not 12 digits, with an unknown partition, or with a resource that is not `key/...` or `alias/...`, a bare key id where an ARN is required, and a condition value of a key policy (or of a statement with KMS actions) that starts with `arn:` but has fewer than the six fields every ARN has (`"aws:SourceArn": "arn:aws:cloudfront::/EDFDVBD6EXAMPLE"` lost the account and `distribution`). Such an ARN names no key: a resource never matches, and a condition that compares with it never holds (a bucket policy that denies uploads not encrypted under it then denies every upload), so the statement does not do what it says.',
    example: '"Resource": "arn:aws::kms:us-west-2:111122223333:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"',
    remedy: 'Write the ARN as `arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID` (quick fix for the extra colon).',
    sources: [SOURCES.kmsKeysInIamPolicies, SOURCES.iamResource],
  },
  check(policy, report) {
    /**
     * The `arn:aws::kms:` shift: the fix deletes the extra colon, which never touches a placeholder.
     * The shifted ARN matches nothing today; the intended one does, so the fix's class depends on where it sits.
     */
    const shift = (v: PolicyValue, s: NormalizedStatement, reach: Reach): boolean => {
      const a = valueArn(v);
      if (!a?.shifted) return false;
      const colon = a.arn.partition.start + a.arn.partition.value.length + 1;
      const edit = v.edit(colon, colon + 1, '');
      const fixed = v.writeShape(v.shape.slice(0, colon) + v.shape.slice(colon + 1));
      const fixes: Fix[] = edit ? [statementFix(policy, s.statement, l10n.t('Change to "{0}"', fixed), [edit], reach)] : [];
      report({ ...v.content, message: l10n.t('Malformed ARN: the extra colon after the partition shifts every field; the intended ARN is "{0}".', fixed), fixes });
      return true;
    };

    // The fields of a KMS ARN, wherever it is written: in Resource, or as the value of a condition
    // (`s3:x-amz-server-side-encryption-aws-kms-key-id` in a bucket policy names the key uploads must use).
    const fields = (v: PolicyValue, a: NonNullable<ReturnType<typeof valueArn>>, range: { start: number; end: number }): void => {
      const shape = v.shape;
      const arn = a.arn;
      const partition = arn.partition.value;
      if (!hasUnknown(partition) && !isKnownPartition(partition) && !WILDCARD.test(partition)) {
        report({ ...arnSpan(a, arn.partition), message: l10n.t('"{0}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...).', partition) });
      }
      if (arn.region.value === '') {
        report({ ...range, message: l10n.t('This KMS ARN has no Region: KMS keys and aliases are Regional (arn:aws:kms:REGION:ACCOUNT:...).') });
      }
      const account = arn.account.value;
      if (hasUnknown(account)) {
        // Digits around a placeholder, or a wildcard: anything else cannot be part of an account id.
        const [bad] = badKnownRuns(shape, arn.account.start, arn.account.start + account.length, /[\d*?]/);
        if (bad) report({ ...v.span(bad[0], bad[1]), message: l10n.t('"{0}" cannot be part of an account id, whatever {1} becomes.', v.show(bad[0], bad[1]), v.unknownsIn(0, shape.length)[0]?.written ?? '') });
      } else if (!/^\d{12}$/.test(account) && !WILDCARD.test(account) && !isPlaceholderAccount(account)) {
        report({ ...(account === '' ? range : arnSpan(a, arn.account)), message: l10n.t('"{0}" is not an account id: KMS ARNs name a 12-digit account.', account) });
      }
      const resource = arn.resource.value;
      if (arn.resourceType !== 'key' && arn.resourceType !== 'alias' && !WILDCARD.test(resource) && !hasUnknown(resource)) {
        report({ ...arnSpan(a, arn.resource), message: l10n.t('"{0}" is not a KMS resource: KMS ARNs end in key/KEY-ID or alias/ALIAS-NAME.', arnText(a, arn.resource)) });
      }
    };

    for (const s of normalized(policy)) {
      for (const p of s.principals) if (p.type === 'AWS') shift(p.parts, s, valueReach(s.principalElement ?? 'Principal'));
      // Condition values of the KMS part only: a key policy's statements, or statements with kms: actions.
      const aboutKms = policy.kind === 'keyPolicy' || s.actions.some((a) => a.service === 'kms');
      for (const c of s.conditions) {
        for (const v of conditionStrings(c.entry)) {
          if (!v.parts || shift(v.parts, s, valueReach(c.op))) continue;
          // Every ARN has six fields (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, some of them empty): a value with
          // fewer, known and without wildcards, equals no ARN (`arn:aws:cloudfront::/E2D7FJLA6YQUNP` has lost the account
          // and `distribution`), so the condition never holds.
          if (aboutKms && v.parts.known && v.parts.shape.startsWith('arn:') && !WILDCARD.test(v.parts.shape) && v.parts.shape.split(':').length < 6) {
            report({ start: v.node.offset, end: v.node.offset + v.node.length, message: l10n.t('"{0}" is not a complete ARN: every ARN has six fields, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, so this condition never matches.', v.value) });
            continue;
          }
          if (!KMS_ARN.test(v.parts.shape)) continue;
          const a = valueArn(v.parts);
          if (a?.arn.service.value === 'kms') fields(v.parts, a, { start: v.node.offset, end: v.node.offset + v.node.length });
        }
      }
      // Key policy resources are all reported by policy-key-policy-resource (which offers "*").
      if (policy.kind === 'keyPolicy') continue;
      for (const r of s.resources) {
        const v = r.parts;
        const shape = v.shape;
        if (shape === '*' || v.whollyUnknown) continue;
        if (shift(v, s, valueReach(s.resourceElement ?? 'Resource'))) continue;
        const range = { start: r.node.offset, end: r.node.offset + r.node.length };
        if (!shape.startsWith('arn:')) {
          // Only KMS-looking values: other services' resources are not this extension's business.
          if (/^(alias\/|mrk-|[0-9a-f]{8}-[0-9a-f]{4}-)/.test(shape) && s.actions.some((a) => a.service === 'kms')) {
            report({ ...range, message: l10n.t('"{0}" is a key id or alias name, but "Resource" takes ARNs: arn:aws:kms:REGION:ACCOUNT:key/KEY-ID or ...:alias/NAME.', r.value) });
          }
          continue;
        }
        const a = r.valueArn;
        if (!a) {
          // With a placeholder the missing fields may be inside it.
          if (v.known && /^arn:[^:]*:kms:/.test(shape)) report({ ...range, message: l10n.t('"{0}" is not a complete ARN: a KMS ARN has six fields, arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID.', r.value) });
          continue;
        }
        if (a.arn.service.value === 'kms') fields(v, a, range);
      }
    }
  },
};
