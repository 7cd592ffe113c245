/**
 * One document -> the facts about grants in it: lifecycle events (CreateGrant,
 * RetireGrant, RevokeGrant), list-grants entries, cryptographic operations
 * (possible uses of a grant) and alias mappings. One pass over the model's
 * records, reading the values `JSON.parse` already made: no parse tree.
 *
 * Facts are cached per model object, and the editor's cache keeps one model
 * per document version, so a change to one document re-reads only that one.
 */
import { isEventLike, isObject } from '../classify';
import type { DocumentModel, JsonRecord } from '../document/model';
import { readConstraints } from './constraints';
import { parseKeyName, type KeyRef, type KeyScope } from './keys';
import { actorOf } from './principals';
import { timeMillis } from '../text/cloudTrailTime';
import type { Actor, GrantConstraints } from './types';

type Obj = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Cryptographic operations, and the grant operation each one needs. ReEncrypt needs one per key. */
export const USE_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ['Decrypt', 'Decrypt'],
  ['Encrypt', 'Encrypt'],
  ['GenerateDataKey', 'GenerateDataKey'],
  ['GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext'],
  ['GenerateDataKeyPair', 'GenerateDataKeyPair'],
  ['GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyPairWithoutPlaintext'],
  ['Sign', 'Sign'],
  ['Verify', 'Verify'],
  ['GenerateMac', 'GenerateMac'],
  ['VerifyMac', 'VerifyMac'],
  ['DeriveSharedSecret', 'DeriveSharedSecret'],
]);

interface FactBase {
  record: JsonRecord;
  eventName: string;
  eventTime?: string;
  /** Milliseconds since the epoch; NaN when the time is missing or unreadable. */
  ms: number;
  eventId?: string;
  errorCode?: string;
  /** The key as the event names it (resolved against every other document later). */
  key?: KeyRef;
}

interface LifecycleBase extends FactBase {
  errorMessage?: string;
  actor?: Actor;
}

export interface CreateFact extends LifecycleBase {
  kind: 'create';
  grantId?: string;
  name?: string;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  operations: string[];
  constraints?: GrantConstraints;
  dryRun: boolean;
}

export interface EndFact extends LifecycleBase {
  kind: 'retire' | 'revoke';
  grantId?: string;
}

export interface ListFact extends LifecycleBase {
  kind: 'list';
  grantId?: string;
  name?: string;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  issuingAccount?: string;
  operations: string[];
  constraints?: GrantConstraints;
}

/**
 * One cryptographic operation on one key (ReEncrypt gives two: From on the
 * source, To on the destination). Logs are mostly these, so they stay small:
 * the caller and the rest are read from the record only when needed.
 */
export interface UseFact extends FactBase {
  kind: 'use';
  /** The grant operation that would allow it. */
  operation: string;
  context: unknown;
}

export type LifecycleFact = CreateFact | EndFact | ListFact;

export interface AliasFact {
  alias: string;
  scope: KeyScope;
  target: KeyRef;
}

/**
 * The events of one document by eventID, to find an event again in another
 * document: same eventID, eventName and eventTime. (AWS documentation reuses
 * placeholder eventIDs for different events, so the id alone is not enough.)
 */
export class EventIds {
  private readonly ids = new Map<string, JsonRecord | JsonRecord[]>();

  constructor(records: Iterable<JsonRecord>) {
    for (const record of records) {
      const id = eventIdOf(record);
      if (id === undefined) continue;
      const known = this.ids.get(id);
      if (known === undefined) this.ids.set(id, record);
      else if (known !== record && !(Array.isArray(known) && known.includes(record))) this.ids.set(id, Array.isArray(known) ? [...known, record] : [known, record]);
    }
  }

  /** The record of the same event here, if any. */
  find(record: JsonRecord): JsonRecord | undefined {
    const id = eventIdOf(record);
    const known = id === undefined ? undefined : this.ids.get(id);
    if (known === undefined) return undefined;
    for (const r of Array.isArray(known) ? known : [known]) if (r === record || sameEvent(r, record)) return r;
    return undefined;
  }
}

function eventIdOf(record: JsonRecord): string | undefined {
  return str((record.value as Obj).eventID);
}

function sameEvent(a: JsonRecord, b: JsonRecord): boolean {
  const x = a.value as Obj;
  const y = b.value as Obj;
  return x.eventName === y.eventName && x.eventTime === y.eventTime;
}

/** Facts of one document that other documents' facts are checked against (made on first use, kept with the facts). */
const idIndexes = new WeakMap<DocumentFacts, EventIds>();

export function eventIds(facts: DocumentFacts): EventIds {
  let ids = idIndexes.get(facts);
  if (!ids) {
    ids = new EventIds([...facts.lifecycle.map((f) => f.record), ...facts.uses.map((f) => f.record)]);
    idIndexes.set(facts, ids);
  }
  return ids;
}

