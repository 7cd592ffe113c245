/**
 * Lifecycle facts of every source -> each key's lifecycle, on the keys of the
 * key history (so a key named by id in one event and by ARN in another is one
 * key here too, and the same key as in the grants). Events are replayed in
 * eventTime order across sources; the same event seen twice counts once; a
 * failed call (errorCode) is listed but changes nothing.
 */
import { RecordEventRef } from '../history/eventRef';
import { timeKey } from '../history/events';
import { replayOrder, snapshotApplies, type KeySnapshot } from '../history/outputs';
import type { KeyHistory } from '../history/history';
import { refString } from '../history/keys';
import type { KmsKey } from '../history/types';
import { timeMillis } from '../text/cloudTrailTime';
import type { EvidenceFact, EvidenceFacts, KeyEventFact, LifecycleFacts } from './extract';
import { DAY_MS, isoTime } from './dates';
import { KEY_STATES, type DeletionSchedule, type KeyLifecycle, type KeyState, type LifecycleEvent } from './types';

/** One source's lifecycle facts: the replay's input, whatever the source was. */
export interface LifecycleInput {
  source: string;
  facts: LifecycleFacts;
  evidence: EvidenceFacts;
}

export function emptyLifecycle(): KeyLifecycle {
  return { events: [], rotation: { onDemand: 0 }, refused: [], services: {} };
}

/**
 * Replays every lifecycle fact onto its key of `history` (finished) and
 * returns each key's lifecycle, by key identity. What shows a service using a
 * key is added to keys that have a lifecycle or, by `hasEntry`, something
 * else to show (grants, uses): it makes no key of its own.
 */
export function replayLifecycles(history: KeyHistory, inputs: readonly LifecycleInput[], hasEntry: (key: KmsKey) => boolean): Map<string, { key: KmsKey; lifecycle: KeyLifecycle }> {
  const out = new Map<string, { key: KmsKey; lifecycle: KeyLifecycle }>();
  const lifecycleOf = (key: KmsKey): KeyLifecycle => {
    let entry = out.get(key.identity);
    if (!entry) out.set(key.identity, (entry = { key, lifecycle: emptyLifecycle() }));
    return entry.lifecycle;
  };
  const located: Array<{ fact: KeyEventFact; source: string; order: number }> = [];
  const seen = new Set<string>();
  let order = 0;
  for (const { source, facts } of inputs) {
    for (const fact of facts.events) {
      if (fact.eventId !== undefined) {
        // Overlapping files hold the same event: same eventID, name, time, and what it says about which key.
        const id = `${fact.eventId}|${fact.eventName}|${fact.eventTime ?? ''}|${fact.kind}|${fact.key ? refString(fact.key) : ''}`;
        if (seen.has(id)) continue;
        seen.add(id);
      }
      located.push({ fact, source, order: order++ });
    }
  }
  // Logged events by time; snapshots (describe-key output, which has no time) after them all: history/outputs.ts.
  located.sort((a, b) => replayOrder(a.fact) - replayOrder(b.fact) || a.order - b.order);
  const logged = loggedRotations(history, located);
  for (const { fact, source } of located) {
    const key = history.keyOf(fact.key);
    if (!key) continue;
    // A rotation list-key-rotations lists and a log shows too (RotateKey) is shown once, as the logged event, which says more.
    if (fact.listed && logged.get(key.identity)?.some((ms) => Math.abs(ms - fact.ms) <= SAME_ROTATION_MS)) continue;
    const lc = lifecycleOf(key);
    const role = fact.kind === 'refused' ? 'refused' : fact.kind === 'snapshot' ? 'snapshot' : fact.listed ? 'list' : 'lifecycle';
    const ref = new RecordEventRef(source, fact.record, role, fact.eventName, fact, null);
    if (fact.kind === 'refused') lc.refused.push(ref);
    else apply(lc, fact, ref);
  }
  for (const { source, evidence } of inputs) {
    for (const e of evidence.evidence) {
      const key = history.keyOf(e.key);
      if (key && (out.has(key.identity) || hasEntry(key))) addEvidence(lifecycleOf(key), e, source);
    }
  }
  return out;
}

/**
 * How far apart a listed rotation's RotationDate and a logged RotateKey's
 * eventTime may be and still be one rotation: KMS logs RotateKey when it
 * rotates, so the two are close; automatic rotations of one key are at least
 * 90 days apart (the shortest RotationPeriodInDays), and two on-demand
 * rotations of one key within the same hour are taken as one.
 */
const SAME_ROTATION_MS = 60 * 60 * 1000;

/** The times of the rotations the logs show, by key identity. */
function loggedRotations(history: KeyHistory, located: ReadonlyArray<{ fact: KeyEventFact }>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const { fact } of located) {
    if (fact.kind !== 'rotate' || fact.listed || fact.errorCode !== undefined || Number.isNaN(fact.ms)) continue;
    const key = history.keyOf(fact.key);
    if (!key) continue;
    const times = out.get(key.identity);
    if (times) times.push(fact.ms);
    else out.set(key.identity, [fact.ms]);
  }
  return out;
}

function setState(lc: KeyLifecycle, e: LifecycleEvent, state: KeyState): void {
  e.stateAfter = state;
  if (lc.state === state) return; // a repeated EnableKey does not move "since"
  lc.state = state;
  lc.stateSince = e.event.eventTime;
  lc.stateEvent = e.event;
}

