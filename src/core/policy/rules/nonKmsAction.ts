import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_POLICIES } from '../facts';
import { normalized } from '../normalize';

export const nonKmsAction: PolicyRule = {
  id: 'policy-non-kms-action',
  defaultSeverity: 'error',
  title: 'Action of another service in a key policy',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'A key policy controls access to one KMS key, so only `kms:` actions (or `*`) can match a request against it. An action of another service, such as `s3:GetObject` or `iam:PassRole`, never has any effect there; it usually belongs in an IAM policy or in the other service\'s resource policy.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Action": [ "kms:Decrypt", "s3:GetObject" ], "Resource": "*" }',
    remedy: 'Move the action to an IAM policy or to the other service\'s policy, and remove it here.',
    sources: [SOURCES.keyPolicyElements, SOURCES.iamAction],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const a of s.actions) {
        if (a.service === 'kms' || a.service === '*' || a.service === '' || a.serviceUnknown) continue;
        report({ start: a.node.offset, end: a.node.offset + a.node.length, message: l10n.t('"{0}" is not a KMS action: in a key policy it has no effect. Put it in an IAM policy or in the {1} resource policy.', a.text, a.service) });
      }
    }
  },
};