export interface DocumentFacts {
  /** By eventTime (document order when equal); each event once. */
  lifecycle: LifecycleFact[];
  /** Successful cryptographic operations, by eventTime; each event once. */
  uses: UseFact[];
  aliases: AliasFact[];
  /** Every key ref the facts use (shared objects). */
  refs: KeyRef[];
  /** Events of this document seen a second time in it (and dropped). */
  duplicates: number;
}

const emptyFacts = (): DocumentFacts => ({ lifecycle: [], uses: [], aliases: [], refs: [], duplicates: 0 });
const EMPTY: DocumentFacts = emptyFacts();
const cache = new WeakMap<DocumentModel, DocumentFacts>();

/** The facts of a CloudTrail or list-grants document; nothing for any other kind. */
export function documentFacts(model: DocumentModel): DocumentFacts {
  if (model.kind !== 'cloudTrail' && model.kind !== 'listGrants') return EMPTY;
  let facts = cache.get(model);
  if (!facts) {
    facts = model.kind === 'listGrants' ? listGrantsFacts(model) : cloudTrailFacts(model);
    cache.set(model, facts);
  }
  return facts;
}

function cloudTrailFacts(model: DocumentModel): DocumentFacts {
  const facts = emptyFacts();
  const reader = new KeyReader(facts);
  for (const record of model.records) {
    const e = record.value;
    if (!isEventLike(e)) continue;
    const ev = e as Obj;
    if (ev.eventSource !== 'kms.amazonaws.com') continue;
    const name = ev.eventName;
    if (typeof name !== 'string') continue;
    const use = USE_OPERATIONS.get(name);
    const lifecycle = name === 'CreateGrant' || name === 'RetireGrant' || name === 'RevokeGrant';
    if (use === undefined && !lifecycle && name !== 'ReEncrypt') {
      if (name === 'CreateAlias' || name === 'UpdateAlias') aliasFact(ev, reader, facts.aliases);
      continue;
    }
    // A failed call used nothing; only a failed CreateGrant, RetireGrant or RevokeGrant is worth showing.
    if (!lifecycle && ev.errorCode !== undefined && ev.errorCode !== null && ev.errorCode !== '') continue;
    if (name === 'CreateGrant') facts.lifecycle.push(createFact(record, ev, reader));
    else if (lifecycle) facts.lifecycle.push(endFact(record, ev, reader, name === 'RetireGrant' ? 'retire' : 'revoke'));
    else if (use !== undefined) facts.uses.push(useFact(record, ev, name, use, reader.keyOf(ev), requestParameters(ev)?.encryptionContext));
    else reEncryptFacts(record, ev, reader, facts.uses);
  }
  facts.refs = reader.refs();
  byTime(facts.lifecycle);
  byTime(facts.uses);
  facts.lifecycle = dropDuplicates(facts.lifecycle, facts);
  facts.uses = dropDuplicates(facts.uses, facts);
  return facts;
}

/** Stable sort by time; unknown times last. CloudTrail files are in no particular order. */
function byTime(facts: Array<{ ms: number }>): void {
  const key = (ms: number): number => (Number.isNaN(ms) ? Infinity : ms);
  for (let i = 1; i < facts.length; i++) {
    if (key(facts[i - 1].ms) > key(facts[i].ms)) {
      facts.sort((a, b) => key(a.ms) - key(b.ms) || 0);
      return;
    }
  }
}

/**
 * Drops the second sighting of an event in one document. Sorted by time, the
 * copies of an event are among the facts of the same second, so no index of
 * every eventID is needed. (Both sides of one ReEncrypt share a record.)
 */
function dropDuplicates<F extends LifecycleFact | UseFact>(facts: F[], counts: { duplicates: number }): F[] {
  const sameTime = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));
  const duplicate = new Set<F>();
  for (let start = 0, end = 1; start < facts.length; start = end, end = start + 1) {
    while (end < facts.length && sameTime(facts[end].ms, facts[start].ms)) end++;
    if (end - start < 2) continue;
    // Within one second: by eventID (a busy account logs hundreds of events a second).
    const byId = new Map<string, F[]>();
    for (let i = start; i < end; i++) {
      const f = facts[i];
      if (f.eventId === undefined) continue;
      const same = byId.get(f.eventId);
      if (!same) {
        byId.set(f.eventId, [f]);
        continue;
      }
      if (same.some((o) => o.record !== f.record && sameEvent(o.record, f.record))) {
        duplicate.add(f);
        if (f.kind !== 'use' || f.operation !== 'ReEncryptTo') counts.duplicates++;
      } else same.push(f);
    }
  }
  return duplicate.size === 0 ? facts : facts.filter((f) => !duplicate.has(f));
}

