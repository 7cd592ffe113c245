import * as l10n from '@vscode/l10n';
import { suggestNames, topLevelFields } from '../event';
import type { EventRule } from '../../rules/rule';
import { RECORD_FIELDS } from '../data/recordFields';

const NAMES = RECORD_FIELDS.map((f) => f.name);

export const unknownField: EventRule = {
  id: 'ct-unknown-field',
  scope: 'event',
  defaultSeverity: 'hint',
  title: 'Unknown top-level field in an event',
  category: 'record',
  fixable: ['review'],
  docs: {
    description: 'A top-level field that no CloudTrail record has, usually a misspelt one (`eventname`, `requestParameter`). Tools that read the field by its real name will not find it.',
    example: '"eventname": "Decrypt"',
    remedy: 'Rename it to the field CloudTrail uses (the quick fix offers the nearest).',
  },
  check({ event, range }, report) {
    const { names, fields } = topLevelFields(event);
    // Copied: reporting computes ranges, and the shared arrays are only valid for this event.
    const unknown = names.filter((_, i) => !fields[i]);
    for (const key of unknown) {
      const near = suggestNames(key, NAMES, 2).filter((n) => !(n in event));
      const r = range([key], 'key');
      const hint = near.length > 0 ? l10n.t(' Did you mean "{0}"?', near[0]) : '';
      report({
        ...r,
        message: l10n.t('"{0}" is not a field of CloudTrail records.', key) + hint,
        fixes: near.map((n) => ({ title: l10n.t('Rename to "{0}"', n), edits: [{ ...r, newText: JSON.stringify(n) }], safety: 'review' })),
      });
    }
  },
};
