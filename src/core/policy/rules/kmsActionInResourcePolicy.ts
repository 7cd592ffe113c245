import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { joinAnd } from '../describe';
import { kindLabel } from '../kinds';
import { normalized } from '../normalize';

/**
 * KMS decides who may use a key from the key policy, IAM policies and grants
 * (https://docs.aws.amazon.com/kms/latest/developerguide/control-access.html);
 * the policy of a queue, topic or bucket is not one of them, and no KMS action
 * is performed on such a resource (KMS actions take key and alias resources:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html).
 * Whether the other service accepts such a policy at all is not documented, so
 * the rule says only what is known: the statement allows (or denies) nothing.
 */
export const kmsActionInResourcePolicy: PolicyRule = {
  id: 'policy-kms-action-in-resource-policy',
  defaultSeverity: 'warning',
  title: 'KMS action in another service\'s resource policy',
  scope: 'policy',
  kinds: ['resourcePolicy'],
  category: 'ineffective',
  fixable: [],
  docs: {
    description: 'A `kms:` action in the resource policy of another service (an SQS queue, an SNS topic, an S3 bucket, ...). KMS decides who may use a key from the key policy, IAM policies and grants ([KMS key access and permissions](https://docs.aws.amazon.com/kms/latest/developerguide/control-access.html)); it never reads the policy of a queue or a topic, and no KMS action is performed on such a resource ([KMS actions and their resource types](https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html)). So the statement allows nothing: SNS or S3 still cannot use the key of an encrypted queue or bucket, which the [SQS guide](https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html) says must be allowed in the key policy. Whether the other service refuses such a policy is not documented.',
    example: '{ "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": [ "kms:GenerateDataKey", "kms:Decrypt" ], "Resource": "arn:aws:sqs:eu-west-1:111122223333:orders" }',
    remedy: 'Allow these actions to the same principal in the key policy of the key that encrypts the resource, and remove them here.',
    sources: [SOURCES.kmsControlAccess, SOURCES.kmsActions, SOURCES.sqsKeyManagement],
  },
  check(policy, report) {
    const where = kindLabel(policy.kind, policy.decision.service);
    for (const s of normalized(policy)) {
      if (s.actionElement !== 'Action') continue;
      const kms = s.actions.filter((a) => a.service === 'kms');
      if (kms.length === 0) continue;
      // One finding per statement, on its first kms: action: it is one mistake (the permission is in the
      // wrong policy), however many actions it lists.
      const first = kms[0].node;
      const actions = joinAnd(kms.map((a) => `"${a.text}"`));
      const message = s.effect === 'Deny'
        ? l10n.t('{0} deny nothing in {1}: KMS decides who may use a key from the key policy, IAM policies and grants, never from the policy of another resource. Deny them in the key policy instead.', actions, where)
        : l10n.t('{0} allow nothing in {1}: KMS decides who may use a key from the key policy, IAM policies and grants, never from the policy of another resource. Allow them in the policy of the key that encrypts this resource instead.', actions, where);
      report({ start: first.offset, end: first.offset + first.length, message });
    }
  },
};