function apply(lc: KeyLifecycle, f: KeyEventFact, ref: RecordEventRef): void {
  const kind = f.kind as LifecycleEvent['kind'];
  const e: LifecycleEvent = { kind, event: ref, failed: f.errorCode !== undefined };
  if (f.errorCode) e.errorCode = f.errorCode;
  if (f.errorMessage && f.errorCode) e.errorMessage = f.errorMessage;
  if (f.deletion) e.deletion = f.deletion;
  if (f.rotationType) e.rotationType = f.rotationType;
  if (f.rotationPeriodInDays !== undefined) e.rotationPeriodInDays = f.rotationPeriodInDays;
  if (f.region) e.region = f.region;
  if (f.origin) e.origin = f.origin;
  lc.events.push(e);
  if (e.failed) return;
  const at = ref.eventTime;
  switch (kind) {
    case 'create':
      setState(lc, e, f.reportedState ?? (f.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled'));
      break;
    case 'replicaCreated':
      setState(lc, e, f.reportedState ?? 'Creating');
      break;
    case 'enable':
      setState(lc, e, 'Enabled');
      break;
    case 'disable':
      setState(lc, e, 'Disabled');
      break;
    case 'scheduleDeletion':
      setState(lc, e, f.deletion?.keyState ?? 'PendingDeletion');
      lc.deletion = f.deletion;
      break;
    case 'cancelDeletion':
      // The key comes back Disabled, not Enabled: it must be enabled again before use.
      setState(lc, e, 'Disabled');
      lc.deletion = undefined;
      break;
    case 'delete':
      setState(lc, e, 'Deleted');
      lc.deletion = undefined;
      break;
    case 'importMaterial':
      // Importing into a key waiting for its material enables it; a re-import changes nothing else.
      if (lc.state === 'PendingImport') setState(lc, e, 'Enabled');
      break;
    case 'deleteMaterial':
    case 'expireMaterial':
      setState(lc, e, 'PendingImport');
      break;
    case 'enableRotation':
      lc.rotation.enabled = true;
      lc.rotation.since = at;
      lc.rotation.event = ref;
      lc.rotation.periodInDays = f.rotationPeriodInDays;
      break;
    case 'disableRotation':
      lc.rotation.enabled = false;
      lc.rotation.since = at;
      lc.rotation.event = ref;
      lc.rotation.periodInDays = undefined;
      break;
    case 'rotate':
      lc.rotation.lastRotation = { at, type: f.rotationType, event: ref };
      break;
    case 'rotateOnDemand':
      lc.rotation.onDemand++;
      lc.rotation.lastRotation = { at, type: 'ON_DEMAND', event: ref };
      break;
    case 'snapshot':
      if (f.snapshot) applySnapshot(lc, e, f.snapshot, ref);
      break;
    default:
      break; // PutKeyPolicy, ReplicateKey on the primary, UpdatePrimaryRegion, SynchronizeMultiRegionKey: the timeline only
  }
}

function stateOf(v: string | undefined): KeyState | undefined {
  return v !== undefined && (KEY_STATES as readonly string[]).includes(v) ? (v as KeyState) : undefined;
}

/**
 * What describe-key or get-key-rotation-status output shows, replayed after
 * every logged event (history/outputs.ts says why): its state, unless the
 * logs show the key deleted; its deletion date; its rotation; its
 * multi-Region configuration and metadata. A state it confirms keeps the
 * "since" the logs gave it.
 */
function applySnapshot(lc: KeyLifecycle, e: LifecycleEvent, snap: KeySnapshot, ref: RecordEventRef): void {
  const state = stateOf(snap.state);
  e.snapshot = { eventName: snap.eventName, state, rotationEnabled: snap.rotation?.enabled };
  if (state && snapshotApplies(lc.state)) {
    const pending = state === 'PendingDeletion' || state === 'PendingReplicaDeletion';
    if (lc.state !== state) lc.deletion = undefined;
    setState(lc, e, state);
    if (pending && !lc.deletion) lc.deletion = snapshotDeletion(state, snap);
  }
  const r = snap.rotation;
  if (r) {
    if (lc.rotation.enabled !== r.enabled) {
      lc.rotation.enabled = r.enabled;
      lc.rotation.since = undefined;
      lc.rotation.event = ref;
    }
    lc.rotation.periodInDays = r.enabled ? r.periodInDays ?? lc.rotation.periodInDays : undefined;
    lc.rotation.nextRotation = r.enabled ? r.nextRotation : undefined;
  }
  if (snap.multiRegion) lc.multiRegion = snap.multiRegion;
  if (snap.metadata) lc.metadata = snap.metadata;
}

function snapshotDeletion(state: 'PendingDeletion' | 'PendingReplicaDeletion', snap: KeySnapshot): DeletionSchedule {
  const ms = timeMillis(snap.deletionDate);
  return {
    keyState: state,
    pendingWindowInDays: snap.pendingWindowInDays ?? Number.NaN,
    fromSnapshot: true,
    defaultWindow: false,
    computed: false,
    deletionDate: isoTime(ms),
    deletionDateLogged: snap.deletionDate,
    latestDeletion: isoTime(ms + DAY_MS),
  };
}

function addEvidence(lc: KeyLifecycle, e: EvidenceFact, source: string): void {
  const known = lc.services[e.service];
  const count = (known?.count ?? 0) + e.count;
  if (known && timeKey(e.ms) < timeKey(timeMillis(known.event.eventTime))) {
    known.count = count;
    return;
  }
  lc.services[e.service] = {
    how: e.how,
    detail: e.detail,
    event: new RecordEventRef(source, e.record, 'evidence', e.eventName, e, null),
    count,
  };
}
