/**
 * A ScheduleKeyDeletion with a waiting period under the 30-day default. The
 * default exists for safety: the longer the wait, the more likely a forgotten
 * user of the key shows up (as a refused call) before the key is gone.
 */
import * as l10n from '@vscode/l10n';
import type { LogRule } from '../../rules/rule';
import { describeDeletionDate } from '../describe';
import { DEFAULT_PENDING_WINDOW } from '../extract';
import { forEachKey } from './support';
import { SOURCES } from '../../data/sources';

export const lifecycleShortPendingWindow: LogRule = {
  id: 'lifecycle-short-pending-window',
  scope: 'log',
  defaultSeverity: 'information',
  title: 'Deletion waiting period shorter than the 30-day default',
  category: 'activity',
  fixable: [],
  docs: {
    description: `A \`ScheduleKeyDeletion\` with \`pendingWindowInDays\` under ${DEFAULT_PENDING_WINDOW}. KMS accepts 7 to 30 days; the default of ${DEFAULT_PENDING_WINDOW} exists for safety, because the waiting period is the only time in which a forgotten user of the key shows up, as a refused call, while the deletion can still be cancelled. The actual deletion can come up to 24 hours after the scheduled date. The finding gives the date.`,
    example: '"requestParameters": {"keyId": "...", "pendingWindowInDays": 7}',
    remedy: 'Unless the key must go quickly (for example, it was compromised), cancel and schedule again with the default 30 days, and watch for refused calls during the wait.',
    sources: [SOURCES.scheduleKeyDeletion, SOURCES.kmsDeletingKeys],
  },
  check(events, report) {
    forEachKey(events, ({ lc, at }) => {
      for (const e of lc.events) {
        const d = e.deletion;
        if (e.kind !== 'scheduleDeletion' || e.failed || !d || d.defaultWindow || d.pendingWindowInDays >= DEFAULT_PENDING_WINDOW) continue;
        const ctx = at(e.event);
        if (!ctx) continue;
        const inRequest = (ctx.event.requestParameters as Record<string, unknown> | null | undefined)?.pendingWindowInDays !== undefined;
        const range = ctx.range([inRequest ? 'requestParameters' : 'responseElements', 'pendingWindowInDays']);
        report({
          ...range,
          message: l10n.t('A {0}-day waiting period, shorter than the {1}-day default: the key will be {2}. The default gives a forgotten user of the key time to show up as a refused call while the deletion can still be cancelled.',
            d.pendingWindowInDays, DEFAULT_PENDING_WINDOW, describeDeletionDate(d)),
        });
      }
    });
  },
};
