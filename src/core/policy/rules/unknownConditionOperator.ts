import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix, TextEdit } from '../../types';
import { insertMember, nodeEnd, propertyOf, removeItem, renameKey } from '../edits';
import { EVERY_POLICY } from '../facts';
import { statementFix } from '../fixSafety';
import { membersOf, type Member } from '../model';
import { allOperatorNames, parseOperator } from '../operators';
import { scan } from '../placeholders';
import { suggest } from '../suggestions';

/**
 * Renames the operator, or, when the Condition already has the operator meant,
 * moves this block's keys into it (undefined if a key would then be there twice).
 */
function renameOrMerge(text: string, op: Member, ops: Member[], to: string): TextEdit[] | undefined {
  const target = ops.find((o) => o.name === to);
  if (!target) return [renameKey(op.key, to)];
  if (target.value.type !== 'object' || op.value.type !== 'object') return undefined;
  const moving = membersOf(op.value);
  const existing = new Set(membersOf(target.value).map((m) => m.name));
  if (moving.length === 0 || moving.some((m) => existing.has(m.name))) return undefined;
  const removal = removeItem(propertyOf(op.key));
  if (!removal) return undefined;
  const memberTexts = moving.map((m) => text.slice(m.key.offset, nodeEnd(m.value)));
  return [removal, insertMember(text, target.value, memberTexts.join(', '), 'last')];
}

export const unknownOperator: PolicyRule = {
  id: 'policy-unknown-condition-operator',
  defaultSeverity: 'error',
  title: 'Unknown condition operator',
  category: 'invalid',
  fixable: ['review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A condition operator AWS does not have: a typo (`StringEqual`, `ArnLke`), a wrong case (`stringEquals`), a misspelt set prefix (`ForAnyValues:`), or `NullIfExists` (`Null` already tests whether the key exists; IAM: IfExists goes on "any condition operator name except the Null condition"). The IAM policy grammar has no such operator; AWS does not document whether it refuses the policy or how the condition is then evaluated, so the rename is a quick fix you apply yourself. Valid operators are the String, Numeric, Date, Bool, BinaryEquals, IpAddress, Arn and Null families, optionally with `IfExists` and a `ForAllValues:`/`ForAnyValue:` prefix.',
    example: '"Condition": { "StringEqual": { "kms:CallerAccount": "111122223333" } }',
    remedy: 'Use the operator meant (quick fix with up to three nearest operators; when the Condition already has that operator, the fix merges the two blocks).',
    sources: [SOURCES.iamConditionOperators, SOURCES.iamGrammar],
  },
  check(policy, report) {
    for (const s of policy.statements) {
      const ops = membersOf(s.byName.get('Condition')?.value);
      for (const op of ops) {
        const parsed = parseOperator(op.name);
        if (parsed.valid) continue;
        // `"${var.test}"`, a Terraform `test = var.test`: the operator is filled in later.
        if (scan(op.name).length > 0) continue;
        const { names: candidates, sure } = parsed.problem === 'nullIfExists'
          ? { names: [(parsed.set ? `${parsed.set}:` : '') + 'Null'], sure: (parsed.set ? `${parsed.set}:` : '') + 'Null' }
          : suggest(op.name, allOperatorNames(), 3);
        const fixes: Fix[] = [];
        for (const c of candidates) {
          const edits = renameOrMerge(policy.text, op, ops, c);
          // What AWS does with an operator it does not have is not documented, so neither is what the rename changes.
          if (edits) fixes.push(statementFix(policy, s, l10n.t('Change to "{0}"', c), edits, 'unknown', c === sure));
        }
        const message = parsed.problem === 'nullIfExists'
          ? l10n.t('"{0}" is not valid: Null already tests whether the key is present, so it takes no IfExists. Use "Null".', op.name)
          : candidates.length > 0
            ? l10n.t('"{0}" is not a condition operator; did you mean {1}?', op.name, candidates.map((c) => `"${c}"`).join(', '))
            : l10n.t('"{0}" is not a condition operator.', op.name);
        report({ start: op.key.offset, end: op.key.offset + op.key.length, message, fixes });
      }
    }
  },
};
