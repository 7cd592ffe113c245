import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import { DAY_MS, isoTime, parseLoggedDate } from '../../lifecycle/dates';
import type { EventRule } from '../../rules/rule';
import { timeMillis } from '../../text/cloudTrailTime';
import { isExampleEvent, isFailedCall, isKmsEvent, obj } from '../event';

/**
 * How far the logged date may be from eventTime + the window before it is a
 * contradiction: the AWS guide's own record has it to the second
 * (2021-03-23T18:58:30Z + 20 days = "Apr 12, 2021 18:58:30 PM"), but the
 * logged text names no time zone and KMS may round; two days cover both.
 */
const TOLERANCE_MS = 2 * DAY_MS;

function windowDays(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export const deletionDateMismatch: EventRule = {
  id: 'ct-deletion-date-mismatch',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'ScheduleKeyDeletion whose deletionDate contradicts its waiting period',
  category: 'record',
  fixable: [],
  docs: {
    description: 'ScheduleKeyDeletion starts the waiting period when it is called: the key is deleted `pendingWindowInDays` days later (7 to 30, 30 by default), and CloudTrail logs that date in `responseElements.deletionDate`. The AWS guide\'s record shows the relation to the second (called 2021-03-23T18:58:30Z with 20 days, deletionDate "Apr 12, 2021 18:58:30 PM"). A logged date more than two days away from `eventTime` + the window (the logged text names no time zone) cannot come from that call: the record was edited or pieced together, and which date is right is unknown. Only successful calls that state the window (in the request or the response) are checked. In an event whose account is a documentation placeholder (`111122223333`, `123456789012`: an example, or a detection rule\'s test data), a deletionDate that merely repeats eventTime (a filler) is said as information.',
    example: '"eventTime": "2021-10-26T23:25:25Z", "requestParameters": { "pendingWindowInDays": 30 }, "responseElements": { "deletionDate": "Nov 2, 2021, 11:25:25 PM" }',
    remedy: 'In a real log, treat the record as altered and get the key\'s real deletion date (`aws kms describe-key`: DeletionDate). In an example, make the date and the window agree.',
    sources: [SOURCES.scheduleKeyDeletion, SOURCES.kmsDeletingKeys],
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event) || event.eventName !== 'ScheduleKeyDeletion' || isFailedCall(event)) return;
    const rp = obj(event.requestParameters);
    const re = obj(event.responseElements);
    if (!re || re.keyState === 'PendingReplicaDeletion') return;
    const days = windowDays(rp?.pendingWindowInDays) ?? windowDays(re.pendingWindowInDays);
    const called = typeof event.eventTime === 'string' ? timeMillis(event.eventTime) : Number.NaN;
    const logged = parseLoggedDate(re.deletionDate);
    if (days === undefined || Number.isNaN(called) || Number.isNaN(logged)) return;
    const expected = called + days * DAY_MS;
    if (Math.abs(logged - expected) <= TOLERANCE_MS) return;
    const after = Math.round((logged - called) / DAY_MS);
    report({
      ...range(['responseElements', 'deletionDate']),
      // A test event's filler date (its eventTime again); a date some days off stays a warning in an example too.
      atMostInformation: Math.abs(logged - called) <= TOLERANCE_MS && isExampleEvent(event),
      message: l10n.t('The waiting period is {0} days, so the key is deleted on {1} ({0} days after the call), but this record logs {2} ({3} days after): the record was edited or pieced together.', days, isoTime(expected) ?? '', String(re.deletionDate), after),
    });
  },
};
