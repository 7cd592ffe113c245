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
import { actorOf, callerTokens } from './principals';
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
  /** Same event seen twice: same eventID, eventName and eventTime. */
  dedupe?: string;
  errorCode?: string;
  errorMessage?: string;
  actor?: Actor;
  /** `KeyRegistry.add` strings are made later; the ref as the event gives it. */
  key?: KeyRef;
}

export interface CreateFact extends FactBase {
  kind: 'create';
  grantId?: string;
  name?: string;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  operations: string[];
  constraints?: GrantConstraints;
  dryRun: boolean;
}

export interface EndFact extends FactBase {
  kind: 'retire' | 'revoke';
  grantId?: string;
}

export interface ListFact extends FactBase {
  kind: 'list';
  grantId?: string;
  name?: string;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  issuingAccount?: string;
  operations: string[];
  constraints?: GrantConstraints;
}

/** One cryptographic operation on one key (ReEncrypt gives two: From on the source, To on the destination). */
export interface UseFact extends FactBase {
  kind: 'use';
  /** The grant operation that would allow it. */
  operation: string;
  context: unknown;
  callers: string[];
}

export type LifecycleFact = CreateFact | EndFact | ListFact;

export interface AliasFact {
  alias: string;
  scope: KeyScope;
  target: KeyRef;
}

export interface DocumentFacts {
  lifecycle: LifecycleFact[];
  uses: UseFact[];
  aliases: AliasFact[];
}

const EMPTY: DocumentFacts = { lifecycle: [], uses: [], aliases: [] };
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
  const facts: DocumentFacts = { lifecycle: [], uses: [], aliases: [] };
  const reader = new KeyReader(facts);
  for (const record of model.records) {
    const e = record.value;
    if (!isEventLike(e)) continue;
    const ev = e as Obj;
    if (ev.eventSource !== 'kms.amazonaws.com') continue;
    const name = ev.eventName;
    if (typeof name !== 'string') continue;
    if (name === 'CreateGrant') facts.lifecycle.push(createFact(record, ev, reader));
    else if (name === 'RetireGrant' || name === 'RevokeGrant') facts.lifecycle.push(endFact(record, ev, reader, name === 'RetireGrant' ? 'retire' : 'revoke'));
    else if (name === 'ReEncrypt') reEncryptFacts(record, ev, reader, facts.uses);
    else if (USE_OPERATIONS.has(name)) facts.uses.push(useFact(record, ev, name, USE_OPERATIONS.get(name) as string, reader.keyOf(ev), requestParameters(ev)?.encryptionContext));
    else if (name === 'CreateAlias' || name === 'UpdateAlias') aliasFact(ev, reader, facts.aliases);
  }
  return facts;
}

function requestParameters(ev: Obj): Obj | undefined {
  return isObject(ev.requestParameters) ? ev.requestParameters : undefined;
}

