import * as l10n from '@vscode/l10n';
import { isPlaceholderAccount, keyIdKind, parseArn, type Arn } from '../../kms/identifiers';
import type { PolicyRule } from '../../rules/rule';
import { stringContent } from '../edits';
import { EVERY_POLICY, arnPartSpan } from '../facts';
import { conditionStrings, normalized, shiftedArn } from '../normalize';
import type { Node } from 'jsonc-parser';

const ACCOUNT_KEYS = new Set(['kms:calleraccount', 'aws:sourceaccount', 'aws:principalaccount', 'aws:resourceaccount']);

interface Seen {
  kind: 'account' | 'key';
  start: number;
  end: number;
  count: number;
}

export const placeholder: PolicyRule = {
  id: 'policy-placeholder',
  defaultSeverity: 'information',
  title: 'AWS documentation placeholder',
  category: 'placeholder',
  fixable: [],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'The AWS documentation writes `111122223333` and `444455556666` for account numbers, ids containing `EXAMPLE` for keys, and words such as `account-id` in their place. They are fine in an example, but a policy deployed with them grants access to someone else\'s account, or to nothing. Reported once per placeholder, and never as an error.',
    example: '"Principal": { "AWS": "arn:aws:iam::111122223333:root" }',
    remedy: 'Replace the placeholder with your own account id or key id before you use the policy.',
  },
  check(policy, report) {
    const seen = new Map<string, Seen>();
    const note = (value: string, kind: Seen['kind'], span: { start: number; end: number }): void => {
      const s = seen.get(value);
      if (s) s.count++;
      else seen.set(value, { kind, ...span, count: 1 });
    };
    const inArn = (arn: Arn, node: Node, shifted: boolean): void => {
      const account = arn.account.value;
      if (account && !account.includes('${') && isPlaceholderAccount(account)) note(account, 'account', arnPartSpan(policy.text, node, arn, arn.account, shifted));
      if (arn.service.value === 'kms' && arn.resourceType === 'key' && keyIdKind(arn.resourceId) === 'placeholder') {
        note(arn.resourceId, 'key', arnPartSpan(policy.text, node, arn, { value: arn.resourceId, start: arn.resource.start + 4 }, shifted));
      }
    };
    const inString = (value: string, node: Node, accountKey: boolean): void => {
      if (value.startsWith('arn:')) {
        const repaired = shiftedArn(value);
        const arn = parseArn(repaired ?? value);
        if (arn) inArn(arn, node, repaired !== undefined);
      } else if (accountKey && isPlaceholderAccount(value) && !value.includes('${')) note(value, 'account', stringContent(node));
    };
    for (const s of normalized(policy)) {
      // Principals and resources come with their ARNs parsed (and repaired) by the normalised model.
      for (const p of s.principals) {
        if (p.type !== 'AWS') continue;
        if (p.arn) inArn(p.arn, p.node, shiftedArn(p.value) !== undefined);
        else if (!p.value.startsWith('arn:')) inString(p.value, p.node, true);
      }
      for (const r of s.resources) if (r.arn) inArn(r.arn, r.node, r.repaired !== undefined);
      for (const c of s.conditions) {
        const accountKey = ACCOUNT_KEYS.has(c.entry.key.toLowerCase());
        for (const v of conditionStrings(c.entry)) inString(v.value, v.node, accountKey);
      }
    }
    for (const [value, s] of seen) {
      const times = s.count > 1 ? l10n.t(' (used {0} times in this policy)', s.count) : '';
      report({
        start: s.start,
        end: s.end,
        message: s.kind === 'key'
          ? l10n.t('{0} is an example key id from the AWS documentation{1}: replace it with the id of your key.', value, times)
          : /^\d+$/.test(value)
            ? l10n.t('{0} is an example account number from the AWS documentation{1}: replace it with your account id.', value, times)
            : l10n.t('"{0}" is a placeholder{1}: replace it with your account id.', value, times),
      });
    }
  },
};
