/**
 * One document -> the facts about its keys' lives: lifecycle events
 * (CreateKey ... DeleteKey, rotation, key material, replicas), calls refused
 * because of a key's state, and what shows a key serving Fargate ephemeral
 * storage or Deadline Cloud. One pass over the model's records, reading keys
 * with the key history's `KeyReader` as the grants do; cached per model
 * object (one per document version).
 */
import { isObject } from '../classify';
import type { DocumentModel, JsonRecord } from '../document/model';
import { byTime, eventFact, readKmsEvents, requestParameters, type EventFact, type KmsEventPass, type Obj } from '../history/events';
import { KeyReader, type KeyNames } from '../history/keyReader';
import { keyOutputFacts, type KeySnapshot } from '../history/outputs';
import type { KeyRef } from '../history/keys';
import { nonEmptyString } from '../jsonValues';
import { timeMillis } from '../text/cloudTrailTime';
import { DAY_MS, isoTime, parseLoggedDate } from './dates';
import { KEY_STATES, type DeletionSchedule, type KeyState, type LifecycleKind } from './types';

/** A number, or a string of digits (some SDKs log numbers as strings). */
function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** The events that change a key's life, by eventName. */
export const LIFECYCLE_EVENTS: ReadonlyMap<string, LifecycleKind> = new Map<string, LifecycleKind>([
  ['CreateKey', 'create'],
  ['EnableKey', 'enable'],
  ['DisableKey', 'disable'],
  ['ScheduleKeyDeletion', 'scheduleDeletion'],
  ['CancelKeyDeletion', 'cancelDeletion'],
  ['DeleteKey', 'delete'],
  ['EnableKeyRotation', 'enableRotation'],
  ['DisableKeyRotation', 'disableRotation'],
  ['RotateKey', 'rotate'],
  ['RotateKeyOnDemand', 'rotateOnDemand'],
  ['PutKeyPolicy', 'putPolicy'],
  ['ImportKeyMaterial', 'importMaterial'],
  ['DeleteImportedKeyMaterial', 'deleteMaterial'],
  ['DeleteExpiredKeyMaterial', 'expireMaterial'],
  ['ReplicateKey', 'replicate'],
  ['UpdatePrimaryRegion', 'updatePrimaryRegion'],
  ['SynchronizeMultiRegionKey', 'synchronize'],
]);

/** Error codes KMS returns when the key's state forbids the call. */
export const STATE_ERRORS: ReadonlySet<string> = new Set(['DisabledException', 'KMSInvalidStateException']);

/**
 * The state KMS names in the message of a call it refused: "<key ARN> is
 * pending deletion." (KMSInvalidStateException), "<key ARN> is disabled."
 * (DisabledException). Other states (pending import, unavailable) are not a
 * key being stopped.
 */
export function statedKeyState(message: unknown): 'PendingDeletion' | 'Disabled' | undefined {
  if (typeof message !== 'string') return undefined;
  if (/\bis pending (?:replica )?deletion\b/i.test(message)) return 'PendingDeletion';
  if (/\bis disabled\b/i.test(message)) return 'Disabled';
  return undefined;
}

/** The default waiting period of ScheduleKeyDeletion, in days. */
export const DEFAULT_PENDING_WINDOW = 30;

export interface KeyEventFact extends EventFact {
  /** A lifecycle event, a call refused because of the key's state, or a snapshot of AWS CLI output. */
  kind: LifecycleKind | 'refused';
  /** Set for a snapshot (kind `snapshot`): what the output showed. */
  snapshot?: KeySnapshot;
  /** An entry of AWS CLI output with a time of its own (a rotation of list-key-rotations), not a logged event. */
  listed?: true;
  /** The state the event reports (CreateKey's and ReplicateKey's key metadata). */
  reportedState?: KeyState;
  deletion?: DeletionSchedule;
  rotationType?: string;
  rotationPeriodInDays?: number;
  region?: string;
  origin?: string;
}

export type Service = 'fargate' | 'deadline';

/** Every sighting of one service on one key (as the document names it), kept small: the latest and a count. */
export interface EvidenceFact {
  service: Service;
  key: KeyRef;
  how: 'grant' | 'context' | 'caller';
  detail?: string;
  record: JsonRecord;
  eventName: string;
  eventTime?: string;
  ms: number;
  eventId?: string;
  count: number;
}

export interface LifecycleFacts extends KeyNames {
  /** Lifecycle events and refused calls, by eventTime (document order when equal). */
  events: KeyEventFact[];
  /** Some event here is a lifecycle event (not only refused calls). */
  hasLifecycle: boolean;
  /** Some refused call's message says the key is disabled or pending deletion (statedKeyState). */
  hasStatedRefusal: boolean;
  /** A RevokeGrant succeeded here (the Fargate rule may need the document's keys). */
  hasRevoke: boolean;
}

