import { t } from '../../l10n';
import type { EventRule } from '../../rules/rule';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

/** A real date and time: month 1-12, the day exists in that month, 00:00:00-23:59:59 (a leap second, :60, is allowed). */
export function isRealUtcTime(s: string): boolean {
  const m = ISO_UTC.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 60) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]);
}

export const eventTime: EventRule = {
  id: 'ct-event-time',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'eventTime is not an ISO 8601 UTC time',
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
      ? t('eventTime "{0}" is not a real date and time.', v)
      : t('eventTime "{0}" is not in CloudTrail\'s format, UTC as YYYY-MM-DDTHH:MM:SSZ.', v);
    report({ ...range(['eventTime']), message });
  },
};
