/**
 * The JSON report of `kms-lens grants`: each key that has grants or a
 * lifecycle in the logs, with its state, rotation, lifecycle events, refused
 * calls and grants, and every attempt. Plain data for scripts; where each
 * event is (file and line) comes from the caller, which knows the files.
 */
import type { Attempt, Grant, GrantConstraints, GrantStatus } from '../grants/types';
import type { EventRef, KmsKey } from '../history/types';
import { describeLifecycleEvent } from '../lifecycle/describe';
import { hasLife } from '../lifecycle/state';
import type { KeyLifecycle, KeyState } from '../lifecycle/types';
import type { GrantsModel } from './types';

export interface JsonEventLocation {
  file: string;
  /** 1-based line of the event's first character. */
  line: number;
}

export interface JsonGrant {
  grantId: string;
  status: GrantStatus;
  granteePrincipal: string | null;
  retiringPrincipal: string | null;
  operations: string[];
  constraints: GrantConstraints | null;
  createdAt: string | null;
  createdBy: string | null;
  retiredAt: string | null;
  revokedAt: string | null;
  events: JsonEventLocation[];
  uses: number;
}

export type JsonKeyName = { keyArn: string } | { keyId: string };

/** One event of a key's own life, in time order. */
export interface JsonLifecycleEvent extends JsonEventLocation {
  eventName: string;
  eventTime: string | null;
  by: string | null;
  /** Set when the call failed: it changed nothing. */
  errorCode: string | null;
  /** The state the key is in after this event, when the event sets one. */
  stateAfter: KeyState | null;
  /** The event in words, e.g. `Deletion scheduled (7-day window): deleted on ... at the earliest, up to 24 h later`. */
  description: string;
}

export interface JsonDeletion {
  /** null when only describe-key's DeletionDate is known. */
  pendingWindowInDays: number | null;
  /** ISO 8601; null for a multi-Region primary key waiting for its replicas. */
  deletionDate: string | null;
  /** deletionDate + 24 h: the deletion can come that much later. */
  latestDeletion: string | null;
  /** The date as KMS logged it, e.g. "Apr 12, 2021 18:58:30 PM". */
  deletionDateLogged: string | null;
}

export interface JsonRotation {
  automatic: boolean | null;
  since: string | null;
  periodInDays: number | null;
  lastRotation: string | null;
  onDemandRotations: number;
  /** When KMS rotates the key next, as get-key-rotation-status printed it. */
  nextRotation: string | null;
}

/** A multi-Region key's configuration, as describe-key printed it. */
export interface JsonMultiRegion {
  type: string | null;
  primaryKeyArn: string | null;
  replicaKeyArns: string[];
}

/** What describe-key printed about the key beyond its state. */
export interface JsonKeyMetadata {
  description: string | null;
  keyUsage: string | null;
  keySpec: string | null;
  keyManager: string | null;
  origin: string | null;
  creationDate: string | null;
  validTo: string | null;
}

export interface JsonRefusal extends JsonEventLocation {
  eventName: string;
  eventTime: string | null;
  by: string | null;
  errorCode: string | null;
}

export type JsonKey = JsonKeyName & {
  /** Its alias names (CreateAlias and UpdateAlias events, list-aliases output). */
  aliases: string[];
  /**
   * The last state the logs show (Enabled, Disabled, PendingDeletion, ...), or null when they show none.
   * describe-key output counts as later than every logged event (its time is not known).
   */
  state: KeyState | null;
  /** When the key entered that state (eventTime of the event that shows it). */
  stateSince: string | null;
  /** Set while the key is pending deletion. */
  deletion: JsonDeletion | null;
  rotation: JsonRotation | null;
  lifecycle: JsonLifecycleEvent[];
  /** Calls refused because of the key's state. */
  refused: JsonRefusal[];
  multiRegion: JsonMultiRegion | null;
  metadata: JsonKeyMetadata | null;
  grants: JsonGrant[];
};

export type JsonAttempt = JsonKeyName & {
  eventName: string;
  errorCode: string | null;
  errorMessage: string | null;
  granteePrincipal: string | null;
  retiringPrincipal: string | null;
  operations: string[];
  constraints: GrantConstraints | null;
  attemptedAt: string | null;
  attemptedBy: string | null;
  events: JsonEventLocation[];
};

export interface JsonGrantsReport {
  keys: JsonKey[];
  attempts: JsonAttempt[];
}

/** Where an event is: the caller knows the files and their lines. */
export type LocateEvent = (e: EventRef) => JsonEventLocation;