/** What shows services using the document's keys; read only when someone asks (with the other views, in one walk, when the keys model is built). */
export interface EvidenceFacts extends KeyNames {
  evidence: EvidenceFact[];
}

const EMPTY: LifecycleFacts = { events: [], aliases: [], refs: [], hasLifecycle: false, hasStatedRefusal: false, hasRevoke: false };
const EMPTY_EVIDENCE: EvidenceFacts = { evidence: [], aliases: [], refs: [] };
const cache = new WeakMap<DocumentModel, LifecycleFacts>();
const evidenceCache = new WeakMap<DocumentModel, EvidenceFacts>();

/**
 * The lifecycle facts of a CloudTrail document, or the snapshots (and alias
 * names) of AWS CLI output about keys; nothing for any other kind.
 */
export function lifecycleFacts(model: DocumentModel): LifecycleFacts {
  if (model.kind !== 'cloudTrail' && model.kind !== 'kmsOutput') return EMPTY;
  let facts = cache.get(model);
  if (!facts) {
    facts = model.kind === 'kmsOutput' ? snapshotFacts(model) : extract(model);
    cache.set(model, facts);
  }
  return facts;
}

/**
 * describe-key and get-key-rotation-status output: one snapshot each, with no
 * time (history/outputs.ts says how they are replayed); list-key-rotations
 * output: each rotation at its RotationDate, as a RotateKey event would say it.
 */
function snapshotFacts(model: DocumentModel): LifecycleFacts {
  const out = keyOutputFacts(model);
  const events = out.snapshots.map((snapshot): KeyEventFact => ({
    record: snapshot.record,
    eventName: snapshot.eventName,
    ms: Number.NaN,
    key: snapshot.key,
    kind: 'snapshot',
    snapshot,
  }));
  for (const r of out.rotations) {
    events.push({ record: r.record, eventName: 'ListKeyRotations', eventTime: r.at, ms: r.ms, key: r.key, kind: 'rotate', rotationType: r.type, listed: true });
  }
  byTime(events);
  return { events, aliases: out.aliases, refs: out.refs, hasLifecycle: events.length > 0, hasStatedRefusal: false, hasRevoke: false };
}

/** Which keys of a CloudTrail document serve Fargate ephemeral storage or Deadline Cloud. */
export function evidenceFacts(model: DocumentModel): EvidenceFacts {
  if (model.kind !== 'cloudTrail') return EMPTY_EVIDENCE;
  let facts = evidenceCache.get(model);
  if (!facts) {
    facts = extractEvidence(model);
    evidenceCache.set(model, facts);
  }
  return facts;
}

/**
 * A log is mostly cryptographic operations that succeeded: for them this
 * pass reads three fields and allocates nothing.
 */
function extract(model: DocumentModel): LifecycleFacts {
  let facts!: LifecycleFacts;
  readKmsEvents(model, [lifecyclePass((f) => (facts = f))]);
  return facts;
}

function lifecyclePass(keep: (facts: LifecycleFacts) => void): KmsEventPass {
  const facts: LifecycleFacts = { events: [], aliases: [], refs: [], hasLifecycle: false, hasStatedRefusal: false, hasRevoke: false };
  const reader = new KeyReader(facts);
  return {
    read(record, ev, name) {
      const kind = LIFECYCLE_EVENTS.get(name);
      if (kind !== undefined) {
        lifecycleEvent(record, ev, name, kind, reader, facts.events);
        facts.hasLifecycle = true;
      } else if (ev.errorCode !== undefined && ev.errorCode !== null) {
        if (typeof ev.errorCode === 'string' && STATE_ERRORS.has(ev.errorCode)) {
          refused(record, ev, name, reader, facts.events);
          if (statedKeyState(ev.errorMessage)) facts.hasStatedRefusal = true;
        }
      } else if (name === 'RevokeGrant') {
        facts.hasRevoke = true;
      }
    },
    done() {
      facts.refs = reader.refs();
      byTime(facts.events);
      keep(facts);
    },
  };
}

function extractEvidence(model: DocumentModel): EvidenceFacts {
  let facts!: EvidenceFacts;
  readKmsEvents(model, [evidencePass((f) => (facts = f))]);
  return facts;
}

function evidencePass(keep: (facts: EvidenceFacts) => void): KmsEventPass {
  const facts: EvidenceFacts = { evidence: [], aliases: [], refs: [] };
  const reader = new KeyReader(facts);
  const evidence = new Evidence();
  return {
    read: (record, ev, name) => evidence.read(record, ev, name, reader),
    done() {
      facts.evidence = evidence.facts();
      facts.refs = reader.refs();
      keep(facts);
    },
  };
}

