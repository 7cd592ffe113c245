import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { isRealUtcTime } from '../../text/cloudTrailTime';

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

export const eventTime: EventRule = {
  id: 'ct-event-time',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'eventTime is not an ISO 8601 UTC time',
  category: 'record',
  fixable: [],
  docs: {
    description: 'CloudTrail writes `eventTime` in UTC as `YYYY-MM-DDTHH:MM:SSZ`. A local time, an offset such as `+02:00`, a missing `Z` or a date that does not exist (February 30) means the record was edited, and times compared across events will be wrong.',
    example: '"eventTime": "2024-02-30T25:00:00"',
    remedy: 'Use the time exactly as CloudTrail wrote it, in UTC with a trailing `Z`.',
  },
  check({ event, range }, report) {
    const v = event.eventTime;
    if (typeof v !== 'string') return;
    if (isRealUtcTime(v)) return;
    const message = ISO_UTC.test(v)
      ? l10n.t('eventTime "{0}" is not a real date and time.', v)
      : l10n.t('eventTime "{0}" is not in CloudTrail\'s format, UTC as YYYY-MM-DDTHH:MM:SSZ.', v);
    report({ ...range(['eventTime']), message });
  },
};
