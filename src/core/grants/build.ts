/**
 * Grant facts from every source -> each key's grants. CloudTrail files are in
 * no particular order and overlap, so: the same event (eventID, name, time)
 * counts once; a grant's events are replayed by eventTime; a retirement or
 * revocation whose creation is not in the logs still shows its grant; a
 * CreateGrant that failed (a dry run, AccessDenied) creates nothing and is an
 * attempt; list-grants entries are grants alive when the list was taken.
 * Then each cryptographic operation is attributed to the grants it could have
 * gone through, or listed under its key as "not through a grant in these logs".
 * Keys come from the key history, resolved before the replay.
 *
 * A big log is mostly cryptographic operations, so their path allocates
 * little: no caller tokens unless the key has grants whose grantee could
 * match, and event references that read the caller from the record on demand.
 */
import type { JsonRecord } from '../document/model';
import { RecordEventRef } from '../history/eventRef';
import { EventIds, timeKey } from '../history/events';
import type { KeyHistory } from '../history/history';
import type { EventRef, EventRole, KmsKey } from '../history/types';
import { timeMillis } from '../text/cloudTrailTime';
import { satisfiesConstraints } from './constraints';
import type { CreateFact, EndFact, GrantEventFact, GrantFacts, ListFact, UseFact } from './facts';
import { callerTokens, granteeToken, tokenKind } from './principals';
import type { Attempt, Grant, GrantsOfKey } from './types';

interface Located<F> {
  fact: F;
  source: string;
  /** Position over all sources, to keep the order stable when times are equal or missing. */
  order: number;
}

/** Within one second, a creation comes before a retirement of the same grant. */
const PHASE: Record<GrantEventFact['kind'], number> = { list: 0, create: 1, retire: 2, revoke: 2 };

