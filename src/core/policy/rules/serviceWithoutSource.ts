import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { coversAction, normalized } from '../normalize';
import { sourceConditionKeys } from '../sourceConditions';

/**
 * Service principals that call KMS on behalf of a resource of yours and set
 * aws:SourceArn / aws:SourceAccount when they do (the services issue 15
 * names: CloudTrail, CloudWatch Logs, SNS, S3, EventBridge). `logs` is
 * Regional (`logs.us-east-1.amazonaws.com`); its shape is read with unknown
 * parts allowed (`logs.${region}.amazonaws.com`).
 */
const SERVICE = /^(cloudtrail|sns|s3|events|logs(\.[a-z0-9\uE000-]+)?)\.amazonaws\.com$/;

/** Key use: what a confused deputy would be tricked into doing. DescribeKey alone is not. */
const KEY_USE = ['Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo', 'CreateGrant'];

export const serviceWithoutSource: PolicyRule = {
  id: 'policy-service-without-source',
  defaultSeverity: 'information',
  title: 'Service principal without aws:SourceArn or aws:SourceAccount',
  category: 'risk',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'A statement that lets CloudTrail, CloudWatch Logs, SNS, S3 or EventBridge use the key (`Encrypt`, `Decrypt`, `GenerateDataKey*`, `ReEncrypt*`, `CreateGrant`) with no condition tying the call to your resources lets the service use the key for anyone\'s resources that name it: a trail or a log group in another account can be set up to encrypt with your key (the confused deputy). The KMS guide recommends the encryption context condition keys with `aws:SourceArn` or `aws:SourceAccount`; the CloudTrail guide recommends `aws:SourceArn` (trail ARNs). A condition on `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID`, `aws:SourceOrgPaths` or on `kms:EncryptionContext...` is enough here. Statements that only allow `DescribeKey` are not reported.',
    example: '{ "Effect": "Allow", "Principal": { "Service": "cloudtrail.amazonaws.com" }, "Action": "kms:GenerateDataKey*", "Resource": "*" }',
    remedy: 'Add `"StringEquals": {"aws:SourceArn": "<your trail, log group, topic, bucket or rule ARN>"}` or `"aws:SourceAccount": "<your account>"`, or the service\'s encryption context (`kms:EncryptionContext:aws:cloudtrail:arn`, `kms:EncryptionContext:aws:logs:arn`).',
    sources: [SOURCES.kmsLeastPrivilege, SOURCES.cloudTrailKeyPolicy, SOURCES.iamGlobalKeys],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.effect !== 'Allow' || s.principalElement !== 'Principal' || s.opaque.actions || s.opaque.principals) continue;
      const uses = KEY_USE.filter((a) => coversAction(s, a));
      if (uses.length === 0 || s.opaque.conditions || sourceConditionKeys(s).length > 0) continue;
      for (const p of s.principals) {
        if (p.kind !== 'service' || !SERVICE.test(p.parts.shape)) continue;
        report({
          start: p.node.offset,
          end: p.node.offset + p.node.length,
          message: l10n.t('{0} may use the key ({1}) for any resource that names it, in any account: add aws:SourceArn or aws:SourceAccount (or the service\'s kms:EncryptionContext) so that it acts only for yours.', p.value, uses.map((u) => `kms:${u}`).join(', ')),
        });
      }
    }
  },
};
