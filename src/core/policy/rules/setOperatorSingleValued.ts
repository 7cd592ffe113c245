import { isMultiValued } from '../../data/iam';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { EVERY_POLICY, moveConditionKey } from '../facts';
import { normalized } from '../normalize';
import { statementFix } from '../fixSafety';

export const setOperatorSingleValued: PolicyRule = {
  id: 'policy-set-operator-single-valued',
  defaultSeverity: 'warning',
  title: 'ForAllValues with a single-valued key',
  category: 'risk',
  fixable: ['narrows', 'neutral', 'widens'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: '`ForAllValues:` is for keys that hold a list. With a single-valued key such as `kms:CallerAccount` or `kms:ViaService` it also matches when the key is absent from the request (an empty set passes "for all"), so an Allow can grant more than it says. Access Analyzer reports this as a security warning.',
    example: '"Condition": { "ForAllValues:StringEquals": { "kms:CallerAccount": "111122223333" } }',
    remedy: 'Remove the `ForAllValues:` prefix (quick fix).',
    sources: [SOURCES.iamMultiValued, SOURCES.kmsConditionKeys],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        if (c.op.set !== 'ForAllValues' || !c.op.valid || !c.key || isMultiValued(c.key)) continue;
        const plain = c.entry.operator.slice('ForAllValues:'.length);
        const edits = moveConditionKey(policy, s.statement, c.entry, plain);
        report({
          start: c.entry.keyNode.offset,
          end: c.entry.keyNode.offset + c.entry.keyNode.length,
          message: l10n.t('{0} holds one value: ForAllValues also matches when it is absent from the request. Use {1}.', c.entry.key, plain),
          // Without ForAllValues the condition no longer holds when the key is absent: it matches fewer requests.
          // A negated or IfExists operator holds on an absent key either way, so nothing changes.
          fixes: edits ? [statementFix(policy, s.statement, l10n.t('Use {0}', plain), edits, c.op.negated || c.op.ifExists ? 'same' : 'fewer')] : [],
        });
      }
    }
  },
};
