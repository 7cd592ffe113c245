/**
 * AWS CLI output about keys -> facts of the key history. `describe-key` (and
 * `create-key`, which prints the same `KeyMetadata`) and
 * `get-key-rotation-status` say how one key is at the moment they ran;
 * `list-key-rotations` lists the key's completed rotations, each with its
 * date (a timed fact, replayed among the logged events as RotateKey is);
 * `list-aliases` says which key each alias points at. The lifecycle view
 * replays the first two as snapshots (lifecycle/extract.ts, build.ts); the
 * aliases join the key history's names, the one place every view (the tree,
 * the text report, the JSON report) takes a key's aliases from, whether they
 * come from this output or from CreateAlias and UpdateAlias events.
 *
 * TIME. A snapshot has no time: the outputs do not say when they were taken.
 * The rule for combining it with logged events is here, and only here:
 * - a snapshot is the latest word on the key: it is replayed after every
 *   logged event (people fetch a key's metadata to see where it stands now,
 *   after the history their logs show), `replayOrder`;
 * - except that it never undoes a deletion the logs show (a deleted key cannot
 *   be described, so any description of it came before), `snapshotApplies`;
 * - it sets no time: a state it shows has no "since", and no question about a
 *   moment ("was the key enabled when this Decrypt ran?") is answered by it
 *   (lifecycle/state.ts `stateAt` reads only events with a time).
 * When the snapshot and the logs' last event disagree, the state shown is the
 * snapshot's, and the outline says it came from the snapshot.
 */
import { isObject } from '../classify';
import type { DocumentModel, JsonRecord } from '../document/model';
import { nonEmptyString, stringArray } from '../jsonValues';
import type { AliasFact, KeyNames } from './keyReader';
import { parseKeyName, type KeyRef } from './keys';

/** What describe-key says of a key beyond its state. */
export interface KeyMetadataFacts {
  description?: string;
  keyUsage?: string;
  keySpec?: string;
  /** `AWS` for an AWS managed key, `CUSTOMER` for a customer managed key. */
  keyManager?: string;
  origin?: string;
  creationDate?: string;
  /** Imported key material expires then (`ValidTo`). */
  validTo?: string;
}

export interface MultiRegionFacts {
  /** `PRIMARY` or `REPLICA`. */
  type?: string;
  primaryArn?: string;
  replicaArns: string[];
}

export interface RotationSnapshot {
  enabled: boolean;
  periodInDays?: number;
  /** When KMS rotates the key next (`NextRotationDate`). */
  nextRotation?: string;
  /** An on-demand rotation in progress started then (`OnDemandRotationStartDate`). */
  onDemandStarted?: string;
}

/** How one key was when describe-key or get-key-rotation-status ran (at a time the output does not give). */
export interface KeySnapshot {
  record: JsonRecord;
  /** The API whose output it is. */
  eventName: 'DescribeKey' | 'GetKeyRotationStatus';
  key: KeyRef;
  /** `KeyState`, as printed. */
  state?: string;
  /** `DeletionDate`, as printed, while the key is pending deletion. */
  deletionDate?: string;
  pendingWindowInDays?: number;
  rotation?: RotationSnapshot;
  multiRegion?: MultiRegionFacts;
  metadata?: KeyMetadataFacts;
}

/**
 * A rotation of a key's material as list-key-rotations lists it: unlike a
 * snapshot it has a time (`RotationDate`), so it takes its place among the
 * logged events, as a RotateKey event would.
 */
export interface ListedRotation {
  record: JsonRecord;
  key: KeyRef;
  /** `RotationDate`, ISO 8601. */
  at: string;
  ms: number;
  /** `AUTOMATIC` or `ON_DEMAND`. */
  type?: string;
}

export interface OutputFacts extends KeyNames {
  snapshots: KeySnapshot[];
  rotations: ListedRotation[];
}

/**
 * A snapshot comes after every logged event, whatever its time; among
 * themselves, facts keep the order the caller gives them. A sort key: smaller
 * first (unknown times of logged events sort as Infinity, before snapshots).
 */
export function replayOrder(fact: { ms: number; snapshot?: unknown }): number {
  if (fact.snapshot !== undefined) return Number.POSITIVE_INFINITY;
  return Number.isNaN(fact.ms) ? Number.MAX_VALUE : fact.ms;
}

/** Whether a snapshot's state replaces the state the logs left the key in. */
export function snapshotApplies(stateFromLogs: string | undefined): boolean {
  return stateFromLogs !== 'Deleted';
}

const EMPTY: OutputFacts = { snapshots: [], rotations: [], aliases: [], refs: [] };
const cache = new WeakMap<DocumentModel, OutputFacts>();

/** The facts of an AWS CLI output about keys; nothing for any other document. */
export function keyOutputFacts(model: DocumentModel): OutputFacts {
  if (model.kind !== 'kmsOutput') return EMPTY;
  let facts = cache.get(model);
  if (!facts) {
    facts = read(model);
    cache.set(model, facts);
  }
  return facts;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The CLI prints dates as ISO 8601 (v2) or epoch seconds (v1): ISO either way. */
function date(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000).toISOString().replace('.000Z', 'Z');
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined;
}

