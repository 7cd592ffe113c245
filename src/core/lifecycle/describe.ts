/**
 * Words for a key's life, shared by the keys outline (the grants view and the
 * CLI's text report), the hovers and the rules. Functions that put a date in
 * a sentence take how a date reads (`time`), `2024-06-01 09:00 UTC` unless
 * told otherwise, so that one setting can change every date the view shows.
 */
import { describeActor } from '../history/actors';
import type { EventRef } from '../history/types';
import * as l10n from '@vscode/l10n';
import { formatTime } from './dates';
import type { DeletionSchedule, KeyLifecycle, KeyState, LifecycleEvent, RotationStatus, ServiceEvidence } from './types';

/** How a date reads in a sentence. */
export type TimeFormat = (iso: string | undefined) => string;

/** A state in words: `Enabled`, `Pending deletion`, ... */
export function stateName(state: KeyState): string {
  switch (state) {
    case 'Creating': return l10n.t('Creating');
    case 'Enabled': return l10n.t('Enabled');
    case 'Disabled': return l10n.t('Disabled');
    case 'PendingDeletion': return l10n.t('Pending deletion');
    case 'PendingImport': return l10n.t('Pending import');
    case 'PendingReplicaDeletion': return l10n.t('Pending replica deletion');
    case 'Unavailable': return l10n.t('Unavailable');
    case 'Updating': return l10n.t('Updating');
    case 'Deleted': return l10n.t('Deleted');
  }
}

/** When a scheduled deletion happens: `deleted on 2021-04-12 18:58 UTC at the earliest, up to 24 h later`. */
export function describeDeletionDate(d: DeletionSchedule, time: TimeFormat = formatTime): string {
  if (d.keyState === 'PendingReplicaDeletion') {
    return Number.isNaN(d.pendingWindowInDays) ? l10n.t('deleted once its replica keys are deleted, after a waiting period') : l10n.t('deleted once its replica keys are deleted, then after a {0}-day wait', d.pendingWindowInDays);
  }
  if (!d.deletionDate) return l10n.t('deleted {0} days after it was scheduled, up to 24 h later', d.pendingWindowInDays);
  return l10n.t('deleted on {0} at the earliest, up to 24 h later', time(d.deletionDate));
}

/**
 * The key's last known state for a tree or a report line: `Enabled`,
 * `Disabled since 2024-05-01 09:00 UTC`, `Pending deletion: deleted on ... at
 * the earliest, up to 24 h later`, `Deleted on ...`.
 */
export function describeState(lc: KeyLifecycle, time: TimeFormat = formatTime): string | undefined {
  const state = lc.state;
  if (!state) return undefined;
  switch (state) {
    case 'Enabled':
    case 'Creating':
    case 'Updating':
    case 'Unavailable':
      return stateName(state);
    case 'PendingDeletion':
    case 'PendingReplicaDeletion':
      return lc.deletion ? `${stateName(state)}: ${describeDeletionDate(lc.deletion, time)}` : stateName(state);
    case 'Deleted':
      return l10n.t('Deleted on {0}', time(lc.stateSince));
    default:
      return lc.stateSince ? l10n.t('{0} since {1}', stateName(state), time(lc.stateSince)) : stateName(state);
  }
}

