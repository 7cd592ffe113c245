import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { GUID, isExampleEvent, isFillerId, isPlaceholder } from '../event';

/** Ids CloudTrail itself generates, always GUIDs. requestID is left alone: services form their own (EBS wrote `create-<account>-...` for the KMS calls it made). */
const GUID_FIELDS = ['eventID', 'sharedEventID'] as const;

export const idFormat: EventRule = {
  id: 'ct-id-format',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'eventID or sharedEventID is not a GUID',
  category: 'record',
  fixable: [],
  docs: {
    description: 'CloudTrail gives every event a GUID `eventID` (and cross-account copies a shared GUID `sharedEventID`). Anything else was typed by hand, and tools that deduplicate events by eventID may merge or drop it. `requestID` is not checked: each service forms its own. Documentation placeholders such as `a1b2c3d4-5678-90ab-cdef-EXAMPLE11111` are reported by `ct-placeholder` instead. In an event whose account is a documentation placeholder (`111122223333`, `123456789012`: an example, or a detection rule\'s test data), an id that does not try the GUID form (`"eventID": "1"`) is said as information; one that tries it and misses stays a warning.',
    example: '"eventID": "abcda5f-396d-494c-9380-0c47860df5f1"',
    remedy: 'Use the id exactly as CloudTrail wrote it.',
  },
  check({ event, range }, report) {
    for (const f of GUID_FIELDS) {
      const v = event[f];
      if (typeof v !== 'string' || GUID.test(v) || isPlaceholder(v)) continue;
      report({ ...range([f]), atMostInformation: isFillerId(v) && isExampleEvent(event), message: l10n.t('{0} "{1}" is not a GUID (8-4-4-4-12 hexadecimal digits), as CloudTrail writes it.', f, v) });
    }
  },
};