function read(model: DocumentModel): OutputFacts {
  const facts: OutputFacts = { snapshots: [], rotations: [], aliases: [], refs: [] };
  // By each record's shape: a file of outputs appended one after another may mix the commands.
  for (const record of model.records) {
    const v = record.value;
    if (!isObject(v)) continue;
    if (typeof v.KeyRotationEnabled === 'boolean') rotationStatus(record, v, facts);
    else if (typeof v.AliasName === 'string') alias(v, facts.aliases);
    else if (v.Arn === undefined && (v.RotationDate !== undefined || v.RotationType !== undefined || typeof v.KeyMaterialId === 'string')) listedRotation(record, v, facts.rotations);
    else describeKey(record, v, facts);
  }
  for (const s of facts.snapshots) facts.refs.push(s.key);
  for (const r of facts.rotations) facts.refs.push(r.key);
  for (const a of facts.aliases) facts.refs.push(a.target);
  return facts;
}

/** The key a snapshot is about: its ARN, else its id in the account the output names (the Region is unknown then). */
function keyRefOf(arn: string | undefined, id: string | undefined, account: string | undefined): KeyRef | undefined {
  const fromArn = arn ? parseKeyName(arn) : undefined;
  if (fromArn?.keyId) return fromArn;
  return id ? parseKeyName(id, { account }) : undefined;
}

function describeKey(record: JsonRecord, meta: Record<string, unknown>, facts: OutputFacts): void {
  const key = keyRefOf(nonEmptyString(meta.Arn), nonEmptyString(meta.KeyId), nonEmptyString(meta.AWSAccountId));
  if (!key) return;
  const snapshot: KeySnapshot = { record, eventName: 'DescribeKey', key, state: nonEmptyString(meta.KeyState) };
  if (snapshot.state === 'PendingDeletion' || snapshot.state === 'PendingReplicaDeletion') {
    snapshot.deletionDate = date(meta.DeletionDate);
    snapshot.pendingWindowInDays = num(meta.PendingDeletionWindowInDays);
  }
  const config = isObject(meta.MultiRegionConfiguration) ? meta.MultiRegionConfiguration : undefined;
  if (config) {
    const primary = isObject(config.PrimaryKey) ? nonEmptyString(config.PrimaryKey.Arn) : undefined;
    const replicas = Array.isArray(config.ReplicaKeys) ? config.ReplicaKeys.map((r) => (isObject(r) ? r.Arn : undefined)) : [];
    snapshot.multiRegion = { type: nonEmptyString(config.MultiRegionKeyType), primaryArn: primary, replicaArns: stringArray(replicas) };
  }
  snapshot.metadata = {
    description: nonEmptyString(meta.Description),
    keyUsage: nonEmptyString(meta.KeyUsage),
    keySpec: nonEmptyString(meta.KeySpec) ?? nonEmptyString(meta.CustomerMasterKeySpec),
    keyManager: nonEmptyString(meta.KeyManager),
    origin: nonEmptyString(meta.Origin),
    creationDate: date(meta.CreationDate),
    validTo: date(meta.ValidTo),
  };
  facts.snapshots.push(snapshot);
}

function rotationStatus(record: JsonRecord, v: Record<string, unknown>, facts: OutputFacts): void {
  // Older CLI versions print only KeyRotationEnabled: such an output names no key and says nothing here.
  const key = keyRefOf(nonEmptyString(v.KeyId), nonEmptyString(v.KeyId), undefined);
  if (!key || typeof v.KeyRotationEnabled !== 'boolean') return;
  facts.snapshots.push({
    record,
    eventName: 'GetKeyRotationStatus',
    key,
    rotation: { enabled: v.KeyRotationEnabled, periodInDays: num(v.RotationPeriodInDays), nextRotation: date(v.NextRotationDate), onDemandStarted: date(v.OnDemandRotationStartDate) },
  });
}

/** An entry of list-key-rotations: a completed rotation, at its RotationDate; entries without a date say nothing of when. */
function listedRotation(record: JsonRecord, v: Record<string, unknown>, out: ListedRotation[]): void {
  const at = date(v.RotationDate);
  const id = nonEmptyString(v.KeyId);
  const key = id ? parseKeyName(id) : undefined;
  if (!at || !key?.keyId) return;
  out.push({ record, key, at, ms: Date.parse(at), type: nonEmptyString(v.RotationType) });
}

/** An entry of list-aliases: the alias and the key it points at, in the account and Region of its ARN. */
function alias(v: Record<string, unknown>, out: AliasFact[]): void {
  const name = nonEmptyString(v.AliasName);
  const target = nonEmptyString(v.TargetKeyId);
  const arn = nonEmptyString(v.AliasArn);
  if (!name || !target) return; // AWS managed aliases not yet in use point at nothing
  const where = arn ? parseKeyName(arn) : undefined;
  const scope = { region: where?.region, account: where?.account };
  const ref = parseKeyName(target, scope);
  // No time: like the other snapshots, list-aliases is the latest word on where the alias points.
  if (ref?.keyId) out.push({ alias: name, scope, target: ref, at: Number.POSITIVE_INFINITY });
}
