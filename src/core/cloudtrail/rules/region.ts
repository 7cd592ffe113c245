import * as l10n from '@vscode/l10n';
import { isExampleEvent, isPlaceholder, suggestNames } from '../event';
import type { EventContext, LogRule } from '../../rules/rule';
import { ALL_REGIONS } from '../../data/kmsFacts';

/** Whether an awsRegion value is a Region, or shaped like one that KMS Lens does not know yet (newer than its list). */
export function regionLike(v: string): boolean {
  return ALL_REGIONS.includes(v) || /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v);
}

export const region: LogRule = {
  id: 'ct-region',
  // Per log, so that a value repeated on every record (an anonymised log) is said once, not once per record.
  scope: 'log',
  defaultSeverity: 'warning',
  title: 'awsRegion is not an AWS Region',
  category: 'record',
  fixable: ['review'],
  docs: {
    description: '`awsRegion` must be a Region code such as `us-west-2`, in any partition (`cn-north-1`, `us-gov-west-1`, ...). A name (`Oregon`), an Availability Zone (`us-west-2a`) or a typo cannot be where the request went. A Region-shaped code that KMS Lens does not know yet is left alone, and so is a placeholder or a masked value (`<region>`, `REDACTED`, `xx-xxxx-x`). Each value is reported once per document, on its first record, with the number of records that carry it (an anonymised log often puts the same value on every record); the quick fix changes it on all of them. In an example (a record whose account is a documentation placeholder, such as `111122223333`, where the guides write `region`) a word in place of the Region is said as information.',
    example: '"awsRegion": "us-west-2a"',
    remedy: 'Use the Region code (the quick fix offers the nearest).',
  },
  check(events: EventContext[], report) {
    const byValue = new Map<string, EventContext[]>();
    for (const e of events) {
      const v = e.event.awsRegion;
      // A placeholder or a masked value (`<region>`, `REDACTED`, `xx-xxxx-x`) stands for a Region the reader cannot see.
      if (typeof v !== 'string' || regionLike(v) || isPlaceholder(v)) continue;
      const list = byValue.get(v);
      if (list) list.push(e);
      else byValue.set(v, [e]);
    }
    for (const [v, list] of byValue) {
      const ranges = list.map((e) => e.range(['awsRegion']));
      const near = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(v) && ALL_REGIONS.includes(v.slice(0, -1)) ? [v.slice(0, -1)] : suggestNames(v, ALL_REGIONS, 3);
      const hint = near.length > 0 ? l10n.t(' Did you mean {0}?', near.map((n) => `"${n}"`).join(', ')) : '';
      const count = list.length > 1 ? l10n.t(' ({0} records carry it.)', list.length) : '';
      report({
        ...ranges[0],
        // The guides' word (`region`, `REGION`) in an example; a misspelt or zoned Region stays a warning there too.
        atMostInformation: /^[A-Za-z_]+$/.test(v) && list.every((e) => isExampleEvent(e.event)),
        message: l10n.t('"{0}" is not an AWS Region.', v) + hint + count,
        fixes: near.map((n) => ({
          title: list.length > 1 ? l10n.t('Change to "{0}" in {1} records', n, list.length) : l10n.t('Change to "{0}"', n),
          edits: ranges.map((r) => ({ ...r, newText: JSON.stringify(n) })),
          safety: 'review' as const,
        })),
      });
    }
  },
};
