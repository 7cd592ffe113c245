/** Who made a call, read from an event's `userIdentity`, the same way for every view of a key. */
import * as l10n from '@vscode/l10n';
import { isObject } from '../classify';
import { nonEmptyString } from '../jsonValues';
import type { Actor } from './types';

/** Who made the call, for display and search. */
export function actorOf(userIdentity: unknown): Actor | undefined {
  if (!isObject(userIdentity)) return undefined;
  const u = userIdentity;
  const actor: Actor = { display: '' };
  const type = nonEmptyString(u.type);
  const arn = nonEmptyString(u.arn);
  const principalId = nonEmptyString(u.principalId);
  const accountId = nonEmptyString(u.accountId);
  const invokedBy = nonEmptyString(u.invokedBy);
  if (type) actor.type = type;
  if (arn) actor.arn = arn;
  if (principalId) actor.principalId = principalId;
  if (accountId) actor.accountId = accountId;
  if (invokedBy) actor.invokedBy = invokedBy;
  const who = arn ?? (type === 'AWSService' || !principalId ? undefined : principalId);
  actor.display = who ? (invokedBy ? `${who} via ${invokedBy}` : who) : (invokedBy ?? principalId ?? type ?? accountId ?? '');
  return actor.display === '' ? undefined : actor;
}

/** The caller in words, for trees, reports, hovers and messages. */
export function describeActor(actor: Actor | undefined): string {
  if (!actor) return l10n.t('unknown caller');
  // `display` is data (JSON reports and the search keep it the same in every language); its "via" is worded here.
  const via = actor.invokedBy ? ` via ${actor.invokedBy}` : '';
  if (via && actor.display.length > via.length && actor.display.endsWith(via)) return l10n.t('{0} via {1}', actor.display.slice(0, -via.length), actor.invokedBy as string);
  return actor.display;
}
