/**
 * ct-access-drift: a call whose outcome the key policy the log shows cannot
 * explain. Quiet unless the log itself shows the key policy in force
 * (PutKeyPolicy or CreateKey earlier in the log: access/logPolicies.ts).
 *
 * What keeps it from crying wolf:
 * - a success is flagged when the policy denies it explicitly (nothing can
 *   override an explicit Deny in a key policy), or denies it implicitly for an
 *   operation no grant can allow; for the operations a grant can allow, a
 *   grant created before the log began could explain the success, so the
 *   rule says nothing;
 * - a decision left to the account's IAM policies (delegation), or that
 *   cannot be told, contradicts nothing;
 * - within five minutes of a policy change the call may have met either
 *   policy (eventual consistency): nothing is said.
 */
import * as l10n from '@vscode/l10n';
import { formatTime } from '../../lifecycle/dates';
import { origin } from '../../access/eventHover';
import { judgeEvent } from '../../access/logPolicies';
import { GRANT_OPERATIONS } from '../../data/kmsFacts';
import { SOURCES } from '../../data/sources';
import type { EventRule } from '../../rules/rule';
import { isKmsEvent } from '../event';

const BY_GRANT = new Set<string>(GRANT_OPERATIONS);

export const accessDrift: EventRule = {
  id: 'ct-access-drift',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Call the known key policy cannot explain',
  category: 'activity',
  fixable: [],
  docs: {
    description: 'The log shows the key\'s policy (a PutKeyPolicy or CreateKey earlier in it), and this call\'s outcome contradicts it: the call succeeded although that policy denies it, or it was refused as not authorised although that policy and the log\'s grants allow it. The key\'s real policy then differs from the one the log shows (a change the log does not hold), or, for a refusal, a deny elsewhere refused it (an IAM policy, an SCP, a VPC endpoint policy, a permissions boundary). Quiet when the log shows no key policy, when the decision is left to IAM policies that are not loaded, when a grant the log does not show could explain a success, and within five minutes of a policy change.',
    example: '{"eventName": "PutKeyPolicy", ... policy allows only role A ...}, then {"eventName": "ScheduleKeyDeletion", "userIdentity": {... role B ...}} that succeeded',
    remedy: 'Get the key\'s current policy (`aws kms get-key-policy`) and compare: look for a PutKeyPolicy outside these logs. The hover on the eventName says which statement or grant decided.',
    sources: [SOURCES.putKeyPolicy, SOURCES.keyPolicyDefault, SOURCES.kmsGrants, SOURCES.cloudTrailRecord],
  },
  check({ model, record, event, range, known }, report) {
    if (!isKmsEvent(event)) return;
    const j = judgeEvent(model, record, known);
    if (!j || !j.contradiction || j.settling) return;
    const name = String(event.eventName);
    if (j.known) {
      // The policy comes from elsewhere (a mapped file, a template, another log): say which.
      const which = origin(j);
      if (j.contradiction === 'succeededButDenied') {
        if (j.decision === 'implicitDeny' && BY_GRANT.has(name)) return;
        const why = j.decision === 'explicitDeny' ? l10n.t('it denies it explicitly') : l10n.t('no statement allows it, and {0} cannot be allowed by a grant', name);
        report({ ...range(['eventName']), message: l10n.t('{0} succeeded, but {1} does not allow it: {2}. The key\'s policy at that time was not that one.', name, which, why) });
      } else {
        report({ ...range(['errorCode']), message: l10n.t('{0} was refused as not authorised, but {1} allows it. A deny elsewhere (IAM policy, SCP, VPC endpoint policy, permissions boundary) or another key policy refused it.', name, which) });
      }
      return;
    }
    const when = formatTime(j.policy?.time);
    if (j.contradiction === 'succeededButDenied') {
      if (j.decision === 'implicitDeny' && BY_GRANT.has(name)) return;
      const why = j.decision === 'explicitDeny'
        ? l10n.t('it denies it explicitly')
        : l10n.t('no statement allows it, and {0} cannot be allowed by a grant', name);
      report({ ...range(['eventName']), message: l10n.t('{0} succeeded, but the key policy set at {1} (in this log) does not allow it: {2}. The key\'s real policy was not that one.', name, when, why) });
    } else {
      report({ ...range(['errorCode']), message: l10n.t('{0} was refused as not authorised, but the key policy set at {1} (in this log) allows it. A deny elsewhere (IAM policy, SCP, VPC endpoint policy, permissions boundary) or another key policy refused it.', name, when) });
    }
  },
};