export function requestParameters(ev: Obj): Obj | undefined {
  return isObject(ev.requestParameters) ? ev.requestParameters : undefined;
}

/** The fields every lifecycle fact has; written out (no spread) so that facts keep one shape. */
function lifecycleBase(record: JsonRecord, ev: Obj, eventName: string): LifecycleBase {
  const eventTime = str(ev.eventTime);
  return {
    record,
    eventName,
    eventTime,
    ms: timeMillis(eventTime),
    eventId: str(ev.eventID),
    errorCode: str(ev.errorCode),
    errorMessage: str(ev.errorMessage),
    actor: actorOf(ev.userIdentity),
    key: undefined,
  };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function createFact(record: JsonRecord, ev: Obj, reader: KeyReader): CreateFact {
  const rp = requestParameters(ev) ?? {};
  const re = isObject(ev.responseElements) ? ev.responseElements : {};
  const f = lifecycleBase(record, ev, 'CreateGrant') as CreateFact;
  f.kind = 'create';
  f.key = reader.keyOf(ev);
  f.grantId = str(re.grantId);
  f.name = str(rp.name);
  f.granteePrincipal = str(rp.granteePrincipal);
  f.retiringPrincipal = str(rp.retiringPrincipal);
  f.operations = strings(rp.operations);
  f.constraints = readConstraints(rp.constraints);
  f.dryRun = rp.dryRun === true;
  return f;
}

function endFact(record: JsonRecord, ev: Obj, reader: KeyReader, kind: 'retire' | 'revoke'): EndFact {
  const rp = requestParameters(ev);
  const extra = isObject(ev.additionalEventData) ? ev.additionalEventData : undefined;
  const f = lifecycleBase(record, ev, kind === 'retire' ? 'RetireGrant' : 'RevokeGrant') as EndFact;
  f.kind = kind;
  f.key = reader.keyOf(ev);
  // RetireGrant logs `requestParameters: null` and the grant id in additionalEventData.
  f.grantId = str(rp?.grantId) ?? str(extra?.grantId);
  return f;
}

function useFact(record: JsonRecord, ev: Obj, eventName: string, operation: string, key: KeyRef | undefined, context: unknown): UseFact {
  const eventTime = str(ev.eventTime);
  return {
    kind: 'use',
    record,
    eventName,
    eventTime,
    ms: timeMillis(eventTime),
    eventId: str(ev.eventID),
    errorCode: str(ev.errorCode),
    key,
    operation,
    context,
  };
}

/** ReEncrypt decrypts under the source key (ReEncryptFrom) and encrypts under the destination key (ReEncryptTo). */
function reEncryptFacts(record: JsonRecord, ev: Obj, reader: KeyReader, out: UseFact[]): void {
  const rp = requestParameters(ev) ?? {};
  const destination = str(rp.destinationKeyId) ? reader.parse(rp.destinationKeyId as string, ev) : undefined;
  const resources = reader.resourceKeys(ev);
  let source = str(rp.sourceKeyId) ? reader.parse(rp.sourceKeyId as string, ev) : undefined;
  if (!source || !source.keyId) {
    // Older events do not log the source key: it is the resource that is not the destination,
    // or the only resource when the data was re-encrypted under the same key.
    source = resources.find((r) => !destination || r.keyId !== destination.keyId) ?? (resources.length === 1 ? resources[0] : source);
  }
  if (!source && !destination) source = reader.keyOf(ev); // not the documented shape: one key, one context
  if (source) out.push(useFact(record, ev, 'ReEncrypt', 'ReEncryptFrom', reader.upgrade(source, resources), rp.sourceEncryptionContext ?? rp.encryptionContext));
  if (destination) out.push(useFact(record, ev, 'ReEncrypt', 'ReEncryptTo', reader.upgrade(destination, resources), rp.destinationEncryptionContext));
}

function aliasFact(ev: Obj, reader: KeyReader, out: AliasFact[]): void {
  const rp = requestParameters(ev);
  const alias = str(rp?.aliasName);
  const target = str(rp?.targetKeyId);
  if (!alias || !target || ev.errorCode) return;
  const ref = reader.parse(target, ev);
  if (ref?.keyId) out.push({ alias, scope: reader.scopeOf(ev), target: reader.upgrade(ref, reader.resourceKeys(ev)) });
}

/**
 * Finds the key an event is about, with a cache of parsed names (a log names
 * the same few keys thousands of times). Shared with the key lifecycle facts,
 * so that both read keys the same way.
 */
export class KeyReader {
  private readonly parsed = new Map<string, KeyRef | undefined>();

  constructor(private readonly facts: { aliases: AliasFact[] }) {}

  /** Every distinct ref handed out, alias targets included. */
  refs(): KeyRef[] {
    const out = new Set<KeyRef>();
    for (const r of this.parsed.values()) if (r) out.add(r);
    for (const a of this.facts.aliases) out.add(a.target);
    return [...out];
  }

  scopeOf(ev: Obj): KeyScope {
    const u = isObject(ev.userIdentity) ? ev.userIdentity : undefined;
    // A key named by id or alias is in the caller's account, in the Region the call went to.
    return { region: str(ev.awsRegion), account: str(u?.accountId) ?? str(ev.recipientAccountId) };
  }

  /** The ref for one way of naming a key; the same object for the same name in the same scope. */
  parse(s: string, ev: Obj | undefined): KeyRef | undefined {
    let k = s;
    let scope: KeyScope = {};
    if (!s.startsWith('arn:') && ev) {
      scope = this.scopeOf(ev);
      k = `${scope.region ?? ''}|${scope.account ?? ''}|${s}`;
    }
    let ref = this.parsed.get(k);
    if (ref === undefined && !this.parsed.has(k)) {
      ref = parseKeyName(s, scope);
      this.parsed.set(k, ref);
    }
    return ref;
  }

  resourceKeys(ev: Obj): KeyRef[] {
    const out: KeyRef[] = [];
    if (!Array.isArray(ev.resources)) return out;
    for (const r of ev.resources) {
      const arn = isObject(r) ? str(r.ARN) : undefined;
      const ref = arn ? this.parse(arn, undefined) : undefined;
      if (ref?.keyId) out.push(ref);
    }
    return out;
  }

  /** A bare key id becomes the ARN among `resources` with the same id. */
  upgrade(ref: KeyRef, resources: KeyRef[]): KeyRef {
    if (!ref.keyId) return ref;
    return resources.find((r) => r.keyId === ref.keyId && r.region !== undefined && r.account !== undefined) ?? ref;
  }

  /**
   * The key of a single-key event. responseElements.keyId is the key ARN KMS
   * resolved (logged since December 2022); then requestParameters.keyId (an id,
   * ARN, alias or alias ARN); then `resources`. When the request names an alias
   * and `resources` names one key, the event also says what the alias points at.
   */
  keyOf(ev: Obj): KeyRef | undefined {
    const re = isObject(ev.responseElements) ? ev.responseElements : undefined;
    const responseKey = str(re?.keyId);
    const fromResponse = responseKey ? this.parse(responseKey, ev) : undefined;
    if (fromResponse?.keyId && fromResponse.region && fromResponse.account) return fromResponse;
    const rp = requestParameters(ev);
    const requestKey = str(rp?.keyId);
    const fromRequest = requestKey ? this.parse(requestKey, ev) : undefined;
    if (fromRequest?.keyId) {
      // A key ARN says where the key is. A bare key id is in the Region of the call, unless `resources`
      // names the same id elsewhere (AWS's own examples log awsRegion us-east-1 for a us-west-2 key).
      if (requestKey?.startsWith('arn:') && fromRequest.region && fromRequest.account) return fromRequest;
      return this.upgrade(fromRequest, this.resourceKeys(ev));
    }
    const resources = this.resourceKeys(ev);
    if (fromRequest?.alias) {
      if (resources.length === 1) {
        this.facts.aliases.push({ alias: fromRequest.alias, scope: { region: fromRequest.region, account: fromRequest.account }, target: resources[0] });
        return resources[0];
      }
      return fromRequest;
    }
    if (fromResponse?.keyId) return this.upgrade(fromResponse, resources);
    return resources[0];
  }
}

function listGrantsFacts(model: DocumentModel): DocumentFacts {
  const facts = emptyFacts();
  for (const record of model.records) {
    const g = record.value;
    if (!isObject(g)) continue;
    const created = creationDate(g.CreationDate);
    const keyId = str(g.KeyId);
    const f: ListFact = {
      kind: 'list',
      record,
      eventName: 'ListGrants',
      eventTime: created,
      ms: timeMillis(created),
      key: keyId ? parseKeyName(keyId) : undefined,
      grantId: str(g.GrantId),
      name: str(g.Name),
      granteePrincipal: str(g.GranteePrincipal),
      retiringPrincipal: str(g.RetiringPrincipal),
      issuingAccount: str(g.IssuingAccount),
      operations: strings(g.Operations),
      constraints: readConstraints(g.Constraints),
    };
    facts.lifecycle.push(f);
    if (f.key) facts.refs.push(f.key);
  }
  byTime(facts.lifecycle);
  return facts;
}

/** The AWS CLI prints CreationDate as ISO 8601 (v2) or as epoch seconds (older versions). */
function creationDate(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000).toISOString().replace('.000Z', 'Z');
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
  return undefined;
}
