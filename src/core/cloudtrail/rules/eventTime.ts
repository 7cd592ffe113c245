import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * A real date and time in CloudTrail's form: month 1-12, the day exists in that
 * month, 00:00:00-23:59:60 (a leap second). Read with charCodeAt rather than a
 * regular expression: it runs on every event of a big log.
 */
export function isRealUtcTime(s: string): boolean {
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 90 /* Z */) return false;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return false;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const se = digits(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return false;
  // Optional fractional seconds between the seconds and the Z.
  if (n > 20 && (s[19] !== '.' || n === 21 || digits(s, 20, n - 21) < 0)) return false;
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
      ? l10n.t('eventTime "{0}" is not a real date and time.', v)
      : l10n.t('eventTime "{0}" is not in CloudTrail\'s format, UTC as YYYY-MM-DDTHH:MM:SSZ.', v);
    report({ ...range(['eventTime']), message });
  },
};
