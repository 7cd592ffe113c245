/**
 * The alarm AWS asks for before deleting a key, done by reading the logs: any
 * use or attempted use of a key after it was disabled or scheduled for
 * deletion. A refused call (DisabledException, KMSInvalidStateException) is an
 * attempt; a call that succeeded although the logs say the key was stopped
 * means it was enabled again by a call these logs do not hold.
 */
import type { EventRef } from '../../history/types';
import { usesOf } from '../../keys/uses';
import { timeMillis } from '../../text/cloudTrailTime';
import * as l10n from '@vscode/l10n';
import type { LogRule } from '../../rules/rule';
import { formatTime } from '../dates';
import { describeCall, describeDeletionDate } from '../describe';
import { stateAt, type StateAt } from '../state';
import { STOPPED_STATES, type KeyLifecycle } from '../types';
import { statedKeyState } from '../extract';
import { forEachKey, nameRange } from './support';
import { SOURCES } from '../../data/sources';

function stateClause(st: StateAt, lc: KeyLifecycle): string {
  const since = formatTime(st.since);
  const by = describeCall(st.event.event);
  switch (st.state) {
    case 'PendingDeletion':
    case 'PendingReplicaDeletion': {
      const d = st.event.deletion ?? lc.deletion;
      return d ? l10n.t('the key has been pending deletion since {0} ({1}) and will be {2}', since, by, describeDeletionDate(d)) : l10n.t('the key has been pending deletion since {0} ({1})', since, by);
    }
    case 'Deleted': return l10n.t('the key was deleted on {0}', since);
    default: return l10n.t('the key has been disabled since {0} ({1})', since, by);
  }
}

function message(e: EventRef, refused: boolean, st: StateAt, lc: KeyLifecycle): string {
  const call = describeCall(e);
  const clause = stateClause(st, lc);
  if (refused) {
    const next = st.state === 'Deleted'
      ? l10n.t('What was encrypted under it can no longer be decrypted.')
      : st.state === 'Disabled'
        ? l10n.t('Something still needs this key: find out what before you schedule its deletion.')
        : l10n.t('Something still needs this key: cancel the deletion (CancelKeyDeletion) until you know what, or the data it encrypted will be lost.');
    return l10n.t('{0} was refused ({1}): {2}. {3}', call, e.errorCode ?? '', clause, next);
  }
  switch (st.state) {
    case 'Deleted':
      return l10n.t('{0} succeeded although {1}: the logs contradict each other; check the eventTime and the key of both events.', call, clause);
    case 'Disabled':
      return l10n.t('{0} succeeded although {1}: the key was enabled again by an EnableKey that is not in these logs. Something still uses this key.', call, clause);
    default: {
      // Past the latest moment of the deletion (the date + 24 h) the key is gone unless a cancel these logs lack came first.
      const d = st.event.deletion;
      const useMs = timeMillis(e.eventTime);
      if (d?.deletionDate && d.latestDeletion && useMs > timeMillis(d.latestDeletion)) {
        return l10n.t('{0} succeeded, but the key was scheduled for deletion on {1} ({2}) with deletion date {3}, and no CancelKeyDeletion in these logs came before that date: a deleted key cannot be used. Unless a CancelKeyDeletion that these logs do not hold came before {3}, the records are of different keys or were edited.',
          call, formatTime(st.since), describeCall(st.event.event), formatTime(d.deletionDate));
      }
      return l10n.t('{0} succeeded although {1}: the deletion was cancelled and the key enabled again by calls that are not in these logs. Something still uses this key.', call, clause);
    }
  }
}

/**
 * Reads of a key's metadata that KMS refuses while the key is pending deletion
 * (GetKeyRotationStatus): scanners such as AWS Config and Security Hub make
 * them for every key, so a refused one does not show that something needs the key.
 */
const METADATA_READS: ReadonlySet<string> = new Set(['GetKeyRotationStatus', 'ListKeyRotations', 'DescribeKey', 'GetKeyPolicy', 'ListKeyPolicies', 'ListResourceTags', 'ListGrants', 'ListAliases']);

