import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_AND_IDENTITY_POLICIES, isBroken } from '../facts';

const PAIRS: Array<[string, string]> = [['Action', 'NotAction'], ['Resource', 'NotResource'], ['Principal', 'NotPrincipal']];

export const conflictingElements: PolicyRule = {
  id: 'policy-conflicting-elements',
  defaultSeverity: 'error',
  title: 'Both X and NotX in one statement',
  category: 'invalid',
  fixable: [],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'A statement may have `Action` or `NotAction`, `Resource` or `NotResource`, `Principal` or `NotPrincipal`, never both of a pair (IAM policy grammar). AWS does not document what it does with both; the statement cannot mean both.',
    example: '{ "Effect": "Allow", "Action": "kms:Decrypt", "NotAction": "kms:Encrypt", "Resource": "*" }',
    remedy: 'Keep the one you meant and delete the other.',
    sources: [SOURCES.iamGrammar],
  },
  check(policy, report) {
    for (const s of policy.statements) {
      if (isBroken(policy, s.node)) continue;
      for (const [a, b] of PAIRS) {
        const ma = s.byName.get(a);
        const mb = s.byName.get(b);
        if (!ma || !mb) continue;
        const later = ma.key.offset > mb.key.offset ? ma : mb;
        report({ start: later.key.offset, end: later.key.offset + later.key.length, message: l10n.t('A statement cannot have both "{0}" and "{1}": the policy language takes one or the other. Keep one.', a, b) });
      }
    }
  },
};
