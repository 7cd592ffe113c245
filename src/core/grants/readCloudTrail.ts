/**
 * CloudTrail events -> grant facts: CreateGrant, RetireGrant and RevokeGrant
 * (a grant's own life), cryptographic operations (possible uses of a grant)
 * and alias mappings. One pass over the model's records, reading the values
 * `JSON.parse` already made: no parse tree.
 */
import { isObject } from '../classify';
import type { DocumentModel, JsonRecord } from '../document/model';
import { byTime, eventFact, readKmsEvents, requestParameters, sameEvent, type KmsEventPass, type Obj } from '../history/events';
import { actorOf } from '../history/actors';
import { KeyReader } from '../history/keyReader';
import type { KeyRef } from '../history/keys';
import { USE_OPERATIONS } from '../history/operations';
import { nonEmptyString, stringArray } from '../jsonValues';
import { timeMillis } from '../text/cloudTrailTime';
import { readConstraints } from './constraints';
import { emptyGrantFacts, type CreateFact, type EndFact, type GrantEventFact, type GrantFacts, type UseFact } from './facts';

export function cloudTrailGrantFacts(model: DocumentModel, options?: FactsOptions): GrantFacts {
  let facts!: GrantFacts;
  readKmsEvents(model, [grantFactsPass((f) => (facts = f), options)]);
  return facts;
}

export interface FactsOptions {
  /**
   * false: no use facts (which call could have gone through which grant). The
   * evaluator needs only the grants' lives; on a big log the uses are most of
   * the facts. The keys the uses name are still read, so that the keys and
   * aliases known are the same as with them.
   */
  uses?: boolean;
}

/** The grant facts of a CloudTrail document as one pass over its events, handed to `keep` at the end. */
export function grantFactsPass(keep: (facts: GrantFacts) => void, options: FactsOptions = {}): KmsEventPass {
  const facts = emptyGrantFacts();
  const reader = new KeyReader(facts);
  const withUses = options.uses !== false;
  return {
    read(record, ev, name) {
      const use = USE_OPERATIONS.get(name);
      const grantEvent = name === 'CreateGrant' || name === 'RetireGrant' || name === 'RevokeGrant';
      if (use === undefined && !grantEvent && name !== 'ReEncrypt') {
        if (name === 'CreateAlias' || name === 'UpdateAlias') reader.readAlias(ev);
        return;
      }
      // A failed call used nothing; only a failed CreateGrant, RetireGrant or RevokeGrant is worth showing.
      if (!grantEvent && ev.errorCode !== undefined && ev.errorCode !== null && ev.errorCode !== '') return;
      if (name === 'CreateGrant') facts.events.push(createFact(record, ev, reader));
      else if (grantEvent) facts.events.push(endFact(record, ev, reader, name === 'RetireGrant' ? 'retire' : 'revoke'));
      // Without uses, ReEncrypt's facts are still made, for the keys they read, and dropped.
      else if (use === undefined) reEncryptFacts(record, ev, reader, withUses ? facts.uses : []);
      else if (withUses) facts.uses.push(useFact(record, ev, name, use, reader.keyOf(ev), requestParameters(ev)?.encryptionContext));
      else reader.keyOf(ev);
    },
    done() {
      facts.refs = reader.refs();
      byTime(facts.events);
      byTime(facts.uses);
      facts.events = dropDuplicates(facts.events, facts);
      facts.uses = dropDuplicates(facts.uses, facts);
      keep(facts);
    },
  };
}

/**
 * Drops the second sighting of an event in one document. Sorted by time, the
 * copies of an event are among the facts of the same second, so no index of
 * every eventID is needed. (Both sides of one ReEncrypt share a record.)
 */
function dropDuplicates<F extends GrantEventFact | UseFact>(facts: F[], counts: { duplicates: number }): F[] {
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

function createFact(record: JsonRecord, ev: Obj, reader: KeyReader): CreateFact {
  const rp = requestParameters(ev) ?? {};
  const re = isObject(ev.responseElements) ? ev.responseElements : {};
  const f = eventFact(record, ev, 'CreateGrant') as CreateFact;
  f.actor = actorOf(ev.userIdentity);
  f.kind = 'create';
  f.key = reader.keyOf(ev);
  f.grantId = nonEmptyString(re.grantId);
  f.name = nonEmptyString(rp.name);
  f.granteePrincipal = nonEmptyString(rp.granteePrincipal);
  f.retiringPrincipal = nonEmptyString(rp.retiringPrincipal);
  f.operations = stringArray(rp.operations);
  f.constraints = readConstraints(rp.constraints);
  f.dryRun = rp.dryRun === true;
  return f;
}

function endFact(record: JsonRecord, ev: Obj, reader: KeyReader, kind: 'retire' | 'revoke'): EndFact {
  const rp = requestParameters(ev);
  const extra = isObject(ev.additionalEventData) ? ev.additionalEventData : undefined;
  const f = eventFact(record, ev, kind === 'retire' ? 'RetireGrant' : 'RevokeGrant') as EndFact;
  f.actor = actorOf(ev.userIdentity);
  f.kind = kind;
  f.key = reader.keyOf(ev);
  // RetireGrant logs `requestParameters: null` and the grant id in additionalEventData.
  f.grantId = nonEmptyString(rp?.grantId) ?? nonEmptyString(extra?.grantId);
  return f;
}

/** A use: the hot path of a big log, so one literal of one shape and no caller read. */
function useFact(record: JsonRecord, ev: Obj, eventName: string, operation: string, key: KeyRef | undefined, context: unknown): UseFact {
  const eventTime = nonEmptyString(ev.eventTime);
  return {
    kind: 'use',
    record,
    eventName,
    eventTime,
    ms: timeMillis(eventTime),
    eventId: nonEmptyString(ev.eventID),
    errorCode: nonEmptyString(ev.errorCode),
    key,
    operation,
    context,
  };
}

/** ReEncrypt decrypts under the source key (ReEncryptFrom) and encrypts under the destination key (ReEncryptTo). */
function reEncryptFacts(record: JsonRecord, ev: Obj, reader: KeyReader, out: UseFact[]): void {
  const rp = requestParameters(ev) ?? {};
  const destination = nonEmptyString(rp.destinationKeyId) ? reader.parse(rp.destinationKeyId as string, ev) : undefined;
  const resources = reader.resourceKeys(ev);
  let source = nonEmptyString(rp.sourceKeyId) ? reader.parse(rp.sourceKeyId as string, ev) : undefined;
  if (!source || !source.keyId) {
    // Older events do not log the source key: it is the resource that is not the destination,
    // or the only resource when the data was re-encrypted under the same key.
    source = resources.find((r) => !destination || r.keyId !== destination.keyId) ?? (resources.length === 1 ? resources[0] : source);
  }
  if (!source && !destination) source = reader.keyOf(ev); // not the documented shape: one key, one context
  if (source) out.push(useFact(record, ev, 'ReEncrypt', 'ReEncryptFrom', reader.upgrade(source, resources), rp.sourceEncryptionContext ?? rp.encryptionContext));
  if (destination) out.push(useFact(record, ev, 'ReEncrypt', 'ReEncryptTo', reader.upgrade(destination, resources), rp.destinationEncryptionContext));
}
