/** Words for a key's life, shared by the grants view, the CLI's text output, the hovers and the rules. */
import { describeActor } from '../grants/describe';
import type { EventRef } from '../grants/types';
import { t } from '../l10n';
import { formatTime } from './dates';
import type { DeletionSchedule, KeyLifecycle, KeyState, LifecycleEvent, RotationStatus, ServiceEvidence } from './types';

/** A state in words: `Enabled`, `Pending deletion`, ... */
export function stateName(state: KeyState): string {
  switch (state) {
    case 'Creating': return t('Creating');
    case 'Enabled': return t('Enabled');
    case 'Disabled': return t('Disabled');
    case 'PendingDeletion': return t('Pending deletion');
    case 'PendingImport': return t('Pending import');
    case 'PendingReplicaDeletion': return t('Pending replica deletion');
    case 'Unavailable': return t('Unavailable');
    case 'Updating': return t('Updating');
    case 'Deleted': return t('Deleted');
  }
}

/** When a scheduled deletion happens: `deleted on 2021-04-12 18:58 UTC at the earliest, up to 24 h later`. */
export function describeDeletionDate(d: DeletionSchedule): string {
  if (d.keyState === 'PendingReplicaDeletion') return t('deleted once its replica keys are deleted, then after a {0}-day wait', d.pendingWindowInDays);
  if (!d.deletionDate) return t('deleted {0} days after it was scheduled, up to 24 h later', d.pendingWindowInDays);
  return t('deleted on {0} at the earliest, up to 24 h later', formatTime(d.deletionDate));
}

/**
 * The key's last known state for a tree or a report line: `Enabled`,
 * `Disabled since 2024-05-01 09:00 UTC`, `Pending deletion: deleted on ... at
 * the earliest, up to 24 h later`, `Deleted on ...`.
 */
export function describeState(lc: KeyLifecycle): string | undefined {
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
      return lc.deletion ? `${stateName(state)}: ${describeDeletionDate(lc.deletion)}` : stateName(state);
    case 'Deleted':
      return t('Deleted on {0}', formatTime(lc.stateSince));
    default:
      return lc.stateSince ? t('{0} since {1}', stateName(state), formatTime(lc.stateSince)) : stateName(state);
  }
}

/** `automatic rotation on (every 365 days)`, `automatic rotation off`, `rotated on demand 2 times`... */
export function describeRotation(r: RotationStatus): string | undefined {
  const parts: string[] = [];
  if (r.enabled === true) parts.push(r.periodInDays ? t('automatic rotation on (every {0} days)', r.periodInDays) : t('automatic rotation on'));
  else if (r.enabled === false) parts.push(t('automatic rotation off'));
  if (r.lastRotation) parts.push(t('last rotated {0}', formatTime(r.lastRotation.at)));
  if (r.onDemand > 0) parts.push(t('on-demand rotations: {0}', r.onDemand));
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function rotationTypeName(type: string | undefined): string {
  if (type === 'AUTOMATIC') return t('automatic');
  if (type === 'ON_DEMAND') return t('on demand');
  return type ?? t('type not logged');
}

/** One lifecycle event, as a short label: `Disabled`, `Deletion scheduled (20-day window)`, `DisableKey failed: AccessDenied`. */
export function describeLifecycleEvent(e: LifecycleEvent): string {
  if (e.failed) return t('{0} failed: {1}', e.event.eventName, e.errorCode ?? '');
  switch (e.kind) {
    case 'create': return e.stateAfter && e.stateAfter !== 'Enabled' ? t('Created ({0})', stateName(e.stateAfter)) : t('Created');
    case 'enable': return t('Enabled');
    case 'disable': return t('Disabled');
    case 'scheduleDeletion':
      return e.deletion ? t('Deletion scheduled ({0}-day window): {1}', e.deletion.pendingWindowInDays, describeDeletionDate(e.deletion)) : t('Deletion scheduled');
    case 'cancelDeletion': return t('Deletion cancelled (the key is Disabled)');
    case 'delete': return t('Deleted by KMS');
    case 'enableRotation': return e.rotationPeriodInDays ? t('Automatic rotation enabled (every {0} days)', e.rotationPeriodInDays) : t('Automatic rotation enabled');
    case 'disableRotation': return t('Automatic rotation disabled');
    case 'rotate': return t('Key material rotated ({0})', rotationTypeName(e.rotationType));
    case 'rotateOnDemand': return t('On-demand rotation requested');
    case 'putPolicy': return t('Key policy replaced');
    case 'importMaterial': return t('Key material imported');
    case 'deleteMaterial': return t('Imported key material deleted');
    case 'expireMaterial': return t('Imported key material expired and deleted');
    case 'replicate': return e.region ? t('Replicated to {0}', e.region) : t('Replicated');
    case 'replicaCreated': return e.region ? t('Created as a replica of the key in {0}', e.region) : t('Created as a replica');
    case 'updatePrimaryRegion': return e.region ? t('Primary Region changed to {0}', e.region) : t('Primary Region changed');
    case 'synchronize': return t('Multi-Region key synchronised');
  }
}

/** `Fargate ephemeral storage (cluster payments)`, `Deadline Cloud (farm farm-0123...)`. */
export function describeService(service: 'fargate' | 'deadline', e: ServiceEvidence): string {
  if (service === 'fargate') return e.detail ? t('Fargate ephemeral storage (cluster {0})', e.detail) : t('Fargate ephemeral storage');
  return e.detail ? t('Deadline Cloud (farm {0})', e.detail) : t('Deadline Cloud');
}

/** What shows the service uses the key: `a grant (CreateGrant on 2024-04-23 02:05 UTC)`, ... */
export function describeEvidence(e: ServiceEvidence): string {
  const when = formatTime(e.event.eventTime);
  switch (e.how) {
    case 'grant': return t('a grant to it ({0} on {1})', e.event.eventName, when);
    case 'context': return t('its encryption context ({0} on {1})', e.event.eventName, when);
    case 'caller': return t('its calls ({0} on {1})', e.event.eventName, when);
  }
}

/** `Decrypt by arn:aws:iam::111122223333:user/Alice on 2024-05-01 09:00 UTC`. */
export function describeCall(e: EventRef): string {
  return t('{0} by {1} on {2}', e.eventName, describeActor(e.actor), formatTime(e.eventTime));
}
