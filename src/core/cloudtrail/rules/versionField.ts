import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { SOURCES } from '../../data/sources';
import { RECORD_FIELDS, formatVersion, parseEventVersion, versionAtLeast } from '../data/recordFields';
import { isInsightEvent, topLevelFields } from '../event';
import { display } from '../../text/display';

/** Required fields not covered by ct-missing-field: their absence is a trimmed example, not a mystery. */
const VERSIONED = RECORD_FIELDS.filter((f) => ['eventType', 'eventCategory', 'sourceIPAddress', 'requestParameters', 'responseElements'].includes(f.name));

/** What a network activity event (`AwsVpceEvent`) does not log: the AWS guides' and real records alike stop at the endpoint. */
const NOT_IN_NETWORK_ACTIVITY = new Set(['requestParameters', 'responseElements']);

export const versionField: EventRule = {
  id: 'ct-version-field',
  scope: 'event',
  defaultSeverity: 'information',
  title: 'Field does not match the eventVersion',
  category: 'record',
  fixable: [],
  docs: {
    description: 'The record\'s `eventVersion` promises fields it lacks (every 1.07 record has `eventCategory`, every 1.02 record `eventType`, every record `sourceIPAddress`, `requestParameters` and `responseElements`), or it has a field that was introduced in a later version. Real records match their version; examples trimmed by hand often do not. Network activity events (`"eventType": "AwsVpceEvent"`, a call through a VPC endpoint) have no `requestParameters` or `responseElements` by design.',
    example: '{ "eventVersion": "1.05", "eventCategory": "Management", ... }',
    remedy: 'Check that the record is complete and its eventVersion was not edited.',
    sources: [SOURCES.cloudTrailRecord, SOURCES.cloudTrailInsightRecord, SOURCES.cloudTrailNetworkActivity],
  },
  check({ event, record, range }, report) {
    const version = parseEventVersion(event.eventVersion);
    if (!version) return;
    // Insights events record unusual activity, not a call: they have none of a call's fields, by design.
    if (isInsightEvent(event)) return;
    // The common case, nothing missing, allocates nothing. (A record damaged by a JSON error may have them in the damage.)
    // Network activity events (a call through a VPC endpoint) carry no request parameters or response elements.
    const expected = event.eventType === 'AwsVpceEvent' ? VERSIONED.filter((f) => !NOT_IN_NETWORK_ACTIVITY.has(f.name)) : VERSIONED;
    if (!record.partial && expected.some((f) => !(f.name in event) && versionAtLeast(version, f.since))) {
      const missing = expected.filter((f) => versionAtLeast(version, f.since) && !(f.name in event)).map((f) => f.name);
      const at = range(['eventVersion']);
      report({ ...at, message: l10n.t('Records of eventVersion {0} always have {1}; this one does not (trimmed by hand?).', display(event.eventVersion), missing.map((m) => `"${m}"`).join(', ')) });
    }
    const { fields } = topLevelFields(event);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f && !versionAtLeast(version, f.since)) {
        report({ ...range([f.name], 'key'), message: l10n.t('"{0}" was introduced in eventVersion {1}, but this record says {2}.', f.name, formatVersion(f.since), display(event.eventVersion)) });
      }
    }
  },
};
