/**
 * ScheduleKeyDeletion while the logs show the key in use: grants still active
 * at that moment, or cryptographic operations in the days before. Names the
 * grantees and the last use, so the responder knows whom to ask. When the key
 * was not disabled first either, the same finding says so
 * (lifecycle-delete-not-disabled then stays quiet on that deletion).
 */
import { describeActor } from '../../history/actors';
import * as l10n from '@vscode/l10n';
import type { LogRule } from '../../rules/rule';
import { describeCall } from '../describe';
import { enabledAt, forEachScheduledDeletion, inUseAt, nameRange, RECENT_USE_DAYS } from './support';
import { SOURCES } from '../../data/sources';

/** Grantees named in the message, at most. */
const NAMED = 3;

export const lifecycleDeleteInUse: LogRule = {
  id: 'lifecycle-delete-in-use',
  scope: 'log',
  defaultSeverity: 'warning',
  title: 'Key scheduled for deletion while the logs show it in use',
  category: 'activity',
  fixable: [],
  docs: {
    description: `A \`ScheduleKeyDeletion\` of a key that still had active grants at that moment, or that was used for cryptographic operations (\`Decrypt\`, \`Encrypt\`, \`GenerateDataKey*\`, ...) in the ${RECENT_USE_DAYS} days before, in the same log. The grantees (often AWS services such as EBS, Fargate or Deadline Cloud) and the callers still depend on the key: once it is deleted, the data they encrypted under it cannot be decrypted. The finding names the grantees and the last use, and says when the key was not disabled first (\`lifecycle-delete-not-disabled\` then stays quiet on that deletion).`,
    example: '{"eventName": "CreateGrant", "requestParameters": {"granteePrincipal": "fargate.us-west-2.amazonaws.com", ...}, ...}\n{"eventName": "ScheduleKeyDeletion", ...}',
    remedy: 'Cancel the deletion, find out who still uses the key (the grantees, the callers named in the finding), move their data to another key (re-encrypt), retire or revoke their grants, then disable the key and watch before deleting it.',
    sources: [SOURCES.kmsDeletingKeys, SOURCES.kmsKeyState],
  },
  check(events, report) {
    forEachScheduledDeletion(events, (d) => {
      const { active, recent } = inUseAt(d);
      if (active.length === 0 && recent.length === 0) return;
      const parts: string[] = [];
      if (active.length > 0) {
        const grantees = [...new Set(active.map((g) => g.granteePrincipal ?? l10n.t('a grantee not in these logs')))];
        const named = grantees.slice(0, NAMED).join(', ') + (grantees.length > NAMED ? l10n.t(' and {0} more', grantees.length - NAMED) : '');
        parts.push(l10n.t('active grants: {0} (grantees: {1})', active.length, named));
      }
      if (recent.length > 0) {
        const last = recent[recent.length - 1];
        parts.push(l10n.t('cryptographic operations in the {0} days before: {1}, the last {2}', RECENT_USE_DAYS, recent.length, describeCall(last)));
      }
      const message = enabledAt(d)
        ? l10n.t('Scheduled for deletion by {0} while the logs show the key in use, and without disabling it first: {1}. Disable it and watch for refused calls before deleting it: once the key is deleted, whatever they encrypted under it cannot be decrypted.', describeActor(d.event.event.actor), parts.join('; '))
        : l10n.t('Scheduled for deletion by {0} while the logs show the key in use: {1}. Once the key is deleted, whatever they encrypted under it cannot be decrypted.', describeActor(d.event.event.actor), parts.join('; '));
      report({ ...nameRange(d.ctx), message });
    });
  },
};
