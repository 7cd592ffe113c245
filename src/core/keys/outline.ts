/**
 * The outline of a keys model: what the grants view and the text report of
 * `kms-lens grants` show, in which order and in which words. Keys come
 * first, each with its own life, then its grants, attempts, uses through no
 * grant and retirements naming no grant; attempts that name no key come
 * last. The tree renders each item as a tree item, the text report as an
 * indented line; neither decides what is there.
 *
 * Labels, descriptions and tooltips are the tree's words; `line` is the
 * text report's. Both are written here, side by side, so that they say the
 * same thing. Rows are short enough to read beside the default sidebar
 * (a key by its alias or its shortened id, a principal by its name); the
 * tooltip and the text report say everything in full. Every date reads
 * `2024-06-01 09:00:00 UTC`, or in the local zone when
 * `OutlineOptions.timeZone` says so, in rows, tooltips and the text report.
 */
import * as l10n from '@vscode/l10n';
import { keyLabel } from '../history/keys';
import { timeFormat } from '../lifecycle/dates';
import { describeState } from '../lifecycle/describe';
import { hasLife } from '../lifecycle/state';
import { shortGrantId } from '../grants/describe';
import type { KmsKey } from '../history/types';
import { grantItems, grantsDescription, noKeyAttemptsGroup } from './outlineGrants';
import { ALL_STATUSES, code, lazy, type OutlineContext, type OutlineItem, type OutlineOptions } from './outlineItems';
import { lifecycleDescription, lifecycleItems, lifecycleTooltip } from './outlineLifecycle';
import type { GrantsModel, KeyGrants } from './types';

export interface KeyItem extends OutlineItem {
  kind: 'key';
  entry: KeyGrants;
  /** The key's last known state in words, when the logs show one. */
  state?: string;
}

export interface KeysOutline {
  /** Every key with something to show (under the filter, if any), in the model's order. */
  keys: KeyItem[];
  /** The keys, then a group of the attempts that name no key (when there are any). */
  roots: OutlineItem[];
  /** What the keys hold (without filter: what a text report sums up). */
  totals: { grants: number; active: number; keysWithGrants: number; keysWithLife: number; attempts: number; sources: number };
}

/**
 * What a key is called in a row: the alias the logs show pointing at it
 * (CreateAlias, UpdateAlias, or an event naming both; the key history keeps
 * them), else its id shortened as grant ids are (`1234abcd…90ab`).
 */
export function keyRowLabel(key: KmsKey): string {
  if (key.aliases.length > 0 || !key.keyId) return keyLabel(key);
  const mrk = /^mrk-/.test(key.keyId) ? 'mrk-' : '';
  return mrk + shortGrantId(key.keyId.slice(mrk.length));
}

/**
 * Row labels that tell keys apart: keys whose labels are the same (one key id,
 * or one alias, in two accounts or two Regions, as in a prod and a staging
 * account built from one template) get what differs after it:
 * `1234abcd…90ab (111122223333)`, `alias/app (us-east-1)`,
 * `1234abcd…90ab (111122223333, eu-west-1)`.
 */
export function keyRowLabels(keys: readonly KmsKey[]): Map<KmsKey, string> {
  const byLabel = new Map<string, KmsKey[]>();
  for (const k of keys) {
    const label = keyRowLabel(k);
    const same = byLabel.get(label);
    if (same) same.push(k);
    else byLabel.set(label, [k]);
  }
  const out = new Map<KmsKey, string>();
  for (const [label, same] of byLabel) {
    const accounts = new Set(same.map((k) => k.account)).size > 1;
    const regions = new Set(same.map((k) => k.region)).size > 1;
    for (const k of same) {
      const parts = same.length > 1 ? [accounts ? k.account : undefined, regions ? k.region : undefined].filter((p): p is string => !!p) : [];
      out.set(k, parts.length > 0 ? `${label} (${parts.join(', ')})` : label);
    }
  }
  return out;
}

function keyTooltip(entry: KeyGrants, ctx: OutlineContext): string[] {
  const { key } = entry;
  const lines = [`**${l10n.t('KMS key')}** ${code(keyLabel(key))}`];
  if (key.arn) lines.push(`${l10n.t('ARN')}: ${code(key.arn)}`);
  else if (key.keyId) lines.push(`${l10n.t('Key id')}: ${code(key.keyId)}`);
  if (key.aliasArn) lines.push(`${l10n.t('Alias ARN')}: ${code(key.aliasArn)}`);
  lines.push(`${l10n.t('Region')}: ${key.region ?? l10n.t('unknown')}`);
  lines.push(`${l10n.t('Account')}: ${key.account ?? l10n.t('unknown')}`);
  if (key.aliases.length) lines.push(`${l10n.t('Aliases')}: ${key.aliases.map(code).join(', ')}`);
  lines.push(...lifecycleTooltip(entry.lifecycle, ctx));
  const grants = grantsDescription(entry);
  if (grants) lines.push(`${l10n.t('Grants')}: ${grants}`);
  return lines;
}

function keyItem(entry: KeyGrants, ctx: OutlineContext, label: string): KeyItem {
  const { key } = entry;
  const id = `key:${key.identity}`;
  const name = key.arn ?? key.keyId ?? key.aliasArn ?? keyLabel(key);
  const aliases = key.aliases.length ? ` (${key.aliases.join(', ')})` : '';
  return {
    id,
    kind: 'key',
    label,
    // Region, account and ARN are in the tooltip: the row keeps what tells keys apart at a glance.
    description: [lifecycleDescription(entry.lifecycle), grantsDescription(entry)].filter(Boolean).join(' · '),
    tooltip: keyTooltip(entry, ctx),
    // A heading, not the sentence fragment 'key {0}' ("la chiave ...") that summaries use.
    line: () => `${l10n.t('key')} ${name}${aliases}`,
    entry,
    state: entry.lifecycle && describeState(entry.lifecycle, ctx.time),
    // The key's own life first, then its grants.
    children: lazy(() => [...lifecycleItems(entry.lifecycle, id, ctx), ...grantItems(entry, id, ctx)]),
  };
}

export function buildOutline(model: GrantsModel, options: OutlineOptions = {}): KeysOutline {
  const filter = options.filter ?? { statuses: new Set(ALL_STATUSES), search: '' };
  const ctx: OutlineContext = { filter, time: options.time ?? timeFormat(options.timeZone ?? 'utc'), statusFiltered: ALL_STATUSES.some((s) => !filter.statuses.has(s)) };
  // A key shows when something under it passes the filter.
  // Labels are told apart among all the model's keys, so that a filter never changes a key's name.
  const labels = keyRowLabels(model.keys.map((k) => k.key));
  const keys = model.keys.map((k) => keyItem(k, ctx, labels.get(k.key) ?? keyRowLabel(k.key))).filter((k) => (k.children?.() ?? []).length > 0);
  const roots: OutlineItem[] = [...keys];
  const noKey = noKeyAttemptsGroup(model.attempts, ctx);
  if (noKey) roots.push(noKey);
  const shown = keys.map((k) => k.entry);
  return {
    keys,
    roots,
    totals: {
      grants: shown.reduce((n, k) => n + k.grants.length, 0),
      active: shown.reduce((n, k) => n + k.grants.filter((g) => g.status === 'active').length, 0),
      keysWithGrants: shown.filter((k) => k.grants.length > 0).length,
      keysWithLife: shown.filter((k) => hasLife(k.lifecycle)).length,
      attempts: model.attempts.length,
      sources: model.sources.length,
    },
  };
}
