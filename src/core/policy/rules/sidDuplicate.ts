import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { KEY_AND_IDENTITY_POLICIES } from '../facts';
import { statementsExclusive, type Statement } from '../model';

export const sidDuplicate: PolicyRule = {
  id: 'policy-sid-duplicate',
  defaultSeverity: 'warning',
  title: 'Two statements with the same Sid',
  category: 'invalid',
  fixable: [],
  scope: 'policy',
  kinds: KEY_AND_IDENTITY_POLICIES,
  docs: {
    description: 'A `Sid` names a statement. Two statements with the same `Sid` are usually a copy-paste slip (the second was meant to be different), and IAM rejects duplicate Sids in identity policies. KMS accepts them in a key policy (the key policy AWS writes for its managed key `aws/secretsmanager` has two statements with one Sid), so there the finding is only information.',
    example: '[ { "Sid": "Use", ... }, { "Sid": "Use", ... } ]',
    remedy: 'Give each statement its own `Sid`, or merge the two statements.',
    sources: [SOURCES.iamSid, SOURCES.secretsManagerManagedKeyPolicy],
  },
  check(policy, report) {
    const seen = new Map<string, Statement[]>();
    for (const s of policy.statements) {
      if (!s.sid || s.sid.value === '') continue;
      const earlier = seen.get(s.sid.value) ?? [];
      seen.set(s.sid.value, [...earlier, s]);
      // Two alternatives of one CloudFormation Fn::If are never in the policy together: one Sid for both is how
      // a template writes "this statement, with these values or those".
      const first = earlier.find((e) => !statementsExclusive(e, s))?.index;
      if (first === undefined) continue;
      // KMS stores key policies with repeated Sids: AWS's own aws/secretsmanager key policy has two.
      const keyPolicy = policy.kind === 'keyPolicy';
      report({
        start: s.sid.node.offset,
        end: s.sid.node.offset + s.sid.node.length,
        message: keyPolicy
          ? l10n.t('Statement {0} has the same Sid "{1}" as statement {2}. KMS accepts this in a key policy, but one name for two statements is often a copy-paste slip.', s.index + 1, s.sid.value, first + 1)
          : l10n.t('Statement {0} has the same Sid "{1}" as statement {2}. Sids must be unique within a policy.', s.index + 1, s.sid.value, first + 1),
        atMostInformation: keyPolicy,
      });
    }
  },
};
