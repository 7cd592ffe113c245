import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { EVERY_POLICY } from '../facts';
import { normalized } from '../normalize';
import { valueArn } from '../value';

/** The S3 condition key that names the KMS key an upload must be encrypted under. */
const S3_KEY_ID = 's3:x-amz-server-side-encryption-aws-kms-key-id';

/**
 * An alias (ARN or bare `alias/NAME`) as the value of
 * `s3:x-amz-server-side-encryption-aws-kms-key-id`. The S3 User Guide
 * ("Requiring SSE-KMS") says the key must be named there by its key ARN, in
 * the `arn:aws:kms:region:acct-id:key/key-id` format, and that IAM does not
 * check the value. People write the alias because that is how they name the
 * key elsewhere (`--sse-kms-key-id alias/x`, the bucket's default encryption),
 * and the bucket policy then does not test what it was written to test. The
 * documentation does not spell out how each request is compared, so the
 * message says what is documented (a key ARN is required) and stops there.
 */
export const s3KmsKeyIdAlias: PolicyRule = {
  id: 'policy-s3-kms-key-id-alias',
  defaultSeverity: 'warning',
  title: 'Alias as the value of s3:x-amz-server-side-encryption-aws-kms-key-id',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A bucket policy (or an SCP, an RCP, an identity policy) that requires uploads to use one KMS key names that key in the condition key `s3:x-amz-server-side-encryption-aws-kms-key-id`. The Amazon S3 User Guide says the key must be named there by its key ARN, in the `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID` format, and that IAM does not check the value ([Requiring SSE-KMS](https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html#require-sse-kms)); S3\'s own API fields that name the SSE-KMS key take the key ARN and not an alias ([SSEKMSEncryption](https://docs.aws.amazon.com/AmazonS3/latest/API/API_SSEKMSEncryption.html)). An alias ARN (`arn:aws:kms:REGION:ACCOUNT:alias/NAME`) or an alias name (`alias/NAME`) there is not the documented form: the condition does not reliably test which key an upload uses (a Deny with `StringNotEquals` may refuse uploads encrypted under the right key, or an Allow may never apply). A value with placeholders is judged on its known text.',
    example: '"StringNotEquals": { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:eu-west-1:111122223333:alias/uploads" }',
    remedy: 'Name the key by its key ARN: `aws kms describe-key --key-id alias/NAME --query KeyMetadata.Arn` prints it.',
    sources: [SOURCES.s3RequireSseKms, SOURCES.s3SseKmsKeyArn],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        if (c.entry.key.toLowerCase() !== S3_KEY_ID) continue;
        for (const v of c.entry.values) {
          const parts = v.parts;
          if (!parts) continue;
          const arn = valueArn(parts)?.arn;
          const alias = arn ? arn.service.value === 'kms' && arn.resourceType === 'alias' : /^alias\//.test(parts.shape);
          if (!alias) continue;
          report({
            ...parts.span(0, parts.shape.length),
            message: l10n.t('"{0}" is an alias: the S3 User Guide requires the key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID) as the value of {1}, so this condition does not reliably test which key an upload uses. Name the key by its key ARN.', parts.written, S3_KEY_ID),
          });
        }
      }
    }
  },
};
