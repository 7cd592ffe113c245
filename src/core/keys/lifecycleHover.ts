/**
 * Hovers on the `eventName` of key lifecycle events (ScheduleKeyDeletion,
 * DisableKey, RotateKey, ...), of calls refused because of the key's state,
 * and of uses of a key the logs show stopped: what the event means for the
 * key and its data, in plain words and with dates. Other parts of an event
 * are left to the generic event hovers, which come after this provider.
 * It lives beside the keys model because it reads a key's life and its grants
 * together (a RevokeGrant of a grant that Fargate uses).
 */
import { isEventLike } from '../classify';
import { recordAt } from '../cloudtrail/event';
import { rangeInRecord, type DocumentModel, type JsonRecord } from '../document/model';
import { describeActor } from '../history/actors';
import { keyLabel } from '../history/keys';
import { isKeyUse } from '../history/operations';
import type { EventRef } from '../history/types';
import { timeMillis } from '../text/cloudTrailTime';
import type { HoverResult } from '../types';
import * as l10n from '@vscode/l10n';
import { formatTime } from '../lifecycle/dates';
import { describeCall, describeDeletionDate, describeEvidence, describeLifecycleEvent, describeService, stateName } from '../lifecycle/describe';
import { LIFECYCLE_EVENTS, STATE_ERRORS } from '../lifecycle/extract';
import { stateAt } from '../lifecycle/state';
import { STOPPED_STATES, type KeyLifecycle, type LifecycleEvent } from '../lifecycle/types';
import { documentKeys } from './document';
import type { KeyGrants } from './types';
import { usesOf } from './uses';

type Obj = Record<string, unknown>;

/** Inline code that cannot break out of its backticks. */
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

export function lifecycleHover(model: DocumentModel, offset: number): HoverResult | undefined {
  if (model.kind !== 'cloudTrail') return undefined;
  const record = recordAt(model, offset);
  if (!record || !isEventLike(record.value)) return undefined;
  const ev = record.value as Obj;
  const name = ev.eventName;
  if (ev.eventSource !== 'kms.amazonaws.com' || typeof name !== 'string') return undefined;
  const lifecycle = LIFECYCLE_EVENTS.has(name);
  const refused = !lifecycle && typeof ev.errorCode === 'string' && STATE_ERRORS.has(ev.errorCode);
  const use = isKeyUse(name);
  if (!lifecycle && !refused && !use && name !== 'RevokeGrant') return undefined;
  const range = rangeInRecord(model, record, ['eventName']);
  if (offset < range.start || offset > range.end) return undefined;
  const keys = documentKeys(model);
  let lines: string[] | undefined;
  if (lifecycle) lines = keys ? lifecycleLines(keys.keys, record) : undefined;
  else if (refused) lines = refusedLines(keys?.keys ?? [], record, ev);
  else if (use) lines = keys ? useLines(keys.keys, record) : undefined;
  else lines = keys ? revokeLines(keys.keys, record) : undefined;
  return lines && lines.length > 0 ? { markdown: lines.join('\n\n'), start: range.start, end: range.end } : undefined;
}

function heading(e: EventRef): string {
  return `**${e.eventName}** · ${formatTime(e.eventTime)} · ${describeActor(e.actor)}`;
}

/** The lifecycle events of this record, with their keys (ReplicateKey has two: the primary and the replica). */
function eventsOf(keys: readonly KeyGrants[], record: JsonRecord): Array<{ entry: KeyGrants; lc: KeyLifecycle; e: LifecycleEvent }> {
  const out: Array<{ entry: KeyGrants; lc: KeyLifecycle; e: LifecycleEvent }> = [];
  for (const entry of keys) {
    const lc = entry.lifecycle;
    if (!lc) continue;
    for (const e of lc.events) if (e.event.start === record.start) out.push({ entry, lc, e });
  }
  return out;
}

function lifecycleLines(keys: readonly KeyGrants[], record: JsonRecord): string[] | undefined {
  const found = eventsOf(keys, record);
  if (found.length === 0) return undefined;
  const lines = [heading(found[0].e.event)];
  for (const { entry, lc, e } of found) {
    const key = code(keyLabel(entry.key));
    if (e.failed) {
      lines.push(l10n.t('Failed ({0}): nothing changed for key {1}.', e.errorCode ?? '', key) + (e.errorMessage ? ` ${e.errorMessage}` : ''));
      continue;
    }
    lines.push(consequence(e, lc, key));
    const context = inThisFile(e, lc);
    if (context.length > 0) lines.push(`${l10n.t('In this file:')}\n\n${context.map((c) => `- ${c}`).join('\n')}`);
  }
  return lines;
}

