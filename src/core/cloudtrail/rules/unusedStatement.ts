/**
 * ct-unused-statement: an Allow statement of a key policy that a PutKeyPolicy
 * or CreateKey in the log set, which no event on the key in the log used
 * while that policy was in force (from the change to the next one, or to the
 * end of the log). Information only, with the period: logs of a week say
 * nothing of a monthly job. What counts as used, and what is never reported
 * (Deny statements, the account's own root statement, a key with no event in
 * the period), is in access/unused.ts.
 */
import * as l10n from '@vscode/l10n';
import { formatTime } from '../../lifecycle/dates';
import { keyPolicyChanges } from '../../access/logPolicies';
import { unusedAccess } from '../../access/unused';
import { policiesOf } from '../../policy/locate';
import { SOURCES } from '../../data/sources';
import type { LogRule } from '../../rules/rule';
import { recordAt } from '../event';

export const unusedStatement: LogRule = {
  id: 'ct-unused-statement',
  scope: 'log',
  defaultSeverity: 'information',
  title: 'Unused key policy statement',
  category: 'activity',
  fixable: [],
  docs: {
    description: 'The log sets the key\'s policy (PutKeyPolicy, or CreateKey with a policy), and no KMS event on the key in the log used this Allow statement while that policy was in force: no call it allowed directly, none it left to an account\'s IAM policies, none it might have allowed. The finding names the period. Deny statements, the statement that lets the key\'s own account use IAM policies, and keys with no event in the period are never reported.',
    example: '{"eventName": "PutKeyPolicy", ... "Sid": "AllowOldBatch" ...}, then a week of Decrypt calls by other roles',
    remedy: 'If the access is no longer needed, remove the statement in the key\'s next policy change. A log covers a short period: check a longer one (kms-lens access POLICY --logs ...) before removing access a rare job needs.',
    sources: [SOURCES.putKeyPolicy, SOURCES.keyPolicyDefault],
  },
  check(events, report) {
    if (events.length === 0) return;
    const model = events[0].model;
    const source = [{ id: '', model }];
    for (const policy of policiesOf(model)) {
      const keyArn = policy.context.keyArn;
      if (!keyArn || policy.statements.length === 0) continue;
      const changes = keyPolicyChanges(model, keyArn);
      const record = recordAt(model, policy.toDocument(0));
      const i = record ? changes.findIndex((c) => c.start === record.start) : -1;
      // Only a policy that took effect (a successful call with a readable time) is judged.
      if (i < 0) continue;
      const set = changes[i];
      // The call that set the policy was authorised by the one before: the period starts just after it.
      const u = unusedAccess({ policy: set.model, keyArn, sources: source, from: set.ms + 1, until: changes[i + 1]?.ms });
      if (!u) continue;
      for (const s of u.statements) {
        const st = policy.statements[s.ref.index];
        if (!st) continue;
        const node = st.sid?.node ?? st.node;
        const start = policy.toDocument(node.offset);
        const end = st.sid ? policy.toDocument(node.offset + node.length) : start + 1;
        const which = s.ref.sid ? l10n.t('statement {0} ({1})', s.ref.index, s.ref.sid) : l10n.t('statement {0}', s.ref.index);
        // One call is its own message: "none of the 1 calls" agrees in no language.
        const message = u.events === 1
          ? l10n.t('No event between {0} and {1} used this statement: {2} of the key policy set at {3} did not allow the one call on the key in this log while it was in force.', formatTime(u.period.from), formatTime(u.period.to), which, formatTime(set.time))
          : l10n.t('No event between {0} and {1} used this statement: {2} of the key policy set at {3} allowed none of the {4} calls on the key in this log while it was in force.', formatTime(u.period.from), formatTime(u.period.to), which, formatTime(set.time), u.events);
        report({ start, end, message });
      }
    }
  },
};
