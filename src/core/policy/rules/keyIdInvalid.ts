import * as l10n from '@vscode/l10n';
import { hasUnknown, keyIdKind } from '../../kms/identifiers';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { EVERY_POLICY, kmsArnRefs } from '../facts';
import { normalized } from '../normalize';
import { arnSpan } from '../value';

export const keyIdInvalid: PolicyRule = {
  id: 'policy-key-id-invalid',
  defaultSeverity: 'error',
  title: 'Key ARN with an invalid key id',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A KMS key id is a UUID in lower-case hex (`1234abcd-12ab-34cd-56ef-1234567890ab`) or, for a multi-Region key, `mrk-` and 32 hex digits. Anything else after `key/` (the AWS Deadline Cloud guide has `key/1234567890abcdef0`) names no key, so the statement never matches. Checked in `Resource` (not in key policies, whose Resource is `"*"`) and in condition values, where other services\' policies name their KMS key (`s3:x-amz-server-side-encryption-aws-kms-key-id`): there, the condition never matches that key. Documentation ids containing `EXAMPLE` are reported by `policy-placeholder` instead.',
    example: '"Resource": "arn:aws:kms:us-west-2:111122223333:key/1234567890abcdef0"',
    remedy: 'Copy the key ARN from the KMS console or `aws kms describe-key`, or use `key/*` to mean every key.',
    sources: [SOURCES.kmsKeysInIamPolicies, SOURCES.iamResource],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const r of kmsArnRefs(policy, s)) {
        const a = r.valueArn;
        const arn = a?.arn;
        if (!a || !arn || arn.service.value !== 'kms' || arn.resourceType !== 'key') continue;
        const id = arn.resourceId;
        if (/[*?]/.test(id) || hasUnknown(id) || keyIdKind(id) !== 'invalid') continue;
        const idPart = { value: id, start: arn.resource.start + 'key/'.length };
        report({
          ...arnSpan(a, idPart),
          message: /^[0-9A-F-]{36}$/i.test(id) && id !== id.toLowerCase()
            ? l10n.t('"{0}" has upper-case letters: KMS key ids are lower-case, and ARNs are matched with case, so this names no key.', id)
            : l10n.t('"{0}" is not a KMS key id: a key id is a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab, or mrk- and 32 hex digits for a multi-Region key.', id),
        });
      }
    }
  },
};