/** The message names this key, or no key at all ("<key ARN> is disabled."). */
function namesKey(message: unknown, keyId: string | undefined): boolean {
  const named = typeof message === 'string' ? /:key\/([A-Za-z0-9-]+)/.exec(message)?.[1] : undefined;
  return named === undefined || keyId === undefined || named === keyId;
}

/** A refusal whose message says the key is stopped, when these logs hold no call that stopped it. */
function statedMessage(e: EventRef, state: 'PendingDeletion' | 'Disabled'): string {
  const call = describeCall(e);
  return state === 'Disabled'
    ? l10n.t('{0} was refused ({1}): KMS says the key is disabled (the DisableKey is not in these logs). Something still needs this key: find out what before you schedule its deletion.', call, e.errorCode ?? '')
    : l10n.t('{0} was refused ({1}): KMS says the key is pending deletion (the ScheduleKeyDeletion is not in these logs). Something still needs this key: cancel the deletion (CancelKeyDeletion) until you know what, or the data it encrypted will be lost.', call, e.errorCode ?? '');
}

export const lifecycleUseAfterDisable: LogRule = {
  id: 'lifecycle-use-after-disable',
  scope: 'log',
  defaultSeverity: 'warning',
  title: 'Key used or tried after it was disabled or scheduled for deletion',
  category: 'activity',
  fixable: [],
  docs: {
    description: 'A cryptographic operation on a key, or any call refused because of the key\'s state (`DisabledException`, `KMSInvalidStateException`), after the logs show the key disabled, pending deletion or deleted. This is the alarm AWS asks you to set before deleting a key: such an attempt means something still needs the key. A call that *succeeded* while the logs say the key was stopped means the key was enabled again by a call these logs do not hold. A call refused with a message in which KMS says the key *is disabled* or *is pending deletion* is reported even when the call that stopped the key is not in the logs. A refused read of the key\'s metadata (`GetKeyRotationStatus`, `ListResourceTags`, ...), which scanners such as AWS Config and Security Hub make for every key, is not reported. A call that succeeded after the deletion date of a ScheduleKeyDeletion in the log (and its 24 hours of leeway), with no CancelKeyDeletion before that date, is on a key that no longer exists unless a cancel outside the log came first: the message gives both dates, because more often the log mixes records of different keys or was edited. Diagnostics look at one file at a time; the KMS Grants view combines every open file.',
    example: '{"eventName": "DisableKey", "eventTime": "2024-05-01T09:00:00Z", ...}\n{"eventName": "Decrypt", "eventTime": "2024-05-02T10:00:00Z", "errorCode": "DisabledException", ...}',
    remedy: 'Find the caller (the finding names it) and what it decrypts. Keep the key (cancel a scheduled deletion, re-enable it if needed) until that data is re-encrypted under another key.',
    sources: [SOURCES.kmsKeyState, SOURCES.kmsDeletingKeys],
  },
  check(events, report) {
    forEachKey(events, ({ entry, lc, at }) => {
      if (!lc.events.some((e) => !e.failed && e.stateAfter !== undefined && STOPPED_STATES.has(e.stateAfter))) {
        // No call that stopped the key is in these logs: a refusal still says so when KMS names the state in its message.
        for (const r of lc.refused) {
          const ctx = at(r);
          const state = ctx && statedKeyState(ctx.event.errorMessage);
          if (!ctx || !state || METADATA_READS.has(r.eventName)) continue;
          // A ReEncrypt is an attempt on both its keys: the message names the one whose state refused it.
          if (namesKey(ctx.event.errorMessage, entry.key.keyId)) report({ ...nameRange(ctx), message: statedMessage(r, state) });
        }
        return;
      }
      const tried: Array<[EventRef, boolean]> = [...usesOf(entry).map((u): [EventRef, boolean] => [u, false]), ...lc.refused.filter((r) => !METADATA_READS.has(r.eventName)).map((r): [EventRef, boolean] => [r, true])];
      for (const [e, refused] of tried) {
        // A refusal in the same second as the DisableKey came after it; a success in that second may have come before.
        const st = stateAt(lc, timeMillis(e.eventTime), refused);
        if (!st || !STOPPED_STATES.has(st.state)) continue;
        const ctx = at(e);
        if (!ctx) continue;
        report({ ...nameRange(ctx), message: message(e, refused, st, lc) });
      }
    });
  },
};
