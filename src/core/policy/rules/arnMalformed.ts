import type { Node } from 'jsonc-parser';
import { isKnownPartition } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { isPlaceholderAccount, parseArn } from '../../kms/identifiers';
import type { PolicyRule } from '../../rules/rule';
import { replaceString, stringContent } from '../edits';
import { EVERY_POLICY, arnPartSpan } from '../facts';
import { conditionStrings, normalized, shiftedArn } from '../normalize';

const WILDCARD_OR_VARIABLE = /[*?]|\$\{/;
const KMS_ARN = /^arn:[^:]*:kms:/;

export const arnMalformed: PolicyRule = {
  id: 'policy-arn-malformed',
  defaultSeverity: 'error',
  title: 'Malformed ARN',
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'An ARN that cannot name what it is meant to: `arn:aws::kms:us-west-2:...` (an extra colon moves every field one place, so the service is read as empty and the Region as `kms`; the AWS Deadline Cloud guide has this mistake), a KMS ARN (in `Resource`, or as a condition value such as `s3:x-amz-server-side-encryption-aws-kms-key-id`) without a Region, with an account that is not 12 digits, with an unknown partition, or with a resource that is not `key/...` or `alias/...`, and a bare key id where an ARN is required. Such an ARN names no key: a resource never matches, and a condition that compares with it never holds (a bucket policy that denies uploads not encrypted under it then denies every upload), so the statement does not do what it says.',
    example: '"Resource": "arn:aws::kms:us-west-2:111122223333:key/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"',
    remedy: 'Write the ARN as `arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID` (quick fix for the extra colon).',
  },
  check(policy, report) {
    const shift = (value: string, node: Node): boolean => {
      const fixed = value.startsWith('arn:') ? shiftedArn(value) : undefined;
      if (!fixed) return false;
      report({
        ...stringContent(node),
        message: l10n.t('Malformed ARN: the extra colon after the partition shifts every field; the intended ARN is "{0}".', fixed),
        fixes: [{ title: l10n.t('Change to "{0}"', fixed), edits: [replaceString(node, fixed)], preferred: true }],
      });
      return true;
    };

    // The fields of a KMS ARN, wherever it is written: in Resource, or as the value of a condition
    // (`s3:x-amz-server-side-encryption-aws-kms-key-id` in a bucket policy names the key uploads must use).
    const fields = (node: Node, arn: NonNullable<ReturnType<typeof parseArn>>): void => {
      const range = { start: node.offset, end: node.offset + node.length };
      const span = (part: typeof arn.partition): { start: number; end: number } => arnPartSpan(policy.text, node, arn, part, false);
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
    };

    for (const s of normalized(policy)) {
      for (const p of s.principals) if (p.type === 'AWS') shift(p.value, p.node);
      for (const c of s.conditions) {
        for (const v of conditionStrings(c.entry)) {
          if (shift(v.value, v.node) || !KMS_ARN.test(v.value)) continue;
          const arn = parseArn(v.value);
          if (arn?.service.value === 'kms') fields(v.node, arn);
        }
      }
      // Key policy resources are all reported by policy-key-policy-resource (which offers "*").
      if (policy.kind === 'keyPolicy') continue;
      for (const r of s.resources) {
        if (r.value === '*') continue;
        if (shift(r.value, r.node)) continue;
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
        if (arn.service.value === 'kms') fields(r.node, arn);
      }
    }
  },
};
