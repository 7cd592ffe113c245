import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { LATEST_EVENT_VERSION, formatVersion, parseEventVersion, versionAtLeast } from '../data/recordFields';
import { display } from '../../text/display';

export const eventVersion: EventRule = {
  id: 'ct-event-version',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Unknown eventVersion',
  category: 'record',
  fixable: ['neutral'],
  docs: {
    description: '`eventVersion` is a string `"1.NN"`, from 1.0 to the current 1.11. A number (`1.08` without quotes), another major version, or a minor version newer than any CloudTrail has written means the record was edited or is not a CloudTrail record.',
    example: '"eventVersion": 1.08',
    remedy: 'Write the version as CloudTrail does, e.g. `"eventVersion": "1.08"`.',
  },
  check({ event, range }, report) {
    const v = event.eventVersion;
    if (v === undefined) return;
    if (typeof v === 'number') {
      const at = range(['eventVersion']);
      const fixed = `"${v.toFixed(2)}"`;
      report({ ...at, message: l10n.t('eventVersion is a string in CloudTrail records ("1.08"), not a number.'), fixes: [{ title: l10n.t('Write it as {0}', fixed), edits: [{ ...at, newText: fixed }], safety: 'neutral' }] });
      return;
    }
    const parsed = parseEventVersion(v);
    if (!parsed || parsed[0] !== 1) {
      report({ ...range(['eventVersion']), message: l10n.t('"{0}" is not a CloudTrail eventVersion (1.0 to {1}).', display(v), formatVersion(LATEST_EVENT_VERSION)) });
    } else if (!versionAtLeast(LATEST_EVENT_VERSION, parsed)) {
      report({ ...range(['eventVersion']), message: l10n.t('eventVersion {0} is newer than any CloudTrail has written (the latest is {1}).', display(v), formatVersion(LATEST_EVENT_VERSION)) });
    }
  },
};
