/**
 * Facts from every open document -> the grants model. CloudTrail files are in
 * no particular order and overlap, so: the same event (eventID, name, time)
 * counts once; lifecycle events are replayed by eventTime; a retirement or
 * revocation whose creation is not in the logs still shows its grant; a
 * CreateGrant that failed (a dry run, AccessDenied) creates nothing and is an
 * attempt; list-grants entries are grants alive when the list was taken.
 * Then each cryptographic operation is attributed to the grants it could have
 * gone through, or listed under its key as "not through a grant in these logs".
 */
import { satisfiesConstraints } from './constraints';
import { documentFacts, type CreateFact, type EndFact, type LifecycleFact, type ListFact, type UseFact } from './extract';
import { KeyRegistry, keyLabel } from './keys';
import { granteeToken } from './principals';
import type { Attempt, EventRef, EventRole, Grant, GrantsModel, GrantsSource, KeyGrants, KmsKey } from './types';

interface Located<F> {
  fact: F;
  source: string;
  /** Position over all sources, to keep the order stable when times are equal or missing. */
  order: number;
  keyRef?: string;
}

/** Within one second, a creation comes before a retirement of the same grant. */
const PHASE: Record<LifecycleFact['kind'], number> = { list: 0, create: 1, retire: 2, revoke: 2 };

const byTime = (a: Located<{ ms: number }>, b: Located<{ ms: number }>): number => {
  const ta = Number.isNaN(a.fact.ms) ? Infinity : a.fact.ms;
  const tb = Number.isNaN(b.fact.ms) ? Infinity : b.fact.ms;
  return ta - tb || a.order - b.order;
};

function eventRef(l: Located<LifecycleFact | UseFact>, role: EventRole): EventRef {
  const f = l.fact;
  const ref: EventRef = { source: l.source, start: f.record.start, end: f.record.end, role, eventName: f.eventName };
  if (f.eventTime) ref.eventTime = f.eventTime;
  if (f.eventId) ref.eventId = f.eventId;
  if (f.actor) ref.actor = f.actor;
  if (f.errorCode) ref.errorCode = f.errorCode;
  return ref;
}

class Builder {
  readonly registry = new KeyRegistry();
  private readonly perKey = new Map<string, KeyGrants>();
  private readonly grants = new Map<string, Grant>();
  private readonly byGrantId = new Map<string, Grant[]>();
  readonly attempts: Attempt[] = [];

  keyGrants(key: KmsKey): KeyGrants {
    let k = this.perKey.get(key.identity);
    if (!k) {
      k = { key, grants: [], attempts: [], otherUses: [], orphans: [] };
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
      const g = this.grants.get(`${key.identity}|${grantId}`);
      if (g) return g;
    }
    const same = (this.byGrantId.get(grantId) ?? []).filter((g) => !key || mayBeSameKey(key, this.perKey.get(g.keyIdentity)?.key));
    return same.length === 1 ? same[0] : undefined;
  }

  create(key: KmsKey, grantId: string): Grant {
    const g: Grant = { grantId, keyIdentity: key.identity, status: 'active', operations: [], createdBeforeLogs: false, events: [], uses: [], notes: [] };
    this.grants.set(`${key.identity}|${grantId}`, g);
    this.byGrantId.set(grantId, [...(this.byGrantId.get(grantId) ?? []), g]);
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
    const key = this.registry.resolve(l.keyRef);
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
    const key = this.registry.resolve(l.keyRef);
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
    const key = this.registry.resolve(l.keyRef);
    const g = f.grantId ? this.find(key, f.grantId) : undefined;
    if (g) g.events.push(eventRef(l, f.kind === 'retire' ? 'failedRetire' : 'failedRevoke'));
    else this.attempt(l, key);
  }

