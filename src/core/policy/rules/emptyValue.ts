import type { Node } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_AND_IDENTITY_POLICIES } from '../facts';
import { membersOf } from '../model';

const LISTS = ['Action', 'NotAction', 'Resource', 'NotResource'];
const PRINCIPALS = ['Principal', 'NotPrincipal'];

function isEmpty(n: Node): boolean {
  return (n.type === 'array' || n.type === 'object') && (n.children ?? []).length === 0;
}

export const emptyValue: PolicyRule = {
  id: 'policy-empty-value',
  defaultSeverity: 'warning',
  title: 'Empty list where the statement needs values',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'An empty `Action`, `Resource` or `Principal` list, an empty `"AWS": []`, or a condition key with `[]` as its values. The statement then matches nothing (or, for a condition, behaves in ways that are easy to misread), which is almost never what was meant: usually the values were lost in an edit.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": [] }, "Action": "kms:Decrypt", "Resource": "*" }',
    remedy: 'Put the intended values back, or delete the statement.',
    sources: [SOURCES.iamGrammar],
  },
  check(policy, report) {
    for (const s of policy.statements) {
      for (const name of LISTS) {
        const m = s.byName.get(name);
        if (m && isEmpty(m.value)) report({ start: m.value.offset, end: m.value.offset + m.value.length, message: l10n.t('"{0}" is empty: this statement matches nothing.', name) });
      }
      for (const name of PRINCIPALS) {
        const m = s.byName.get(name);
        if (!m) continue;
        if (isEmpty(m.value)) report({ start: m.value.offset, end: m.value.offset + m.value.length, message: l10n.t('"{0}" is empty: this statement applies to no one.', name) });
        for (const p of membersOf(m.value)) {
          if (isEmpty(p.value)) report({ start: p.value.offset, end: p.value.offset + p.value.length, message: l10n.t('"{0}" under {1} lists no principal.', p.name, name) });
        }
      }
      for (const c of s.conditions) {
        if (isEmpty(c.valueNode)) {
          report({ start: c.valueNode.offset, end: c.valueNode.offset + c.valueNode.length, message: l10n.t('Condition key {0} has no values: with {1} this is almost certainly not what was meant.', c.key, c.operator) });
        }
      }
    }
  },
};
