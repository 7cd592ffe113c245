import * as l10n from '@vscode/l10n';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { insertMember, insertProperty } from '../edits';
import { KEY_AND_IDENTITY_POLICIES } from '../facts';
import { membersOf, type PolicyModel } from '../model';
import { classifiedFix } from '../fixSafety';
import { unrestrictedCreateGrant } from '../grantLimits';
import { normalized, type NormalizedStatement } from '../normalize';

/** The actions kms:GrantIsForAWSResource applies to: adding it to a statement with others would stop those. */
const ACCEPTS_GRANT_CONDITION = new Set(['CreateGrant', 'ListGrants', 'RevokeGrant']);
const CONDITION = '"kms:GrantIsForAWSResource": "true"';

function addConditionFix(policy: PolicyModel, s: NormalizedStatement): Fix | undefined {
  const text = policy.text;
  if ([...s.kmsActions].some((a) => !ACCEPTS_GRANT_CONDITION.has(a.name)) || s.opaque.actions) return undefined;
  const cond = s.statement.byName.get('Condition');
  let edit;
  if (!cond) edit = insertProperty(text, s.statement.node, 'Condition', `{ "Bool": { ${CONDITION} } }`, 'last');
  else if (cond.value.type === 'object') {
    const bool = membersOf(cond.value).find((m) => m.name === 'Bool');
    if (bool && bool.value.type !== 'object') return undefined;
    edit = bool ? insertMember(text, bool.value, CONDITION, 'last') : insertProperty(text, cond.value, 'Bool', `{ ${CONDITION} }`, 'last');
  } else return undefined;
  // A recommendation: it narrows who gets grants, which may break a use the author relies on.
  return classifiedFix(policy, s.statement, l10n.t('Add the condition kms:GrantIsForAWSResource = true'), [edit], 'review');
}

export const createGrantUnrestricted: PolicyRule = {
  id: 'policy-create-grant-unrestricted',
  defaultSeverity: 'information',
  title: 'CreateGrant without a limit on the grants',
  category: 'risk',
  fixable: ['review'],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'With `kms:CreateGrant` a principal can give any other principal any grant operation on the key, including `CreateGrant` itself. AWS recommends limiting it: `"Bool": {"kms:GrantIsForAWSResource": "true"}` (only AWS services that integrate with KMS can create grants on its behalf, as in the console\'s default policy), `kms:GrantOperations` (which operations the grants may allow), or `kms:ViaService`.',
    example: '{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/App" }, "Action": "kms:CreateGrant", "Resource": "*" }',
    remedy: 'Add `kms:GrantIsForAWSResource` (quick fix, when the statement has only grant actions) or a `ForAllValues:StringEquals` on `kms:GrantOperations`.',
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      const entry = unrestrictedCreateGrant(s);
      if (!entry) continue;
      const fix = addConditionFix(policy, s);
      report({
        start: entry.node.offset,
        end: entry.node.offset + entry.node.length,
        message: l10n.t('kms:CreateGrant without kms:GrantIsForAWSResource or kms:GrantOperations lets this principal grant any operation on the key to anyone.'),
        fixes: fix ? [fix] : [],
      });
    }
  },
};
