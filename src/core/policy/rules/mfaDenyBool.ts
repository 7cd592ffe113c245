import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { EVERY_POLICY, moveConditionKey } from '../facts';
import { statementFix } from '../fixSafety';
import { normalized } from '../normalize';

/**
 * A Deny meant for callers without MFA that callers with access keys pass.
 * AWS Knowledge Center, "How do I use MFA with the AWS CLI?"
 * (https://repost.aws/knowledge-center/mfa-iam-user-aws-cli): the
 * aws:MultiFactorAuthPresent key is not in requests made with long-term
 * credentials, and with the Bool operator a key that is absent does not match,
 * so `"Bool": {"aws:MultiFactorAuthPresent": "false"}` does not deny them;
 * `BoolIfExists` does. IAM User Guide, "Condition operators" (...IfExists: true
 * when the key is absent).
 */
export const mfaDenyBool: PolicyRule = {
  id: 'policy-mfa-deny-bool',
  defaultSeverity: 'warning',
  title: 'MFA Deny that access keys pass',
  category: 'ineffective',
  fixable: ['narrows'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A Deny with `"Bool": {"aws:MultiFactorAuthPresent": "false"}` is meant for callers who did not use MFA, but requests signed with long-term credentials (an IAM user\'s access keys, in the AWS CLI or an SDK) do not carry the key at all, and `Bool` on a key that is absent does not match: the Deny does not apply to them, the callers it was most likely written for. `BoolIfExists` matches when the key is absent. Reported on statements that can apply to KMS actions (a key policy\'s "no deletion without MFA" statement, an IAM policy\'s "no key administration without MFA").',
    example: '{ "Effect": "Deny", "Principal": "*", "Action": "kms:ScheduleKeyDeletion", "Resource": "*", "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "false" } } }',
    remedy: 'Use `BoolIfExists` (quick fix, which you apply yourself: the Deny then also applies to requests made with access keys without MFA).',
    sources: [SOURCES.mfaCli, SOURCES.iamConditionOperators],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.effect !== 'Deny' || s.kmsActions.size === 0) continue;
      for (const c of s.conditions) {
        if (c.entry.key.toLowerCase() !== 'aws:multifactorauthpresent') continue;
        const op = c.op;
        if (!op.valid || op.base !== 'Bool' || op.ifExists || op.set) continue;
        if (!c.entry.values.some((v) => String(v.value).toLowerCase() === 'false')) continue;
        const edits = moveConditionKey(policy, s.statement, c.entry, 'BoolIfExists');
        // The Deny then applies to more requests: it can only narrow access.
        const fix = edits ? statementFix(policy, s.statement, l10n.t('Compare {0} with {1}', c.entry.key, 'BoolIfExists'), edits, 'more') : undefined;
        report({
          start: c.entry.keyNode.offset,
          end: c.entry.keyNode.offset + c.entry.keyNode.length,
          message: l10n.t('Requests signed with long-term access keys (an IAM user\'s CLI or SDK calls) do not carry aws:MultiFactorAuthPresent, and Bool does not match a key that is absent: this Deny does not apply to them. Use BoolIfExists.'),
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