/** `automatic rotation on (every 365 days)`, `automatic rotation off`, `rotated on demand 2 times`... */
export function describeRotation(r: RotationStatus, time: TimeFormat = formatTime): string | undefined {
  const parts: string[] = [];
  if (r.enabled === true) parts.push(r.periodInDays ? l10n.t('automatic rotation on (every {0} days)', r.periodInDays) : l10n.t('automatic rotation on'));
  else if (r.enabled === false) parts.push(l10n.t('automatic rotation off'));
  if (r.lastRotation) parts.push(l10n.t('last rotated {0}', time(r.lastRotation.at)));
  if (r.onDemand > 0) parts.push(l10n.t('on-demand rotations: {0}', r.onDemand));
  if (r.enabled && r.nextRotation) parts.push(l10n.t('next rotation {0}', time(r.nextRotation)));
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function rotationTypeName(type: string | undefined): string {
  if (type === 'AUTOMATIC') return l10n.t('automatic');
  if (type === 'ON_DEMAND') return l10n.t('on demand');
  return type ?? l10n.t('type not logged');
}

/**
 * One lifecycle event, as a short label: `Disabled`, `Deletion scheduled (20-day window): deleted on ...`,
 * `DisableKey failed: AccessDenied`. `brief` leaves out the deletion date (a tree row).
 */
export function describeLifecycleEvent(e: LifecycleEvent, time: TimeFormat = formatTime, brief = false): string {
  if (e.failed) return l10n.t('{0} failed: {1}', e.event.eventName, e.errorCode ?? '');
  switch (e.kind) {
    case 'create': return e.stateAfter && e.stateAfter !== 'Enabled' ? l10n.t('Created ({0})', stateName(e.stateAfter)) : l10n.t('Created');
    case 'enable': return l10n.t('Enabled');
    case 'disable': return l10n.t('Disabled');
    case 'scheduleDeletion':
      if (!e.deletion) return l10n.t('Deletion scheduled');
      return brief
        ? l10n.t('Deletion scheduled ({0}-day window)', e.deletion.pendingWindowInDays)
        : l10n.t('Deletion scheduled ({0}-day window): {1}', e.deletion.pendingWindowInDays, describeDeletionDate(e.deletion, time));
    case 'cancelDeletion': return l10n.t('Deletion cancelled (the key is Disabled)');
    case 'delete': return l10n.t('Deleted by KMS');
    case 'enableRotation': return e.rotationPeriodInDays ? l10n.t('Automatic rotation enabled (every {0} days)', e.rotationPeriodInDays) : l10n.t('Automatic rotation enabled');
    case 'disableRotation': return l10n.t('Automatic rotation disabled');
    case 'rotate': return l10n.t('Key material rotated ({0})', rotationTypeName(e.rotationType));
    case 'rotateOnDemand': return l10n.t('On-demand rotation requested');
    case 'putPolicy': return l10n.t('Key policy replaced');
    case 'importMaterial': return l10n.t('Key material imported');
    case 'deleteMaterial': return l10n.t('Imported key material deleted');
    case 'expireMaterial': return l10n.t('Imported key material expired and deleted');
    case 'replicate': return e.region ? l10n.t('Replicated to {0}', e.region) : l10n.t('Replicated');
    case 'replicaCreated': return e.region ? l10n.t('Created as a replica of the key in {0}', e.region) : l10n.t('Created as a replica');
    case 'updatePrimaryRegion': return e.region ? l10n.t('Primary Region changed to {0}', e.region) : l10n.t('Primary Region changed');
    case 'synchronize': return l10n.t('Multi-Region key synchronised');
    case 'snapshot': return describeSnapshot(e);
  }
}

/** `aws kms describe-key output (time not given): Enabled`. */
function describeSnapshot(e: LifecycleEvent): string {
  const s = e.snapshot;
  const what = s?.state !== undefined
    ? stateName(s.state)
    : s?.rotationEnabled !== undefined ? (s.rotationEnabled ? l10n.t('automatic rotation on') : l10n.t('automatic rotation off')) : l10n.t('no state');
  return s?.eventName === 'GetKeyRotationStatus'
    ? l10n.t('aws kms get-key-rotation-status output (time not given): {0}', what)
    : l10n.t('aws kms describe-key output (time not given): {0}', what);
}

/** `Fargate ephemeral storage (cluster payments)`, `Deadline Cloud (farm farm-0123...)`. */
export function describeService(service: 'fargate' | 'deadline', e: ServiceEvidence): string {
  if (service === 'fargate') return e.detail ? l10n.t('Fargate ephemeral storage (cluster {0})', e.detail) : l10n.t('Fargate ephemeral storage');
  return e.detail ? l10n.t('Deadline Cloud (farm {0})', e.detail) : l10n.t('Deadline Cloud');
}

/** What shows the service uses the key: `a grant (CreateGrant on 2024-04-23 02:05 UTC)`, ... */
export function describeEvidence(e: ServiceEvidence, time: TimeFormat = formatTime): string {
  const when = time(e.event.eventTime);
  switch (e.how) {
    case 'grant': return l10n.t('a grant to it ({0} on {1})', e.event.eventName, when);
    case 'context': return l10n.t('its encryption context ({0} on {1})', e.event.eventName, when);
    case 'caller': return l10n.t('its calls ({0} on {1})', e.event.eventName, when);
  }
}

/** `Decrypt by arn:aws:iam::111122223333:user/Alice on 2024-05-01 09:00 UTC`. */
export function describeCall(e: EventRef): string {
  return l10n.t('{0} by {1} on {2}', e.eventName, describeActor(e.actor), formatTime(e.eventTime));
}