function compareTimes(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function eventRef(l: Located<GrantEventFact>, role: EventRole): EventRef {
  const f = l.fact;
  return new RecordEventRef(l.source, f.record, role, f.eventName, f, f.actor);
}

class Builder {
  /** The entries of the keys this replay touched, by identity. */
  private readonly perKey = new Map<string, GrantsOfKey>();
  /** Grants by key identity, then grant id. */
  private readonly grants = new Map<string, Map<string, Grant>>();
  private readonly byGrantId = new Map<string, Grant[]>();
  readonly attempts: Attempt[] = [];

  constructor(private readonly history: KeyHistory, private readonly entryOf: (key: KmsKey) => GrantsOfKey) {}

  keyGrants(key: KmsKey): GrantsOfKey {
    let k = this.perKey.get(key.identity);
    if (!k) {
      k = this.entryOf(key);
      this.perKey.set(key.identity, k);
    }
    return k;
  }

  /**
   * The grant with this id on this key; or, when the event names its key less
   * precisely (no key, an alias only, no account), the one grant with this id
   * on a key that may be the same. Documentation reuses grant ids across keys,
   * so a grant id alone never joins two keys the logs tell apart.
   */
  find(key: KmsKey | undefined, grantId: string): Grant | undefined {
    if (key) {
      const g = this.grants.get(key.identity)?.get(grantId);
      if (g) return g;
    }
    const same = this.byGrantId.get(grantId);
    if (!same) return undefined;
    const candidates = key ? same.filter((g) => mayBeSameKey(key, this.perKey.get(g.keyIdentity)?.key)) : same;
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  create(key: KmsKey, grantId: string): Grant {
    const g: Grant = { grantId, keyIdentity: key.identity, status: 'active', operations: [], createdBeforeLogs: false, events: [], uses: [], notes: [] };
    let onKey = this.grants.get(key.identity);
    if (!onKey) this.grants.set(key.identity, (onKey = new Map()));
    onKey.set(grantId, g);
    const same = this.byGrantId.get(grantId);
    if (same) same.push(g);
    else this.byGrantId.set(grantId, [g]);
    this.keyGrants(key).grants.push(g);
    return g;
  }

  attempt(l: Located<CreateFact | EndFact>, key: KmsKey | undefined): void {
    const f = l.fact;
    const a: Attempt = { eventName: f.eventName, operations: f.kind === 'create' ? f.operations : [], dryRun: f.kind === 'create' && f.dryRun, event: eventRef(l, 'attempt') };
    if (key) a.keyIdentity = key.identity;
    if (f.errorCode) a.errorCode = f.errorCode;
    if (f.errorMessage) a.errorMessage = f.errorMessage;
    if (f.grantId) a.grantId = f.grantId;
    if (f.kind === 'create') {
      if (f.granteePrincipal) a.granteePrincipal = f.granteePrincipal;
      if (f.retiringPrincipal) a.retiringPrincipal = f.retiringPrincipal;
      if (f.constraints) a.constraints = f.constraints;
    }
    this.attempts.push(a);
    if (key) this.keyGrants(key).attempts.push(a);
  }

  onCreate(l: Located<CreateFact>): void {
    const f = l.fact;
    const key = this.history.keyOf(l.fact.key);
    if (f.errorCode || !f.grantId || !key) return this.attempt(l, key);
    const g = this.find(key, f.grantId) ?? this.create(key, f.grantId);
    if (g.creation) {
      // CreateGrant is idempotent: the same request again returns the same grant.
      g.events.push(eventRef(l, 'recreate'));
      return;
    }
    const ref = eventRef(l, 'create');
    g.creation = ref;
    g.events.push(ref);
    g.createdBeforeLogs = false;
    if (f.eventTime) g.createdAt = f.eventTime;
    if (f.actor) g.createdBy = f.actor;
    if (f.name) g.name = f.name;
    if (f.granteePrincipal) g.granteePrincipal = f.granteePrincipal;
    if (f.retiringPrincipal) g.retiringPrincipal = f.retiringPrincipal;
    g.operations = f.operations;
    if (f.constraints) g.constraints = f.constraints;
    // Replayed by time, an end seen before the creation has an earlier eventTime.
    if (g.status !== 'active' && !g.notes.includes('endedBeforeCreation')) g.notes.push('endedBeforeCreation');
  }

  onEnd(l: Located<EndFact>, failed: Array<Located<EndFact>>): void {
    const f = l.fact;
    const key = this.history.keyOf(l.fact.key);
    if (f.errorCode) {
      failed.push(l); // attached once every grant is known
      return;
    }
    if (!f.grantId) {
      if (key) this.keyGrants(key).orphans.push(eventRef(l, f.kind));
      return;
    }
    let g = this.find(key, f.grantId);
    if (!g) {
      if (!key) return this.attempt(l, undefined);
      g = this.create(key, f.grantId);
      g.createdBeforeLogs = true;
    }
    const ref = eventRef(l, f.kind);
    g.events.push(ref);
    if (g.status !== 'active') return; // already ended: the first end is the one that counted
    if (f.kind === 'retire') {
      g.status = 'retired';
      g.retirement = ref;
      if (f.eventTime) g.retiredAt = f.eventTime;
      if (f.actor) g.retiredBy = f.actor;
    } else {
      g.status = 'revoked';
      g.revocation = ref;
      if (f.eventTime) g.revokedAt = f.eventTime;
      if (f.actor) g.revokedBy = f.actor;
    }
  }

  onFailedEnd(l: Located<EndFact>): void {
    const f = l.fact;
    const key = this.history.keyOf(l.fact.key);
    const g = f.grantId ? this.find(key, f.grantId) : undefined;
    if (g) g.events.push(eventRef(l, f.kind === 'retire' ? 'failedRetire' : 'failedRevoke'));
    else this.attempt(l, key);
  }

  /** A list-grants entry: the grant was alive when the list was taken. */
  onList(l: Located<ListFact>): void {
    const f = l.fact;
    const key = this.history.keyOf(l.fact.key);
    if (!f.grantId || !key) return;
    const g = this.find(key, f.grantId) ?? this.create(key, f.grantId);
    const ref = eventRef(l, 'list');
    g.listing ??= ref;
    g.events.push(ref);
    if (!g.createdAt && f.eventTime) g.createdAt = f.eventTime;
    if (!g.name && f.name) g.name = f.name;
    if (!g.granteePrincipal && f.granteePrincipal) g.granteePrincipal = f.granteePrincipal;
    if (!g.retiringPrincipal && f.retiringPrincipal) g.retiringPrincipal = f.retiringPrincipal;
    if (!g.issuingAccount && f.issuingAccount) g.issuingAccount = f.issuingAccount;
    if (g.operations.length === 0) g.operations = f.operations;
    if (!g.constraints && f.constraints) g.constraints = f.constraints;
    if (g.status !== 'active' && !g.notes.includes('listedButEnded')) g.notes.push('listedButEnded');
  }

  attributeUses(useLists: Array<{ source: string; uses: UseFact[]; skip?: Set<JsonRecord> }>): void {
    // Per key: the grants by the token their grantee matches on, and which kinds of token those are.
    const index = new Map<string, { byToken: Map<string, Grant[]>; kinds: Set<string> }>();
    for (const onKey of this.grants.values()) {
      for (const g of onKey.values()) {
        if (!g.granteePrincipal) continue;
        let entry = index.get(g.keyIdentity);
        if (!entry) index.set(g.keyIdentity, (entry = { byToken: new Map(), kinds: new Set() }));
        const token = granteeToken(g.granteePrincipal);
        entry.kinds.add(tokenKind(token));
        const list = entry.byToken.get(token);
        if (list) list.push(g);
        else entry.byToken.set(token, [g]);
      }
    }
    // Lists that got uses from more than one document are put back in time order at the end.
    const mixed = new Set<EventRef[]>();
    const lastSource = new Map<EventRef[], string>();
    const add = (list: EventRef[], ref: EventRef, source: string): void => {
      if (useLists.length > 1) {
        const last = lastSource.get(list);
        if (last !== undefined && last !== source) mixed.add(list);
        lastSource.set(list, source);
      }
      list.push(ref);
    };
    for (const { source, uses, skip } of useLists) {
      for (const f of uses) {
        if (skip?.has(f.record)) continue;
        const key = this.history.keyOf(f.key);
        if (!key) continue;
        const entry = index.get(key.identity);
        let matched: Grant[] | undefined;
        if (entry) {
          const callers = callerTokens((f.record.value as { userIdentity?: unknown }).userIdentity, entry.kinds);
          for (const token of callers) {
            for (const g of entry.byToken.get(token) ?? []) {
              if (matched?.includes(g) || !allows(g, f)) continue;
              (matched ??= []).push(g);
            }
          }
        }
        const ref = new RecordEventRef(source, f.record, 'use', f.eventName, f, null);
        if (matched) for (const g of matched) add(g.uses, ref, source);
        else add(this.keyGrants(key).otherUses, ref, source);
      }
    }
    for (const list of mixed) list.sort((a, b) => compareTimes(timeOf(a.eventTime), timeOf(b.eventTime)));
  }

  /** Puts each key's grants and attempts in time order. */
  finish(): void {
    for (const k of this.perKey.values()) {
      const times = new Map(k.grants.map((g) => [g, sortTime(g)]));
      k.grants.sort((a, b) => compareTimes(times.get(a) as number, times.get(b) as number) || (a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0));
      k.attempts.sort((x, y) => compareTimes(timeOf(x.event.eventTime), timeOf(y.event.eventTime)));
    }
    this.attempts.sort((x, y) => compareTimes(timeOf(x.event.eventTime), timeOf(y.event.eventTime)));
  }
}

/** Two keys the logs may name differently: one is known only by alias, or they agree on everything both know. */
function mayBeSameKey(a: KmsKey, b: KmsKey | undefined): boolean {
  if (!b) return false;
  if (!a.keyId || !b.keyId) return true;
  const agree = (x: string | undefined, y: string | undefined): boolean => x === undefined || y === undefined || x === y;
  return a.keyId === b.keyId && agree(a.region, b.region) && agree(a.account, b.account);
}

function timeOf(s: string | undefined): number {
  return timeKey(timeMillis(s));
}

function sortTime(g: Grant): number {
  return Math.min(timeOf(g.createdAt), timeOf(g.events[0]?.eventTime));
}

/** Could this operation have gone through this grant: the operation, the time and the encryption context? */
function allows(g: Grant, f: UseFact): boolean {
  if (!g.operations.includes(f.operation)) return false;
  if (!Number.isNaN(f.ms)) {
    const from = timeOf(g.creation?.eventTime ?? g.createdAt);
    if (from !== Infinity && f.ms < from) return false;
    const endedAt = g.retirement?.eventTime ?? g.revocation?.eventTime;
    if (endedAt && f.ms > timeOf(endedAt)) return false;
  }
  return satisfiesConstraints(f.context, g.constraints);
}

/** One source's grant facts: the replay's input, whatever the source was. */
export interface GrantsInput {
  source: string;
  facts: GrantFacts;
}

export interface GrantsReplay {
  /** Every attempt, by time (also listed under its key). */
  attempts: Attempt[];
  /** Events seen more than once (same eventID) and counted once. */
  duplicates: number;
}

/**
 * Replays the grant facts of every source on the keys of `history` (finished):
 * `entryOf` gives (or makes) the entry of a key, which receives its grants,
 * attempts, uses through no grant and retirements naming no grant.
 */
export function replayGrants(history: KeyHistory, inputs: readonly GrantsInput[], entryOf: (key: KmsKey) => GrantsOfKey): GrantsReplay {
  const b = new Builder(history, entryOf);
  let duplicates = 0;
  let order = 0;
  const grantEvents: Array<Located<GrantEventFact>> = [];
  const useLists: Array<{ source: string; uses: UseFact[]; skip?: Set<JsonRecord> }> = [];
  /** The events of every earlier document, in one index: a lookup costs the same after 2 documents or 2,000. */
  const earlier = new EventIds();
  let first = true;
  /** The same event in an earlier document. */
  const seenBefore = (record: JsonRecord): boolean => earlier.find(record) !== undefined;
  for (const { source, facts } of inputs) {
    duplicates += facts.duplicates;
    for (const fact of facts.events) {
      if (!first && seenBefore(fact.record)) duplicates++;
      else grantEvents.push({ fact, source, order: order++ });
    }
    let skip: Set<JsonRecord> | undefined;
    if (!first) {
      for (const fact of facts.uses) {
        if (skip?.has(fact.record) || !seenBefore(fact.record)) continue;
        (skip ??= new Set()).add(fact.record);
        duplicates++;
      }
    }
    useLists.push({ source, uses: facts.uses, skip });
    if (inputs.length > 1) {
      earlier.add(facts.events.map((f) => f.record));
      earlier.add(facts.uses.map((f) => f.record));
    }
    first = false;
  }

  // Each document's facts are in time order already (a sorted run costs the sort one pass); across documents, merge.
  grantEvents.sort((x, y) => compareTimes(timeKey(x.fact.ms), timeKey(y.fact.ms)) || PHASE[x.fact.kind] - PHASE[y.fact.kind] || x.order - y.order);
  const failed: Array<Located<EndFact>> = [];
  const lists: Array<Located<ListFact>> = [];
  for (const l of grantEvents) {
    switch (l.fact.kind) {
      case 'create': b.onCreate(l as Located<CreateFact>); break;
      case 'retire':
      case 'revoke': b.onEnd(l as Located<EndFact>, failed); break;
      case 'list': lists.push(l as Located<ListFact>); break;
    }
  }
  // A listing is a snapshot taken at an unknown time: it adds to what the events say, never overrides an end.
  for (const l of lists) b.onList(l);
  for (const l of failed) b.onFailedEnd(l);
  b.attributeUses(useLists);
  b.finish();
  return { attempts: b.attempts, duplicates };
}
