import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { propertyOf, removeItem } from '../edits';
import { KEY_AND_IDENTITY_POLICIES } from '../facts';

export const sidEmpty: PolicyRule = {
  id: 'policy-sid-empty',
  defaultSeverity: 'hint',
  title: 'Empty Sid',
  category: 'style',
  fixable: ['neutral'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: '`"Sid": ""` names nothing. Either give the statement a name that says what it is for, or leave the `Sid` out.',
    example: '{ "Sid": "", "Effect": "Allow", ... }',
    remedy: 'Write a short name, or remove the empty `Sid` (quick fix).',
    sources: [SOURCES.iamSid],
  },
  check(policy, report) {
    for (const s of policy.statements) {
      if (!s.sid || s.sid.value !== '') continue;
      const removal = removeItem(propertyOf(s.byName.get('Sid')!.key));
      report({
        start: s.sid.node.offset,
        end: s.sid.node.offset + s.sid.node.length,
        message: l10n.t('Empty Sid: name the statement or remove the Sid.'),
        fixes: removal ? [{ title: l10n.t('Remove the empty Sid'), edits: [removal], safety: 'neutral' }] : [],
      });
    }
  },
};