/** Passes that read and cache a CloudTrail document's lifecycle and evidence facts, for a walk shared with other views (those not known already). */
export function pendingLifecycleFacts(model: DocumentModel): KmsEventPass[] {
  if (model.kind !== 'cloudTrail') return [];
  const passes: KmsEventPass[] = [];
  if (!cache.has(model)) passes.push(lifecyclePass((facts) => cache.set(model, facts)));
  if (!evidenceCache.has(model)) passes.push(evidencePass((facts) => evidenceCache.set(model, facts)));
  return passes;
}

function base(record: JsonRecord, ev: Obj, eventName: string, kind: KeyEventFact['kind'], key: KeyRef | undefined): KeyEventFact {
  const f = eventFact(record, ev, eventName) as KeyEventFact;
  f.kind = kind;
  f.key = key;
  return f;
}

function stateOf(v: unknown): KeyState | undefined {
  return typeof v === 'string' && (KEY_STATES as readonly string[]).includes(v) ? (v as KeyState) : undefined;
}

/** The key of a service event: `resources`, else `serviceEventDetails.keyId` (a bare id, in the event's Region and account). */
function serviceEventKey(ev: Obj, reader: KeyReader): KeyRef | undefined {
  const fromResources = reader.keyOf(ev);
  if (fromResources) return fromResources;
  const details = isObject(ev.serviceEventDetails) ? ev.serviceEventDetails : undefined;
  const id = nonEmptyString(details?.keyId);
  return id ? reader.parse(id, ev) : undefined;
}

function lifecycleEvent(record: JsonRecord, ev: Obj, name: string, kind: LifecycleKind, reader: KeyReader, out: KeyEventFact[]): void {
  const rp = requestParameters(ev) ?? {};
  const re = isObject(ev.responseElements) ? ev.responseElements : {};
  switch (kind) {
    case 'create': {
      const meta = isObject(re.keyMetadata) ? re.keyMetadata : {};
      const arn = nonEmptyString(meta.arn);
      const f = base(record, ev, name, kind, (arn ? reader.parse(arn, ev) : undefined) ?? reader.keyOf(ev));
      f.origin = nonEmptyString(rp.origin) ?? nonEmptyString(meta.origin);
      f.reportedState = stateOf(meta.keyState);
      out.push(f);
      return;
    }
    case 'replicate': {
      const f = base(record, ev, name, kind, reader.keyOf(ev));
      f.region = nonEmptyString(rp.replicaRegion);
      out.push(f);
      const meta = isObject(re.replicaKeyMetadata) ? re.replicaKeyMetadata : undefined;
      const arn = nonEmptyString(meta?.arn);
      const replica = arn ? reader.parse(arn, ev) : undefined;
      if (replica && meta && !f.errorCode) {
        const r = base(record, ev, name, 'replicaCreated', replica);
        r.reportedState = stateOf(meta.keyState);
        r.origin = nonEmptyString(meta.origin);
        const config = isObject(meta.multiRegionConfiguration) ? meta.multiRegionConfiguration : undefined;
        const primary = config && isObject(config.primaryKey) ? nonEmptyString(config.primaryKey.region) : undefined;
        r.region = primary ?? nonEmptyString(ev.awsRegion);
        out.push(r);
      }
      return;
    }
    case 'delete':
    case 'rotate':
    case 'expireMaterial': {
      const f = base(record, ev, name, kind, serviceEventKey(ev, reader));
      if (kind === 'rotate') {
        const details = isObject(ev.serviceEventDetails) ? ev.serviceEventDetails : undefined;
        f.rotationType = nonEmptyString(details?.rotationType);
      }
      out.push(f);
      return;
    }
    default: {
      const f = base(record, ev, name, kind, reader.keyOf(ev));
      if (kind === 'scheduleDeletion') f.deletion = deletionSchedule(f, rp, re);
      else if (kind === 'enableRotation') f.rotationPeriodInDays = num(rp.rotationPeriodInDays);
      else if (kind === 'updatePrimaryRegion') f.region = nonEmptyString(rp.primaryRegion);
      out.push(f);
    }
  }
}