function base(record: JsonRecord, ev: Obj, eventName: string): FactBase {
  const eventTime = str(ev.eventTime);
  const eventId = str(ev.eventID);
  const f: FactBase = { record, eventName, ms: eventTime ? Date.parse(eventTime) : Number.NaN };
  if (eventTime) f.eventTime = eventTime;
  if (eventId) {
    f.eventId = eventId;
    // AWS documentation reuses one placeholder eventID for different events: the same id, name and time is the same event.
    f.dedupe = `${eventId}|${eventName}|${eventTime ?? ''}`;
  }
  const errorCode = str(ev.errorCode);
  if (errorCode) f.errorCode = errorCode;
  const errorMessage = str(ev.errorMessage);
  if (errorMessage) f.errorMessage = errorMessage;
  const actor = actorOf(ev.userIdentity);
  if (actor) f.actor = actor;
  return f;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function createFact(record: JsonRecord, ev: Obj, reader: KeyReader): CreateFact {
  const rp = requestParameters(ev) ?? {};
  const re = isObject(ev.responseElements) ? ev.responseElements : {};
  const f: CreateFact = { ...base(record, ev, 'CreateGrant'), kind: 'create', operations: strings(rp.operations), dryRun: rp.dryRun === true, key: reader.keyOf(ev) };
  const grantId = str(re.grantId);
  if (grantId) f.grantId = grantId;
  const name = str(rp.name);
  if (name) f.name = name;
  const grantee = str(rp.granteePrincipal);
  if (grantee) f.granteePrincipal = grantee;
  const retiring = str(rp.retiringPrincipal);
  if (retiring) f.retiringPrincipal = retiring;
  const constraints = readConstraints(rp.constraints);
  if (constraints) f.constraints = constraints;
  return f;
}

function endFact(record: JsonRecord, ev: Obj, reader: KeyReader, kind: 'retire' | 'revoke'): EndFact {
  const rp = requestParameters(ev);
  const extra = isObject(ev.additionalEventData) ? ev.additionalEventData : undefined;
  // RetireGrant logs `requestParameters: null` and the grant id in additionalEventData.
  const f: EndFact = { ...base(record, ev, kind === 'retire' ? 'RetireGrant' : 'RevokeGrant'), kind, key: reader.keyOf(ev) };
  const grantId = str(rp?.grantId) ?? str(extra?.grantId);
  if (grantId) f.grantId = grantId;
  return f;
}

function useFact(record: JsonRecord, ev: Obj, name: string, operation: string, key: KeyRef | undefined, context: unknown): UseFact {
  const f: UseFact = { ...base(record, ev, name), kind: 'use', operation, context, callers: callerTokens(ev.userIdentity) };
  if (key) f.key = key;
  return f;
}

/** ReEncrypt decrypts under the source key (ReEncryptFrom) and encrypts under the destination key (ReEncryptTo). */
function reEncryptFacts(record: JsonRecord, ev: Obj, reader: KeyReader, out: UseFact[]): void {
  const rp = requestParameters(ev) ?? {};
  const scope = reader.scopeOf(ev);
  const destination = str(rp.destinationKeyId) ? parseKeyName(rp.destinationKeyId as string, scope) : undefined;
  const resources = reader.resourceKeys(ev);
  let source = str(rp.sourceKeyId) ? parseKeyName(rp.sourceKeyId as string, scope) : undefined;
  if (!source || !source.keyId) {
    // Older events do not log the source key: it is the resource that is not the destination.
    source = resources.find((r) => !destination || r.keyId !== destination.keyId) ?? source;
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
  const scope = reader.scopeOf(ev);
  const ref = parseKeyName(target, scope);
  if (ref?.keyId) out.push({ alias, scope, target: reader.upgrade(ref, reader.resourceKeys(ev)) });
}

/** Finds the key an event is about, with a cache of parsed names (a log names the same few keys thousands of times). */
class KeyReader {
  private readonly parsed = new Map<string, KeyRef | undefined>();

  constructor(private readonly facts: DocumentFacts) {}

  scopeOf(ev: Obj): KeyScope {
    const u = isObject(ev.userIdentity) ? ev.userIdentity : undefined;
    // A key named by id or alias is in the caller's account, in the Region the call went to.
    return { region: str(ev.awsRegion), account: str(u?.accountId) ?? str(ev.recipientAccountId) };
  }

  parse(s: string, scope: KeyScope): KeyRef | undefined {
    const bare = !s.startsWith('arn:');
    const k = bare ? `${scope.region ?? ''}|${scope.account ?? ''}|${s}` : s;
    if (this.parsed.has(k)) return this.parsed.get(k);
    const ref = parseKeyName(s, scope);
    this.parsed.set(k, ref);
    return ref;
  }

  resourceKeys(ev: Obj): KeyRef[] {
    const out: KeyRef[] = [];
    if (!Array.isArray(ev.resources)) return out;
    for (const r of ev.resources) {
      const arn = isObject(r) ? str(r.ARN) : undefined;
      const ref = arn ? this.parse(arn, {}) : undefined;
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
    const scope = this.scopeOf(ev);
    const re = isObject(ev.responseElements) ? ev.responseElements : undefined;
    const fromResponse = str(re?.keyId) ? this.parse(re?.keyId as string, scope) : undefined;
    if (fromResponse?.keyId && fromResponse.region && fromResponse.account) return fromResponse;
    const rp = requestParameters(ev);
    const fromRequest = str(rp?.keyId) ? this.parse(rp?.keyId as string, scope) : undefined;
    const resources = this.resourceKeys(ev);
    if (fromRequest?.keyId) return this.upgrade(fromRequest, resources);
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
  const facts: DocumentFacts = { lifecycle: [], uses: [], aliases: [] };
  for (const record of model.records) {
    const g = record.value;
    if (!isObject(g)) continue;
    const created = creationDate(g.CreationDate);
    const f: ListFact = { record, eventName: 'ListGrants', ms: created ? Date.parse(created) : Number.NaN, kind: 'list', operations: strings(g.Operations) };
    if (created) f.eventTime = created;
    const keyId = str(g.KeyId);
    const key = keyId ? parseKeyName(keyId) : undefined;
    if (key) f.key = key;
    const grantId = str(g.GrantId);
    if (grantId) f.grantId = grantId;
    const name = str(g.Name);
    if (name) f.name = name;
    const grantee = str(g.GranteePrincipal);
    if (grantee) f.granteePrincipal = grantee;
    const retiring = str(g.RetiringPrincipal);
    if (retiring) f.retiringPrincipal = retiring;
    const issuing = str(g.IssuingAccount);
    if (issuing) f.issuingAccount = issuing;
    const constraints = readConstraints(g.Constraints);
    if (constraints) f.constraints = constraints;
    facts.lifecycle.push(f);
  }
  return facts;
}

/** The AWS CLI prints CreationDate as ISO 8601 (v2) or as epoch seconds (older versions). */
function creationDate(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000).toISOString().replace('.000Z', 'Z');
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
  return undefined;
}
