import { DEADLINE_ACTION_SETS } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import { appendToList } from '../edits';
import { KEY_AND_IDENTITY_POLICIES, isDeadlineStatement } from '../facts';
import { statementFix } from '../fixSafety';
import { normalized } from '../normalize';

type SetName = keyof typeof DEADLINE_ACTION_SETS;
const SETS = Object.entries(DEADLINE_ACTION_SETS) as Array<[SetName, readonly string[]]>;
const DEADLINE_ACTIONS = new Set(SETS.flatMap(([, actions]) => actions));

function setLabel(name: SetName): string {
  switch (name) {
    case 'CreateFarm': return l10n.t('CreateFarm');
    case 'read-only': return l10n.t('read-only');
    case 'read-write': return l10n.t('read-write');
  }
}

export const deadlineMissingAction: PolicyRule = {
  id: 'policy-deadline-missing-action',
  defaultSeverity: 'information',
  title: 'Deadline Cloud statement missing a documented action',
  category: 'ineffective',
  fixable: ['widens'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'AWS Deadline Cloud documents the KMS permissions a farm\'s customer managed key needs, each with `kms:ViaService` = `deadline.REGION.amazonaws.com`: for CreateFarm `kms:Decrypt`, `kms:GenerateDataKey`, `kms:CreateGrant` and `kms:DescribeKey`; read-only `kms:Decrypt` and `kms:DescribeKey`; read-write `kms:Decrypt`, `kms:DescribeKey` and `kms:GenerateDataKey`. A statement for Deadline Cloud that has part of a set but not all of it will fail for the operations that need the missing action.',
    example: '{ "Effect": "Allow", "Action": [ "kms:Decrypt", "kms:GenerateDataKey" ], "Resource": "arn:aws:kms:us-west-2:111122223333:key/*", "Condition": { "StringEquals": { "kms:ViaService": "deadline.us-west-2.amazonaws.com" } } }',
    remedy: 'Add the missing action (quick fix), or check that the statement is meant to be narrower than the documented set.',
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      if (s.effect !== 'Allow' || s.actionElement !== 'Action' || s.opaque.actions || !isDeadlineStatement(s)) continue;
      const has = new Set([...s.kmsActions].map((a) => a.name).filter((n) => DEADLINE_ACTIONS.has(n)));
      if (has.size === 0) continue;
      // The smallest documented set that contains everything the statement has.
      const supersets = SETS.filter(([, actions]) => [...has].every((a) => actions.includes(a))).sort((a, b) => a[1].length - b[1].length);
      const [name, actions] = supersets[0] ?? [];
      if (!name || !actions || actions.length === has.size) continue;
      const missing = actions.filter((a) => !has.has(a));
      const value = s.statement.byName.get('Action')!.value;
      report({
        start: value.offset,
        end: value.offset + value.length,
        message: l10n.t('This Deadline Cloud statement has part of the documented {0} set ({1}) but lacks {2}.', setLabel(name), actions.map((a) => `kms:${a}`).join(', '), missing.map((a) => `kms:${a}`).join(', ')),
        // A recommendation that lets the statement do more: the author decides.
        fixes: [statementFix(policy, s.statement, l10n.t('Add {0}', missing.map((a) => `kms:${a}`).join(', ')), [appendToList(policy.text, value, missing.map((a) => JSON.stringify(`kms:${a}`)))], 'more', false)],
      });
    }
  },
};