  /** A list-grants entry: the grant was alive when the list was taken. */
  onList(l: Located<ListFact>): void {
    const f = l.fact;
    const key = this.registry.resolve(l.keyRef);
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

  attributeUses(uses: Array<Located<UseFact>>): void {
    // Per key, the grants by the token their grantee matches on.
    const index = new Map<string, Map<string, Grant[]>>();
    for (const g of this.grants.values()) {
      if (!g.granteePrincipal) continue;
      let m = index.get(g.keyIdentity);
      if (!m) index.set(g.keyIdentity, (m = new Map()));
      const token = granteeToken(g.granteePrincipal);
      m.set(token, [...(m.get(token) ?? []), g]);
    }
    for (const l of uses) {
      const key = this.registry.resolve(l.keyRef);
      if (!key) continue;
      const f = l.fact;
      const candidates = index.get(key.identity);
      let matched: Grant[] | undefined;
      if (candidates) {
        for (const token of f.callers) {
          for (const g of candidates.get(token) ?? []) {
            if (matched?.includes(g) || !allows(g, f)) continue;
            (matched ??= []).push(g);
          }
        }
      }
      const ref = eventRef(l, 'use');
      if (matched) for (const g of matched) g.uses.push(ref);
      else this.keyGrants(key).otherUses.push(ref);
    }
  }

  result(sources: string[], duplicates: number): GrantsModel {
    const keys = [...this.perKey.values()];
    for (const k of keys) {
      k.grants.sort((a, b) => sortTime(a) - sortTime(b) || (a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0));
      k.attempts.sort((x, y) => timeOf(x.event.eventTime) - timeOf(y.event.eventTime));
    }
    keys.sort((a, b) => keyLabel(a.key).localeCompare(keyLabel(b.key)) || a.key.identity.localeCompare(b.key.identity));
    return { keys, attempts: this.attempts, sources, duplicates };
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
  const t = s ? Date.parse(s) : Number.NaN;
  return Number.isNaN(t) ? Infinity : t;
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

/** Builds the grants model from any number of documents (CloudTrail data and list-grants output). */
export function buildGrantsModel(sources: readonly GrantsSource[]): GrantsModel {
  const b = new Builder();
  const seen = new Set<string>();
  let duplicates = 0;
  let order = 0;
  const lifecycle: Array<Located<LifecycleFact>> = [];
  const uses: Array<Located<UseFact>> = [];
  const contributing: string[] = [];
  for (const src of sources) {
    const facts = documentFacts(src.model);
    if (src.model.kind === 'cloudTrail' || src.model.kind === 'listGrants') contributing.push(src.id);
    for (const a of facts.aliases) b.registry.addAlias(a.alias, a.scope, a.target);
    for (const fact of facts.lifecycle) {
      if (fact.dedupe) {
        if (seen.has(fact.dedupe)) {
          duplicates++;
          continue;
        }
        seen.add(fact.dedupe);
      }
      lifecycle.push({ fact, source: src.id, order: order++, keyRef: fact.key && b.registry.add(fact.key) });
    }
    for (const fact of facts.uses) {
      // A failed call (AccessDenied, a dry run) used nothing.
      if (fact.errorCode) continue;
      if (fact.dedupe) {
        const d = `${fact.dedupe}|${fact.operation}`;
        if (seen.has(d)) {
          if (fact.operation !== 'ReEncryptTo') duplicates++;
          continue;
        }
        seen.add(d);
      }
      uses.push({ fact, source: src.id, order: order++, keyRef: fact.key && b.registry.add(fact.key) });
    }
  }
  b.registry.finish();

  lifecycle.sort((a, b2) => {
    const ta = Number.isNaN(a.fact.ms) ? Infinity : a.fact.ms;
    const tb = Number.isNaN(b2.fact.ms) ? Infinity : b2.fact.ms;
    return ta - tb || PHASE[a.fact.kind] - PHASE[b2.fact.kind] || a.order - b2.order;
  });
  const failed: Array<Located<EndFact>> = [];
  const lists: Array<Located<ListFact>> = [];
  for (const l of lifecycle) {
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
  b.attempts.sort((x, y) => timeOf(x.event.eventTime) - timeOf(y.event.eventTime));

  uses.sort(byTime);
  b.attributeUses(uses);
  return b.result(contributing, duplicates);
}
