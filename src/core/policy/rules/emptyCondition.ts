import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { propertyOf, removeItem } from '../edits';
import { KEY_AND_IDENTITY_POLICIES } from '../facts';
import { membersOf } from '../model';

export const emptyCondition: PolicyRule = {
  id: 'policy-empty-condition',
  defaultSeverity: 'hint',
  title: 'Empty Condition block',
  category: 'style',
  fixable: ['neutral'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: '`"Condition": {}` or an operator with no keys (`"StringEquals": {}`) restricts nothing. It often marks a condition that was meant to be there.',
    example: '{ "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {} }',
    remedy: 'Add the intended condition, or remove the empty block (quick fix).',
  },
  check(policy, report) {
    for (const s of policy.statements) {
      const cond = s.byName.get('Condition');
      if (!cond || cond.value.type !== 'object') continue;
      const removeFix = (keyNode: typeof cond.key): Fix[] => {
        const edit = removeItem(propertyOf(keyNode));
        return edit ? [{ title: l10n.t('Remove the empty block'), edits: [edit], safety: 'neutral' }] : [];
      };
      const ops = membersOf(cond.value);
      if (ops.length === 0) {
        report({ start: cond.value.offset, end: cond.value.offset + cond.value.length, message: l10n.t('Empty "Condition": it restricts nothing.'), fixes: removeFix(cond.key) });
        continue;
      }
      for (const op of ops) {
        if (op.value.type === 'object' && (op.value.children ?? []).length === 0) {
          report({ start: op.value.offset, end: op.value.offset + op.value.length, message: l10n.t('"{0}" has no condition keys: it restricts nothing.', op.name), fixes: removeFix(op.key) });
        }
      }
    }
  },
};