function keyName(key: KmsKey | undefined): JsonKeyName {
  if (key?.arn) return { keyArn: key.arn };
  return { keyId: key?.keyId ?? key?.aliasArn ?? key?.aliases[0] ?? '' };
}

function jsonGrant(g: Grant, locate: LocateEvent): JsonGrant {
  return {
    grantId: g.grantId,
    status: g.status,
    granteePrincipal: g.granteePrincipal ?? null,
    retiringPrincipal: g.retiringPrincipal ?? null,
    operations: g.operations,
    constraints: g.constraints ?? null,
    createdAt: g.createdAt ?? null,
    createdBy: g.createdBy?.display ?? null,
    retiredAt: g.retiredAt ?? null,
    revokedAt: g.revokedAt ?? null,
    events: g.events.map(locate),
    uses: g.uses.length,
  };
}

function jsonAttempt(a: Attempt, key: KmsKey | undefined, locate: LocateEvent): JsonAttempt {
  return {
    ...keyName(key),
    eventName: a.eventName,
    errorCode: a.errorCode ?? null,
    errorMessage: a.errorMessage ?? null,
    granteePrincipal: a.granteePrincipal ?? null,
    retiringPrincipal: a.retiringPrincipal ?? null,
    operations: a.operations,
    constraints: a.constraints ?? null,
    attemptedAt: a.event.eventTime ?? null,
    attemptedBy: a.event.actor?.display ?? null,
    events: [locate(a.event)],
  };
}

function jsonLifecycle(lc: KeyLifecycle | undefined, locate: LocateEvent): Omit<JsonKey, keyof JsonKeyName | 'grants' | 'aliases'> {
  if (!hasLife(lc)) return { state: null, stateSince: null, deletion: null, rotation: null, lifecycle: [], refused: [], multiRegion: null, metadata: null };
  const m = lc.metadata;
  const mr = lc.multiRegion;
  const r = lc.rotation;
  const rotationKnown = r.enabled !== undefined || r.lastRotation !== undefined || r.onDemand > 0;
  return {
    state: lc.state ?? null,
    stateSince: lc.stateSince ?? null,
    deletion: lc.deletion ? {
      pendingWindowInDays: Number.isNaN(lc.deletion.pendingWindowInDays) ? null : lc.deletion.pendingWindowInDays,
      deletionDate: lc.deletion.deletionDate ?? null,
      latestDeletion: lc.deletion.latestDeletion ?? null,
      deletionDateLogged: lc.deletion.deletionDateLogged ?? null,
    } : null,
    rotation: rotationKnown ? {
      automatic: r.enabled ?? null,
      since: r.since ?? null,
      periodInDays: r.periodInDays ?? null,
      lastRotation: r.lastRotation?.at ?? null,
      onDemandRotations: r.onDemand,
      nextRotation: r.nextRotation ?? null,
    } : null,
    lifecycle: lc.events.map((e) => ({
      eventName: e.event.eventName,
      eventTime: e.event.eventTime ?? null,
      by: e.event.actor?.display ?? null,
      errorCode: e.errorCode ?? null,
      stateAfter: e.stateAfter ?? null,
      description: describeLifecycleEvent(e),
      ...locate(e.event),
    })),
    refused: lc.refused.map((e) => ({ eventName: e.eventName, eventTime: e.eventTime ?? null, by: e.actor?.display ?? null, errorCode: e.errorCode ?? null, ...locate(e) })),
    multiRegion: mr ? { type: mr.type ?? null, primaryKeyArn: mr.primaryArn ?? null, replicaKeyArns: mr.replicaArns } : null,
    metadata: m ? {
      description: m.description ?? null,
      keyUsage: m.keyUsage ?? null,
      keySpec: m.keySpec ?? null,
      keyManager: m.keyManager ?? null,
      origin: m.origin ?? null,
      creationDate: m.creationDate ?? null,
      validTo: m.validTo ?? null,
    } : null,
  };
}

/** The JSON report: keys that have grants or a lifecycle in the logs, and every attempt. */
export function jsonReport(model: GrantsModel, locate: LocateEvent): JsonGrantsReport {
  const byIdentity = new Map(model.keys.map((k) => [k.key.identity, k.key]));
  return {
    keys: model.keys
      .filter((k) => k.grants.length > 0 || hasLife(k.lifecycle))
      .map((k) => ({ ...keyName(k.key), aliases: [...k.key.aliases], ...jsonLifecycle(k.lifecycle, locate), grants: k.grants.map((g) => jsonGrant(g, locate)) })),
    attempts: model.attempts.map((a) => jsonAttempt(a, a.keyIdentity === undefined ? undefined : byIdentity.get(a.keyIdentity), locate)),
  };
}
