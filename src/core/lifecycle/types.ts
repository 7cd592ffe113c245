/**
 * The key lifecycle model: what the logs say happened to each key (created,
 * enabled, disabled, scheduled for deletion, deleted, rotated, ...), its last
 * known state and since when, and the calls refused because of that state.
 * Plain, JSON-serialisable data on the keys of the key history; a sibling of
 * the grants, which src/core/keys puts beside it (a `KeyGrants` carries its
 * key's `lifecycle`).
 */
import type { KeyMetadataFacts, MultiRegionFacts } from '../history/outputs';
import type { EventRef } from '../history/types';

/** KMS key states ([B] `KeyState`), plus `Deleted`, which KMS never reports because the key is gone. */
export type KeyState = 'Creating' | 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'PendingReplicaDeletion' | 'Unavailable' | 'Updating' | 'Deleted';

export const KEY_STATES: readonly KeyState[] = ['Creating', 'Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'PendingReplicaDeletion', 'Unavailable', 'Updating', 'Deleted'];

/** Disabled, scheduled for deletion, or deleted: KMS refuses every cryptographic operation, and any attempt is the alarm AWS asks for. */
export const STOPPED_STATES: ReadonlySet<KeyState> = new Set<KeyState>(['Disabled', 'PendingDeletion', 'PendingReplicaDeletion', 'Deleted']);

/** What a lifecycle event did to a key. */
export type LifecycleKind =
  | 'create' // CreateKey
  | 'enable'
  | 'disable'
  | 'scheduleDeletion'
  | 'cancelDeletion'
  | 'delete' // DeleteKey, a service event at the end of the waiting period
  | 'enableRotation'
  | 'disableRotation'
  | 'rotate' // RotateKey, a service event (AUTOMATIC or ON_DEMAND)
  | 'rotateOnDemand' // RotateKeyOnDemand, the API call
  | 'putPolicy'
  | 'importMaterial'
  | 'deleteMaterial' // DeleteImportedKeyMaterial
  | 'expireMaterial' // DeleteExpiredKeyMaterial, a service event
  | 'replicate' // ReplicateKey, on the primary key
  | 'replicaCreated' // ReplicateKey, on the new replica key
  | 'updatePrimaryRegion'
  | 'synchronize' // SynchronizeMultiRegionKey
  | 'snapshot'; // describe-key or get-key-rotation-status output: the key as it was, at a time not given (history/outputs.ts)

/** A ScheduleKeyDeletion (or describe-key's DeletionDate), read: when the key goes, at the earliest and at the latest. */
export interface DeletionSchedule {
  keyState: 'PendingDeletion' | 'PendingReplicaDeletion';
  /** As requested (or reported); 30 when the request left it to the default; NaN when only describe-key's DeletionDate is known. */
  pendingWindowInDays: number;
  /** Read from describe-key output, not from a ScheduleKeyDeletion. */
  fromSnapshot?: boolean;
  /** The request named no window: KMS used its default of 30 days. */
  defaultWindow: boolean;
  /** ISO 8601: the `deletionDate` KMS logged, else eventTime + the window. Absent for PendingReplicaDeletion. */
  deletionDate?: string;
  /** The `deletionDate` text as logged (e.g. "Apr 12, 2021 18:58:30 PM"). */
  deletionDateLogged?: string;
  /** The date is eventTime + window, not logged by KMS. */
  computed: boolean;
  /** deletionDate + 24 h: the deletion can come that much later than scheduled. */
  latestDeletion?: string;
}

export interface LifecycleEvent {
  kind: LifecycleKind;
  event: EventRef;
  /** The call failed (errorCode): it changed nothing. */
  failed: boolean;
  errorCode?: string;
  errorMessage?: string;
  /** The state the key is in after this event, when the event sets one. */
  stateAfter?: KeyState;
  deletion?: DeletionSchedule;
  /** RotateKey: AUTOMATIC or ON_DEMAND (older events do not say). */
  rotationType?: string;
  /** EnableKeyRotation's rotationPeriodInDays. */
  rotationPeriodInDays?: number;
  /** ReplicateKey: the Region of the new replica. UpdatePrimaryRegion: the new primary Region. */
  region?: string;
  /** CreateKey / ReplicateKey: the key's origin (AWS_KMS, EXTERNAL, ...). */
  origin?: string;
  /** A snapshot: the output it is and what it showed. */
  snapshot?: { eventName: 'DescribeKey' | 'GetKeyRotationStatus'; state?: KeyState; rotationEnabled?: boolean };
}

export interface RotationStatus {
  /** Automatic rotation on or off, as the last EnableKeyRotation/DisableKeyRotation left it; undefined if the logs do not say. */
  enabled?: boolean;
  since?: string;
  event?: EventRef;
  periodInDays?: number;
  /** The last rotation of the key material (RotateKey or RotateKeyOnDemand). */
  lastRotation?: { at?: string; type?: string; event: EventRef };
  /** Successful RotateKeyOnDemand calls (AWS allows 25 per key). */
  onDemand: number;
  /** When KMS rotates the key next, as get-key-rotation-status printed it. */
  nextRotation?: string;
}

/** What shows that a service uses the key: the most recent sighting, and how many. */
export interface ServiceEvidence {
  /** A grant to the service, or an encryption context that only it uses, or a call it made. */
  how: 'grant' | 'context' | 'caller';
  /** The farm id or the cluster name, when the event names one. */
  detail?: string;
  event: EventRef;
  count: number;
}

export interface KeyLifecycle {
  /** Lifecycle events, by eventTime, failed calls included. */
  events: LifecycleEvent[];
  /** The last state the logs show, the time it was entered and the event that shows it. */
  state?: KeyState;
  stateSince?: string;
  stateEvent?: EventRef;
  /** Set while the last known state is PendingDeletion or PendingReplicaDeletion. */
  deletion?: DeletionSchedule;
  rotation: RotationStatus;
  /** Calls refused because of the key's state (DisabledException, KMSInvalidStateException), by time. */
  refused: EventRef[];
  /** Services the logs show using the key. */
  services: { fargate?: ServiceEvidence; deadline?: ServiceEvidence };
  /** The key's multi-Region configuration, as describe-key printed it. */
  multiRegion?: MultiRegionFacts;
  /** What describe-key printed about the key beyond its state (description, usage, spec, manager, origin, creation). */
  metadata?: KeyMetadataFacts;
}