/** What a ScheduleKeyDeletion says about when the key goes. */
function deletionSchedule(f: KeyEventFact, rp: Obj, re: Obj): DeletionSchedule {
  // The request names the window, or leaves it to the default (newer responses report it either way).
  const requested = num(rp.pendingWindowInDays);
  const pendingWindowInDays = requested ?? num(re.pendingWindowInDays) ?? DEFAULT_PENDING_WINDOW;
  const keyState = re.keyState === 'PendingReplicaDeletion' ? 'PendingReplicaDeletion' : 'PendingDeletion';
  const d: DeletionSchedule = { keyState, pendingWindowInDays, defaultWindow: requested === undefined, computed: false };
  const logged = nonEmptyString(re.deletionDate);
  if (logged) d.deletionDateLogged = logged;
  let ms = parseLoggedDate(re.deletionDate);
  if (Number.isNaN(ms) && keyState === 'PendingDeletion' && !Number.isNaN(f.ms)) {
    // Older events and failed calls log no date: KMS counts the window from the request.
    ms = f.ms + pendingWindowInDays * DAY_MS;
    d.computed = true;
  }
  if (!Number.isNaN(ms)) {
    d.deletionDate = isoTime(ms);
    d.latestDeletion = isoTime(ms + DAY_MS);
  }
  return d;
}

function refused(record: JsonRecord, ev: Obj, name: string, reader: KeyReader, out: KeyEventFact[]): void {
  // ReEncrypt names two keys: either one's state can refuse it, so it is an attempt on both.
  const keys = name === 'ReEncrypt' ? reader.resourceKeys(ev) : [];
  if (keys.length === 0) {
    const key = reader.keyOf(ev);
    if (key) keys.push(key);
  }
  for (const key of keys) out.push(base(record, ev, name, 'refused', key));
}

const FARGATE_CONTEXT = 'aws:ecs:clusterName';
const DEADLINE_CONTEXT = 'aws:deadline:farmId';

function contextValue(ctx: unknown, key: string): string | undefined {
  return isObject(ctx) && typeof ctx[key] === 'string' ? ctx[key] as string : undefined;
}

/** Collects what shows Fargate ephemeral storage or Deadline Cloud using a key. */
class Evidence {
  private readonly byKey = new Map<KeyRef, Partial<Record<Service, EvidenceFact>>>();

  read(record: JsonRecord, ev: Obj, name: string, reader: KeyReader): void {
    const rp = requestParameters(ev);
    const u = isObject(ev.userIdentity) ? ev.userIdentity : undefined;
    const invokedBy = nonEmptyString(u?.invokedBy);
    let fargate: [EvidenceFact['how'], string | undefined] | undefined;
    let deadline: [EvidenceFact['how'], string | undefined] | undefined;
    if (rp) {
      const ctx = rp.encryptionContext;
      if (ctx !== undefined) {
        const cluster = contextValue(ctx, FARGATE_CONTEXT);
        if (cluster) fargate = ['context', cluster];
        const farm = contextValue(ctx, DEADLINE_CONTEXT);
        if (farm) deadline = ['context', farm];
      }
      if (name === 'CreateGrant') {
        const grantee = nonEmptyString(rp.granteePrincipal) ?? '';
        const c = isObject(rp.constraints) ? rp.constraints : undefined;
        const constrained = (key: string): string | undefined => contextValue(c?.encryptionContextSubset, key) ?? contextValue(c?.encryptionContextEquals, key);
        const cluster = constrained(FARGATE_CONTEXT);
        const farm = constrained(DEADLINE_CONTEXT);
        if (grantee.startsWith('fargate.') || cluster) fargate = ['grant', cluster];
        if (grantee.startsWith('deadline.') || farm) deadline = ['grant', farm];
      }
    }
    if (!fargate && invokedBy === 'fargate.amazonaws.com') fargate = ['caller', undefined];
    if (!deadline && invokedBy === 'deadline.amazonaws.com') deadline = ['caller', undefined];
    if (!fargate && !deadline) return;
    const key = reader.keyOf(ev);
    if (!key) return;
    if (fargate) this.add('fargate', key, fargate, record, ev, name);
    if (deadline) this.add('deadline', key, deadline, record, ev, name);
  }

  private add(service: Service, key: KeyRef, [how, detail]: [EvidenceFact['how'], string | undefined], record: JsonRecord, ev: Obj, eventName: string): void {
    let onKey = this.byKey.get(key);
    if (!onKey) this.byKey.set(key, (onKey = {}));
    const eventTime = nonEmptyString(ev.eventTime);
    const ms = timeMillis(eventTime);
    const known = onKey[service];
    if (known) {
      known.count++;
      if (!(ms >= known.ms) && !Number.isNaN(known.ms)) return; // keep the latest sighting
    }
    onKey[service] = { service, key, how, detail, record, eventName, eventTime, ms, eventId: nonEmptyString(ev.eventID), count: known ? known.count : 1 };
  }

  facts(): EvidenceFact[] {
    const out: EvidenceFact[] = [];
    for (const onKey of this.byKey.values()) {
      if (onKey.fargate) out.push(onKey.fargate);
      if (onKey.deadline) out.push(onKey.deadline);
    }
    return out;
  }
}
