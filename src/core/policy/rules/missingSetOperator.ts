import { isMultiValued } from '../../data/iam';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { EVERY_POLICY, moveConditionKey } from '../facts';
import { classifiedFix } from '../fixSafety';
import { normalized } from '../normalize';

export const missingSetOperator: PolicyRule = {
  id: 'policy-missing-set-operator',
  defaultSeverity: 'warning',
  title: 'Multi-valued key without ForAnyValue or ForAllValues',
  category: 'invalid',
  fixable: ['review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'Some keys hold a list: `kms:GrantOperations`, `kms:EncryptionContextKeys`, `kms:ResourceAliases`, `aws:TagKeys`, `aws:PrincipalOrgPaths`. Compared without a set operator, the list is not compared the way the policy reads. Say which comparison you mean: `ForAllValues:` (every value in the request is in your list: the usual choice to restrict `kms:GrantOperations`) or `ForAnyValue:` (at least one is: the usual choice for `kms:ResourceAliases`).',
    example: '"Condition": { "StringEquals": { "kms:GrantOperations": [ "Decrypt", "Encrypt" ] } }',
    remedy: 'Prefix the operator with `ForAllValues:` or `ForAnyValue:` (quick fixes for both; the choice changes what is allowed, so neither is applied automatically).',
    sources: [SOURCES.iamMultiValued, SOURCES.kmsConditionKeys],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        if (!c.key || !isMultiValued(c.key) || c.op.set || !c.op.valid || c.op.family === 'Null') continue;
        const fixes: Fix[] = [];
        for (const prefix of ['ForAllValues', 'ForAnyValue']) {
          const edits = moveConditionKey(policy, s.statement, c.entry, `${prefix}:${c.entry.operator}`);
          if (edits) fixes.push(classifiedFix(policy, s.statement, l10n.t('Use {0}:{1}', prefix, c.entry.operator), edits, 'review'));
        }
        report({
          start: c.entry.keyNode.offset,
          end: c.entry.keyNode.offset + c.entry.keyNode.length,
          message: l10n.t('{0} holds a list of values: use ForAllValues:{1} (every requested value must be listed) or ForAnyValue:{1} (at least one).', c.entry.key, c.entry.operator),
          fixes,
        });
      }
    }
  },
};
