import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { replaceNode } from '../edits';
import { statementFix } from '../fixSafety';
import { KEY_POLICIES } from '../facts';
import { normalized } from '../normalize';

export const keyPolicyResource: PolicyRule = {
  id: 'policy-key-policy-resource',
  defaultSeverity: 'error',
  title: 'Key policy Resource is not "*"',
  category: 'ineffective',
  fixable: ['widens', 'narrows'],
  scope: 'policy',
  kinds: KEY_POLICIES,
  docs: {
    description: 'In a key policy, `"Resource": "*"` means "this key", and it is the only value KMS accepts: since August 2025 KMS rejects key policies with any other `Resource` (a key ARN, `key/*`) and with `NotResource`. Before that such statements were accepted but never matched.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }',
    remedy: 'Write `"Resource": "*"` (quick fix). To limit which keys a principal can use, use an IAM policy, where key ARNs belong.',
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.opaque.resources) continue;
      const m = s.statement.byName.get(s.resourceElement ?? '');
      if (!m) continue;
      if (s.resourceElement === 'NotResource') {
        report({ start: m.key.offset, end: m.key.offset + m.key.length, message: l10n.t('KMS rejects "NotResource" in a key policy: the only accepted element is "Resource": "*" (this key).') });
        continue;
      }
      for (const r of s.resources) {
        if (r.value === '*') continue;
        report({
          start: r.node.offset,
          end: r.node.offset + r.node.length,
          message: l10n.t('In a key policy "Resource" must be "*" (this key); KMS rejects "{0}".', r.value),
          // "*" matches this key whatever the ARN matched: wider in an Allow, narrower in a Deny.
          fixes: [statementFix(policy, s.statement, l10n.t('Change Resource to "*"'), [replaceNode(m.value, '"*"')], 'more')],
        });
      }
    }
  },
};