/** What the event means for the key and its data. */
function consequence(e: LifecycleEvent, lc: KeyLifecycle, key: string): string {
  const when = formatTime(e.event.eventTime);
  switch (e.kind) {
    case 'scheduleDeletion': {
      const d = e.deletion;
      if (!d) return l10n.t('Schedules the deletion of key {0}.', key);
      const window = d.defaultWindow ? l10n.t('{0} days (the default)', d.pendingWindowInDays) : l10n.t('{0} days', d.pendingWindowInDays);
      if (d.keyState === 'PendingReplicaDeletion') {
        return l10n.t('Schedules the deletion of key {0}, a multi-Region primary key with replicas: it stays Pending replica deletion until its replica keys are deleted, then waits {1} more before KMS deletes it. It cannot be used meanwhile, and every attempt is refused and logged. After the deletion, whatever was encrypted under it cannot be decrypted.', key, window);
      }
      const date = d.deletionDate
        ? l10n.t('It will be deleted on **{0}** at the earliest, and up to 24 hours later (by {1}).', formatTime(d.deletionDate), formatTime(d.latestDeletion))
        : l10n.t('It will be deleted {0} days after this call, and up to 24 hours later.', d.pendingWindowInDays);
      const logged = d.deletionDateLogged && !d.computed ? ` ${l10n.t('KMS logged the date as {0}, in UTC.', code(d.deletionDateLogged))}` : '';
      return `${l10n.t('Schedules the deletion of key {0} after a waiting period of {1}.', key, window)} ${date}${logged} ${l10n.t('Until then the key is Pending deletion: every cryptographic operation with it is refused (KMSInvalidStateException) and logged, the sign that something still needs it. CancelKeyDeletion before that date keeps the key (it comes back Disabled). After the deletion, whatever was encrypted under the key cannot be decrypted, ever.')}`;
    }
    case 'cancelDeletion':
      return l10n.t('Cancels the deletion of key {0} on {1}. The key is now Disabled, not Enabled: enable it (EnableKey) before anything can use it again.', key, when);
    case 'disable': {
      const fargate = lc.services.fargate;
      const extra = fargate ? ` ${l10n.t('This key is used by {0}: tasks already running go on, new tasks that need the key fail.', describeService('fargate', fargate))}` : '';
      return l10n.t('Disables key {0} on {1}: from then on every cryptographic operation with it is refused (DisabledException) until EnableKey. Nothing is deleted, and one call undoes it. Each refused call is logged: watch for them before you schedule the deletion.', key, when) + extra;
    }
    case 'enable':
      return l10n.t('Enables key {0} on {1}: it can be used again.', key, when);
    case 'delete':
      return l10n.t('KMS deleted key {0} on {1}, at the end of its waiting period. The key material is gone: data encrypted under this key can no longer be decrypted, and the key cannot be restored.', key, when);
    case 'rotate':
      return l10n.t('KMS rotated the key material of key {0} on {1} ({2}). The key id and ARN stay the same, and the older key material is kept, so data encrypted before still decrypts.', key, when,
        e.rotationType === 'ON_DEMAND' ? l10n.t('on demand') : e.rotationType === 'AUTOMATIC' ? l10n.t('automatic rotation') : l10n.t('type not logged'));
    case 'rotateOnDemand': {
      const deadline = lc.services.deadline;
      const extra = deadline ? ` ${l10n.t('This key serves {0} ({1}): Deadline Cloud supports automatic rotation of a farm\'s key, not manual rotation.', describeService('deadline', deadline), describeEvidence(deadline))}` : '';
      return l10n.t('Rotates key {0} at once, on {1}. The automatic rotation schedule does not change; AWS allows 25 on-demand rotations per key (this file shows {2}). Older key material is kept, so existing data still decrypts.', key, when, lc.rotation.onDemand) + extra;
    }
    case 'enableRotation':
      return l10n.t('Turns on automatic rotation of key {0} on {1}: KMS rotates its key material every {2} days. Older key material is kept, so existing data still decrypts.', key, when, e.rotationPeriodInDays ?? 365);
    case 'disableRotation':
      return l10n.t('Turns off automatic rotation of key {0} on {1}. The key material stays as it is.', key, when);
    case 'importMaterial':
      return l10n.t('Imports key material into key {0} on {1}. If that material expires or is deleted, the key cannot be used (Pending import) until the same material is imported again.', key, when);
    case 'deleteMaterial':
    case 'expireMaterial':
      return l10n.t('The imported key material of key {0} was deleted on {1}: the key is Pending import and cannot be used until the same key material is imported again. Data encrypted under it is lost if that material is lost.', key, when);
    case 'create':
      return l10n.t('Creates key {0} on {1}; its state is {2}.', key, when, stateName(e.stateAfter ?? 'Enabled'));
    case 'putPolicy':
      return l10n.t('Replaces the whole key policy of key {0} on {1} (not one statement: the policy in this event is all of it).', key, when);
    case 'replicate':
      return l10n.t('Creates a replica of key {0} in {1} on {2}.', key, e.region ?? '?', when);
    case 'replicaCreated':
      return l10n.t('Key {0} is created as a replica of the primary key in {1}; its state is {2}.', key, e.region ?? '?', stateName(e.stateAfter ?? 'Creating'));
    case 'snapshot':
      return describeLifecycleEvent(e);
    case 'updatePrimaryRegion':
      return l10n.t('Makes the replica in {0} the primary key of the multi-Region key {1}, on {2}.', e.region ?? '?', key, when);
    case 'synchronize':
      return l10n.t('KMS synchronised the shared properties of the multi-Region key {0} on {1}.', key, when);
  }
}

