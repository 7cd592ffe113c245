import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { SOURCES } from '../../data/sources';
import { RECORD_FIELDS, parseEventVersion, versionAtLeast } from '../data/recordFields';
import { isExampleEvent, isInsightEvent, isServiceEvent, obj } from '../event';

/** Fields without which nobody can tell who did what to which key, and when. */
const ESSENTIAL = RECORD_FIELDS.filter((f) => ['userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'eventID'].includes(f.name));

export const missingField: EventRule = {
  id: 'ct-missing-field',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Event lacks a field every CloudTrail record has',
  category: 'record',
  fixable: [],
  docs: {
    description: 'A CloudTrail record without `eventTime`, `eventSource`, `eventName`, `awsRegion`, `userIdentity` or (from eventVersion 1.01) `eventID`, or whose `userIdentity` has no `type`. CloudTrail always writes them, so the record was cut or edited, and it cannot say who did what, where and when. Service events (`AwsServiceEvent`) and AWS-internal calls (`invokedBy: "AWS Internal"`) legitimately have no `userIdentity.type`; CloudTrail Insights events (`AwsCloudTrailInsight`) have none of a call\'s fields by design and are not checked. An example trimmed to the fields it shows (its account, or the account of the key it names, a documentation placeholder such as `123456789012` or `account`) gets the finding as information.',
    example: '{ "eventVersion": "1.08", "eventSource": "kms.amazonaws.com", "eventName": "Decrypt", "awsRegion": "us-west-2" }',
    remedy: 'Copy the whole record from the log again; if it was trimmed on purpose, keep these fields.',
    sources: [SOURCES.cloudTrailRecord, SOURCES.cloudTrailInsightRecord],
  },
  check({ event, record, range }, report) {
    // A JSON error cost this record a member: what seems missing may be in the damaged text.
    if (record.partial) return;
    // Insights events record unusual activity, not a call: they have none of a call's fields, by design.
    if (isInsightEvent(event)) return;
    const version = parseEventVersion(event.eventVersion) ?? [1, 0];
    // The common case, nothing missing, allocates nothing.
    if (ESSENTIAL.some((f) => !(f.name in event) && versionAtLeast(version, f.since))) {
      const missing = ESSENTIAL.filter((f) => versionAtLeast(version, f.since) && !(f.name in event)).map((f) => f.name);
      const at = range([]);
      report({ start: at.start, end: at.start + 1, atMostInformation: isExampleEvent(event), message: l10n.t('This CloudTrail record has no {0}: CloudTrail writes it in every record, so this one was cut or edited.', missing.map((m) => `"${m}"`).join(', ')) });
    }
    const identity = obj(event.userIdentity);
    if (identity && !('type' in identity) && !isServiceEvent(event) && identity.invokedBy !== 'AWS Internal') {
      const at = range(['userIdentity'], 'key');
      report({ ...at, atMostInformation: isExampleEvent(event), message: l10n.t('userIdentity has no "type": only service events and AWS-internal calls lack it, so who made this call cannot be told.') });
    }
  },
};
