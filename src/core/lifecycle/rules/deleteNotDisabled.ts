/**
 * ScheduleKeyDeletion of a key the logs show enabled: AWS advises disabling a
 * key first and watching for refused calls before deleting it. "Enabled" is
 * what the last state-changing event before the scheduling says, or a
 * successful cryptographic operation after it (a disabled key refuses them).
 *
 * When the key was also in use (active grants, recent cryptographic calls),
 * lifecycle-delete-in-use reports the deletion once, saying both that the key
 * was in use and that it was not disabled first: two warnings on the same
 * event name that both said "in use until ..." were one mistake told twice.
 */
import * as l10n from '@vscode/l10n';
import type { LogRule } from '../../rules/rule';
import { formatTime } from '../dates';
import { describeCall } from '../describe';
import { enabledAt, forEachScheduledDeletion, inUseAt, nameRange } from './support';
import { SOURCES } from '../../data/sources';

export const lifecycleDeleteNotDisabled: LogRule = {
  id: 'lifecycle-delete-not-disabled',
  scope: 'log',
  defaultSeverity: 'warning',
  title: 'Key scheduled for deletion without being disabled first',
  category: 'activity',
  fixable: [],
  docs: {
    description: 'A `ScheduleKeyDeletion` of a key that the logs show enabled: its last state change before the scheduling enabled it (`CreateKey`, `EnableKey`), or it was still used after that. Deleting a KMS key makes every piece of data encrypted under it unrecoverable, so AWS advises disabling the key first and watching, with an alarm, for any attempt to use it. Disabling can be undone with one call; deletion cannot, once the waiting period is over. When the logs also show the key in use, `lifecycle-delete-in-use` reports the deletion once, with both facts.',
    example: '{"eventName": "EnableKey", "eventTime": "2024-05-01T09:00:00Z", ...}\n{"eventName": "ScheduleKeyDeletion", "eventTime": "2024-06-01T09:00:00Z", ...}',
    remedy: 'Cancel the deletion (`aws kms cancel-key-deletion`), disable the key (`aws kms disable-key`), and schedule the deletion only after a period with no refused calls (see the command *Create Alarm Pattern for Key Use*).',
    sources: [SOURCES.kmsDeletingKeys, SOURCES.kmsKeyState],
  },
  check(events, report) {
    forEachScheduledDeletion(events, (s) => {
      const enabled = enabledAt(s);
      if (!enabled) return;
      // In use as well: lifecycle-delete-in-use says both in one finding.
      const { active, recent } = inUseAt(s);
      if (active.length > 0 || recent.length > 0) return;
      const message = enabled.enabledBy
        ? l10n.t('Scheduled for deletion without being disabled first: the logs show the key enabled since {0} ({1}). Disable it first and watch for refused calls before deleting it: once deleted, whatever was encrypted under it is lost.',
          formatTime(enabled.enabledBy.since), describeCall(enabled.enabledBy.event.event))
        : l10n.t('Scheduled for deletion without being disabled first: the key was in use until {0}. Disable it first and watch for refused calls before deleting it: once deleted, whatever was encrypted under it is lost.',
          describeCall(enabled.lastUse!));
      report({ ...nameRange(s.ctx), message });
    });
  },
};