/** What else this file says about the key around this event. */
function inThisFile(e: LifecycleEvent, lc: KeyLifecycle): string[] {
  const out: string[] = [];
  const ms = timeMillis(e.event.eventTime);
  if (e.kind === 'scheduleDeletion' || e.kind === 'disable') {
    const before = stateAt(lc, ms);
    if (before) out.push(l10n.t('Before: {0} since {1} ({2})', stateName(before.state), formatTime(before.since), describeCall(before.event.event)));
  }
  const later = lc.events.filter((x) => !x.failed && x.stateAfter !== undefined && timeMillis(x.event.eventTime) > ms).slice(0, 3);
  for (const x of later) out.push(l10n.t('Then: {0}, {1}', describeLifecycleEvent(x), describeCall(x.event)));
  if (e.kind === 'scheduleDeletion' || e.kind === 'disable') {
    const after = lc.refused.filter((r) => timeMillis(r.eventTime) >= ms);
    if (after.length > 0) out.push(l10n.t('Calls refused after it: {0}, the last {1} ({2})', after.length, describeCall(after[after.length - 1]), after[after.length - 1].errorCode ?? ''));
  }
  return out;
}

function refusedLines(keys: readonly KeyGrants[], record: JsonRecord, ev: Obj): string[] {
  const matches = keys.filter((k) => k.lifecycle?.refused.some((r) => r.start === record.start));
  const first = matches[0]?.lifecycle?.refused.find((r) => r.start === record.start);
  const lines = [first ? heading(first) : `**${String(ev.eventName)}**`];
  lines.push(l10n.t('Refused ({0}) because of the key\'s state: KMS returns DisabledException for a disabled key and KMSInvalidStateException for a key pending deletion, pending import or otherwise unusable. Something still tries to use this key: this is the attempt AWS advises watching for (an alarm) before deleting a key.', String(ev.errorCode)));
  for (const entry of matches) {
    const lc = entry.lifecycle as KeyLifecycle;
    const st = stateAt(lc, timeMillis(first?.eventTime), true);
    if (st) lines.push(l10n.t('In this file, key {0} is {1} since {2} ({3}).', code(keyLabel(entry.key)), stateName(st.state), formatTime(st.since), describeCall(st.event.event)));
  }
  return lines;
}

function useLines(keys: readonly KeyGrants[], record: JsonRecord): string[] | undefined {
  const lines: string[] = [];
  for (const entry of keys) {
    const lc = entry.lifecycle;
    if (!lc || !lc.events.some((e) => e.stateAfter !== undefined && STOPPED_STATES.has(e.stateAfter))) continue;
    const use = usesOf(entry).find((u) => u.start === record.start);
    if (!use) continue;
    const st = stateAt(lc, timeMillis(use.eventTime));
    if (!st || !STOPPED_STATES.has(st.state)) continue;
    if (lines.length === 0) lines.push(heading(use));
    const deletion = st.event.deletion ? ` (${describeDeletionDate(st.event.deletion)})` : '';
    lines.push(l10n.t('This call succeeded, but this file shows key {0} {1} since {2}{3}, by {4}. A stopped key refuses every cryptographic operation, so the key was made usable again by calls that are not in this file. Something still uses this key.',
      code(keyLabel(entry.key)), stateName(st.state), formatTime(st.since), deletion, describeCall(st.event.event)));
  }
  return lines.length > 0 ? lines : undefined;
}

function revokeLines(keys: readonly KeyGrants[], record: JsonRecord): string[] | undefined {
  for (const entry of keys) {
    const fargate = entry.lifecycle?.services.fargate;
    const g = fargate && entry.grants.find((x) => x.revocation?.start === record.start);
    if (!fargate || !g?.revocation) continue;
    return [heading(g.revocation), l10n.t('Revokes grant {0} (grantee {1}) on key {2}, which is used by {3}. Fargate tasks already running go on; new tasks that need the key through this grant fail.',
      code(g.grantId), g.granteePrincipal ?? l10n.t('not in this file'), code(keyLabel(entry.key)), describeService('fargate', fargate))];
  }
  return undefined;
}
