/**
 * Hover on a key policy's `"Statement"` key: the access summary (summary.ts),
 * who can do what with the key under which conditions, by principal.
 */
import * as l10n from '@vscode/l10n';
import type { DocumentModel } from '../document/model';
import { MARKDOWN } from '../policy/describe';
import { policiesOf } from '../policy/locate';
import { isPolicyDocument, type HoverResult } from '../types';
import { accessSummary, describeAccessLine } from './summary';
import { capitalized } from '../text/capitalized';

export function accessSummaryHover(model: DocumentModel, offset: number): HoverResult | undefined {
  // Key policies on their own and in templates (a log's PutKeyPolicy events are for the event hovers).
  if (!isPolicyDocument(model.kind) && model.kind !== 'cloudFormation') return undefined;
  for (const policy of policiesOf(model)) {
    if (policy.kind !== 'keyPolicy' || policy.fragment) continue;
    const key = policy.byName.get('Statement')?.key;
    if (!key) continue;
    const start = policy.toDocument(key.offset);
    const end = policy.toDocument(key.offset + key.length);
    if (offset < start || offset > end) continue;
    const summary = accessSummary(policy, MARKDOWN);
    const lines = [`**${l10n.t('Who can use this key')}**`, ''];
    for (const e of summary.entries) {
      lines.push(`- ${capitalized(e.who)}:`);
      for (const l of e.lines) lines.push(`  - ${describeAccessLine(l, MARKDOWN)}`);
    }
    if (summary.entries.length === 0) lines.push(l10n.t('The policy names no principal that KMS Lens can read: no one gets access from it.'));
    lines.push('');
    if (summary.unread > 0) lines.push(summary.unread === 1 ? l10n.t('1 statement has no valid Effect, Action, Resource or Principal and is left out.') : l10n.t('{0} statements have no valid Effect, Action, Resource or Principal and are left out.', summary.unread), '');
    if (summary.entries.some((e) => e.lines.some((l) => l.effect === 'Deny'))) lines.push(l10n.t('A denial overrides any permission, from this policy, IAM policies or grants.'), '');
    lines.push(l10n.t('Grants on the key can add access that the policy does not show.'));
    return { markdown: lines.join('\n'), start, end };
  }
  return undefined;
}
