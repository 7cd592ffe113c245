/**
 * Dates in KMS events. `eventTime` is ISO 8601, but the dates KMS puts in
 * `responseElements` are not: ScheduleKeyDeletion logs `deletionDate` as
 * "Apr 12, 2021 18:58:30 PM" (a 24-hour time followed by PM) or as
 * "Nov 2, 2021, 11:25:25 PM" (a 12-hour time), and CreateKey's `creationDate`
 * has the same forms. They are UTC: the AWS guide's example schedules a
 * deletion at 2021-03-23T18:58:30Z with a 20-day window, and logs
 * "Apr 12, 2021 18:58:30 PM", exactly 20 days later.
 */
import { timeMillis } from '../text/cloudTrailTime';

export const DAY_MS = 24 * 60 * 60 * 1000;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `Mon D, YYYY[,] H:MM[:SS] [AM|PM] [UTC]`, month names in English, any case. */
const LOGGED = /^([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?[Mm]\.?)?\s*(?:UTC|GMT|Z)?$/;

/**
 * Milliseconds since the epoch of a date as KMS logs it (ISO 8601, the
 * "Apr 12, 2021 18:58:30 PM" forms, or epoch seconds), NaN if it is none.
 * An hour above 12 is a 24-hour time whatever AM/PM follows it.
 */
export function parseLoggedDate(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v * 1000 : Number.NaN;
  if (typeof v !== 'string') return Number.NaN;
  const s = v.trim();
  const m = LOGGED.exec(s);
  if (!m) return /^\d{4}-\d{2}-\d{2}T/.test(s) ? timeMillis(s) : Number.NaN;
  const month = MONTHS.indexOf(m[1].toLowerCase());
  const day = Number(m[2]);
  const year = Number(m[3]);
  let hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const half = m[7]?.toLowerCase();
  if (month < 0 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  if (half !== undefined && hour >= 1 && hour <= 12) {
    if (half === 'p' && hour < 12) hour += 12;
    else if (half === 'a' && hour === 12) hour = 0;
  }
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls Feb 30 over to March: refuse days the month does not have.
  return new Date(ms).getUTCDate() === day ? ms : Number.NaN;
}

/** `2021-04-12T18:58:30Z`, the form of `eventTime`. */
export function isoTime(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
}

/** Where dates are shown: in UTC, as CloudTrail logs them, or in the zone of the machine KMS Lens runs on. */
export type TimeZoneChoice = 'utc' | 'local';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `+2`, `-5`, `+5:30`: the offset from UTC of a local time (minutes as Date.getTimezoneOffset gives them, reversed). */
function offsetText(minutesEast: number): string {
  if (minutesEast === 0) return '';
  const sign = minutesEast > 0 ? '+' : '-';
  const abs = Math.abs(minutesEast);
  return `${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

/**
 * The one way KMS Lens writes a date and time, everywhere a person reads one:
 * `2021-04-12 18:58:30 UTC`, or in the local zone `2021-04-12 20:58:30 UTC+2`.
 * Seconds are kept (events seconds apart are told apart); the zone is always
 * said. A text that is no time is returned as it is.
 */
export function formatTime(iso: string | undefined, zone: TimeZoneChoice = 'utc'): string {
  if (iso === undefined) return '?';
  const ms = timeMillis(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms);
  if (zone === 'utc') {
    const s = d.toISOString();
    return `${s.slice(0, 10)} ${s.slice(11, 19)} UTC`;
  }
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} UTC${offsetText(-d.getTimezoneOffset())}`;
}

/** formatTime for one zone, as the outline and the descriptions take it. */
export function timeFormat(zone: TimeZoneChoice): (iso: string | undefined) => string {
  return zone === 'utc' ? formatTime : (iso) => formatTime(iso, 'local');
}

/** `2021-04-12`. */
export function formatDay(iso: string | undefined): string {
  if (iso === undefined) return '?';
  const ms = timeMillis(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 10);
}
