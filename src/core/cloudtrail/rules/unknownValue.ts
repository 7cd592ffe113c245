import * as l10n from '@vscode/l10n';
import { suggestNames } from '../event';
import type { EventRule, EventContext, Report } from '../../rules/rule';
import type { Fix } from '../../types';
import { ADDENDUM_REASONS, EVENT_CATEGORIES, EVENT_TYPES } from '../data/recordFields';
import { IDENTITY_TYPE_NAMES } from '../data/userIdentity';

const CHECKS: ReadonlyArray<{ path: string[]; values: readonly string[] }> = [
  { path: ['eventType'], values: EVENT_TYPES },
  { path: ['eventCategory'], values: EVENT_CATEGORIES },
  { path: ['userIdentity', 'type'], values: IDENTITY_TYPE_NAMES },
  { path: ['userIdentity', 'sessionContext', 'sessionIssuer', 'type'], values: ['Root', 'IAMUser', 'Role'] },
  { path: ['addendum', 'reason'], values: ADDENDUM_REASONS },
];

function at(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function checkOne(ctx: EventContext, path: string[], values: readonly string[], report: Report): void {
  const v = at(ctx.event, path);
  if (typeof v !== 'string' || values.includes(v)) return;
  const r = ctx.range(path);
  const near = suggestNames(v, values, 3);
  const fixes: Fix[] = near.map((n, i) => ({ title: l10n.t('Change to "{0}"', n), edits: [{ ...r, newText: JSON.stringify(n) }], safety: i === 0 && near.length === 1 && n.toLowerCase() === v.toLowerCase() ? 'neutral' : 'review' }));
  const hint = near.length > 0 ? l10n.t(' Did you mean {0}?', near.map((n) => `"${n}"`).join(', ')) : '';
  report({ ...r, message: l10n.t('"{0}" is not a {1} value CloudTrail writes ({2}).', v, path.join('.'), values.join(', ')) + hint, fixes });
}

export const unknownValue: EventRule = {
  id: 'ct-unknown-value',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Unknown eventType, eventCategory or identity type',
  category: 'record',
  fixable: ['neutral', 'review'],
  docs: {
    description: 'A value CloudTrail never writes in `eventType` (AwsApiCall, AwsServiceEvent, ...), `eventCategory` (Management, Data, NetworkActivity, Insight), `userIdentity.type` (Root, IAMUser, AssumedRole, AWSService, ...), the session issuer\'s `type` or `addendum.reason`. Queries that filter on these values miss the event.',
    example: '"eventType": "AwsApiCal"',
    remedy: 'Use one of the documented values (the quick fix offers the nearest).',
  },
  check(ctx, report) {
    for (const c of CHECKS) checkOne(ctx, c.path, c.values, report);
  },
};
