import * as l10n from '@vscode/l10n';
import { suggestNames } from '../event';
import type { EventRule } from '../../rules/rule';
import { ALL_REGIONS } from '../../data/kmsFacts';

export const region: EventRule = {
  id: 'ct-region',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'awsRegion is not an AWS Region',
  category: 'record',
  fixable: ['review'],
  docs: {
    description: '`awsRegion` must be a Region code such as `us-west-2`, in any partition (`cn-north-1`, `us-gov-west-1`, ...). A name (`Oregon`), an Availability Zone (`us-west-2a`) or a typo cannot be where the request went. A Region-shaped code that KMS Lens does not know yet is left alone.',
    example: '"awsRegion": "us-west-2a"',
    remedy: 'Use the Region code (the quick fix offers the nearest).',
  },
  check({ event, range }, report) {
    const v = event.awsRegion;
    // A Region-shaped code that is not in our list may be a Region newer than the list: not flagged.
    if (typeof v !== 'string' || ALL_REGIONS.includes(v) || /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v)) return;
    const r = range(['awsRegion']);
    const near = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(v) && ALL_REGIONS.includes(v.slice(0, -1)) ? [v.slice(0, -1)] : suggestNames(v, ALL_REGIONS, 3);
    const hint = near.length > 0 ? l10n.t(' Did you mean {0}?', near.map((n) => `"${n}"`).join(', ')) : '';
    report({ ...r, message: l10n.t('"{0}" is not an AWS Region.', v) + hint, fixes: near.map((n) => ({ title: l10n.t('Change to "{0}"', n), edits: [{ ...r, newText: JSON.stringify(n) }], safety: 'review' })) });
  },
};
