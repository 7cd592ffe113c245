/**
 * Unused access (issue 16, item 4): the Allow statements of a key's policy and
 * the key's grants that no event in the logs used, over the period the logs
 * cover. Every KMS event on the key in that period is evaluated against the
 * policy and the grants; a statement is used when it is among what allowed an
 * event (directly, or as the statement that delegates to an account's IAM
 * policies), or when it might have (the evaluator could not tell); a grant is
 * used when it allowed an event.
 *
 * What keeps it honest:
 * - nothing is said when the logs hold no event on the key in the period:
 *   logs that never mention the key say nothing about its use;
 * - the period is the one the logs cover (their first and last eventTime),
 *   narrowed to when the policy was in force when the caller knows;
 * - Deny statements are not reported: a guardrail that never fired is
 *   working, not unused;
 * - the statement that lets the key's own account use IAM policies (the
 *   default key policy's root statement) is not reported: removing it can make
 *   the key unmanageable (KMS Developer Guide, "Default key policy":
 *   https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
 * It is information, never more: logs of a week say nothing of a yearly job.
 */
import { eventRecords, type DocumentModel, type JsonRecord } from '../document/model';
import type { Grant } from '../grants/types';
import type { KmsKey } from '../history/types';
import type { GrantsModel, GrantsSource } from '../keys/types';
import type { PolicyModel } from '../policy/model';
import { USE_OPERATIONS } from '../history/operations';
import { compilePolicy, policyFromText, type CompiledPolicy, type CompiledStatement } from './compile';
import { grantInputOf } from './grants';
import { Evaluator } from './evaluate';
import { requestsFromEvent } from './fromEvent';
import { keyPolicyChanges, SETTLING_MS } from './logPolicies';
import { grantsOfSources } from './simulate';
import type { AccessRequest, GrantInput, StatementRef } from './types';
import { countBelow } from '../sortedSearch';

export interface UsageInput {
  /** The key's policy. */
  policy: PolicyModel;
  keyArn: string;
  /** The logs. */
  sources: readonly GrantsSource[];
  /** Count only events from this time on (ms), e.g. since the policy was set; the period then starts here (the logs show that moment). */
  from?: number;
  /** Count only events before this time (ms), e.g. until the policy was replaced. */
  until?: number;
  /** The key's grants; default: those the logs show. */
  grants?: readonly GrantInput[];
  /**
   * The policy is the key's current one (a file, get-key-policy output), not
   * one the logs set: events before the last policy change the logs show (and
   * the minutes it takes to apply) were decided by another policy, and are left out.
   */
  current?: boolean;
}

/**
 * What a document's key policies are judged against for unused access (the
 * editor: a policy file mapped to its key, or get-key-policy output named
 * after it, and the open logs).
 */
export interface PolicyUsage {
  /** The logs whose events count as uses. */
  logs: readonly GrantsSource[];
  /** The keys the document holds the current policy of; in a template, the AWS::KMS::Key's logical id (none: the template's only key). */
  keys: ReadonlyArray<{ keyArn: string; logicalId?: string }>;
}

export interface UnusedStatement {
  ref: StatementRef;
  /** Offset range of the statement in its policy's text (for a finding). */
  start: number;
  end: number;
}

export interface UnusedAccess {
  /** The period the logs cover, narrowed to `from`/`until`: ISO times of its first and last event. */
  period: { from: string; to: string };
  /** KMS events on the key in the period that were evaluated. */
  events: number;
  /** Allow statements no event used (Deny statements and the key account's root statement are never listed). */
  statements: UnusedStatement[];
  /** Grants of the key in force during the period that no event used. */
  grants: GrantInput[];
}

/** The first and last eventTime of the logs, in ms, within the bounds; undefined when no event has a readable time. */
export function logPeriod(sources: readonly GrantsSource[], from = -Infinity, until = Infinity): { from: number; to: number } | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const s of sources) {
    const times = eventTimes(s.model);
    // The first time at or after `from`, and the last before `until`, in the sorted times.
    const i = countBelow(times, from);
    const j = countBelow(times, until) - 1;
    if (i > j) continue;
    if (times[i] < first) first = times[i];
    if (times[j] > last) last = times[j];
  }
  return first === Infinity ? undefined : { from: first, to: last };
}

function eventMs(value: unknown): number | undefined {
  const t = (value as { eventTime?: unknown }).eventTime;
  if (typeof t !== 'string') return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * What the usage questions read of a log, once per document model (one per
 * document version): the editor asks them again whenever a policy is edited
 * or another log changes, and a big log's events are the cost. Only where
 * each key's events are is kept (their records and times), not the requests:
 * those are made again when an answer needs them, so a 40 MiB log costs a few
 * bytes per event here.
 */
interface LogUsage {
  /** Every readable eventTime, sorted. */
  times: Float64Array;
  /** Per key: its KMS events (CreateKey aside) with a readable time, in document order. */
  byKey?: Map<string, KeyEvents>;
  /** Every key the log's KMS events are made on (CreateKey and events without a time too). */
  keys?: Set<string>;
}

interface KeyEvents {
  ms: number[];
  records: JsonRecord[];
  /** Times of the events whose caller names no ARN, account, service or id. */
  unreadable: number[];
}

/** One event on a key: its time and the requests it makes on the key. */
interface KeyEvent {
  ms: number;
  requests: AccessRequest[];
}

const usageCache = new WeakMap<DocumentModel, LogUsage>();

function usageOf(model: DocumentModel): LogUsage {
  let u = usageCache.get(model);
  if (!u) {
    const times: number[] = [];
    for (const r of eventRecords(model)) {
      const t = eventMs(r.value);
      if (t !== undefined) times.push(t);
    }
    u = { times: Float64Array.from(times).sort() };
    usageCache.set(model, u);
  }
  return u;
}

function eventTimes(model: DocumentModel): Float64Array {
  return usageOf(model).times;
}

const NO_EVENTS: KeyEvents = { ms: [], records: [], unreadable: [] };

function keyEventsOf(model: DocumentModel, keyArn: string): KeyEvents {
  return readKeys(model).byKey?.get(keyArn) ?? NO_EVENTS;
}

/** The log's KMS events on the key, each with its requests on the key (made again on each call). */
function* keyEvents(model: DocumentModel, keyArn: string): Generator<KeyEvent> {
  const k = keyEventsOf(model, keyArn);
  for (let i = 0; i < k.records.length; i++) {
    const requests = requestsFromEvent(k.records[i].value).filter((r) => r.keyArn === keyArn);
    yield { ms: k.ms[i], requests };
  }
}

/** One pass over the log's KMS events for every key at once. */
function readKeys(model: DocumentModel): LogUsage {
  const u = usageOf(model);
  if (u.byKey) return u;
  const byKey = new Map<string, KeyEvents>();
  const keys = new Set<string>();
  for (const r of eventRecords(model)) {
    const e = r.value as Record<string, unknown>;
    if (e.eventSource !== 'kms.amazonaws.com') continue;
    const requests = requestsFromEvent(e);
    for (const request of requests) if (request.keyArn !== undefined) keys.add(request.keyArn);
    const t = eventMs(e);
    if (e.eventName === 'CreateKey' || t === undefined) continue;
    for (const request of requests) {
      if (request.keyArn === undefined) continue;
      let k = byKey.get(request.keyArn);
      if (!k) byKey.set(request.keyArn, (k = { ms: [], records: [], unreadable: [] }));
      // Two requests of one event on one key (ReEncrypt within a key) are one event.
      if (k.records[k.records.length - 1] === r) continue;
      k.ms.push(t);
      k.records.push(r);
      const p = request.principal;
      if (!p.arn && !p.account && !p.service && !p.userId) k.unreadable.push(t);
    }
  }
  u.byKey = byKey;
  u.keys = keys;
  return u;
}

/** An account's own root statement: an Allow whose only principals are the key's account (root ARN or account id). */
function isOwnAccountStatement(s: CompiledStatement, keyAccount: string | undefined): boolean {
  const p = s.principals;
  if (!p || p.negated || p.patterns.length === 0 || keyAccount === undefined) return false;
  return p.patterns.every((x) => x.kind === 'account' && x.account === keyAccount);
}

function inForceDuring(g: GrantInput, from: number, to: number): boolean {
  if (g.createdAt !== undefined) {
    const c = Date.parse(g.createdAt);
    if (!Number.isNaN(c) && c > to) return false;
  }
  if (g.endedAt !== undefined) {
    const e = Date.parse(g.endedAt);
    if (!Number.isNaN(e) && e < from) return false;
  } else if (g.ended) {
    // Ended at a time the logs do not give: it may never have been in force during the period.
    return false;
  }
  return true;
}

/**
 * The statements and grants of the key that no event of the logs used, or
 * undefined when the logs hold no KMS event on the key in the period (then
 * nothing is known about its use).
 */
export function unusedAccess(input: UsageInput): UnusedAccess | undefined {
  let from = input.from ?? -Infinity;
  if (input.current) {
    for (const s of input.sources) {
      const changes = keyPolicyChanges(s.model, input.keyArn);
      if (changes.length > 0) from = Math.max(from, changes[changes.length - 1].ms + SETTLING_MS);
    }
  }
  const until = input.until ?? Infinity;
  const period = logPeriod(input.sources, from, until);
  if (!period) return undefined;
  const keyGrants = (input.grants ?? grantsOfSources(input.sources)).filter((g) => g.keyArn === undefined || g.keyArn === input.keyArn);
  const policy: CompiledPolicy = compilePolicy(input.policy, { kind: 'key' });
  const evaluator = new Evaluator({ keyPolicy: policy, grants: keyGrants });
  const usedStatements = new Set<number>();
  const usedGrants = new Set<string>();
  let events = 0;
  for (const s of input.sources) {
    for (const ev of keyEvents(s.model, input.keyArn)) {
      if (ev.ms < from || ev.ms >= until) continue;
      events++;
      for (const request of ev.requests) {
        const evaluation = evaluator.evaluate(request);
        for (const d of evaluation.decidedBy) {
          if (d.type === 'statement' && d.policy.kind === 'key') usedStatements.add(d.index);
          else if (d.type === 'delegation') usedStatements.add(d.statement.index);
          else if (d.type === 'grant') usedGrants.add(d.grantId);
        }
        // What might have allowed it counts as used: say less rather than more.
        for (const u of evaluation.undecided) {
          if (u.ref.type === 'grant') usedGrants.add(u.ref.grantId);
          else if (u.ref.policy.kind === 'key' && u.ref.effect !== 'Deny') usedStatements.add(u.ref.index);
        }
      }
    }
  }
  if (events === 0) return undefined;
  const keyAccount = input.keyArn.split(':')[4] || undefined;
  const statements: UnusedStatement[] = [];
  for (const s of policy.statements) {
    if (s.effect !== 'Allow' || s.never || usedStatements.has(s.ref.index) || isOwnAccountStatement(s, keyAccount)) continue;
    statements.push({ ref: s.ref, start: s.statement.node.offset, end: s.statement.node.offset + s.statement.node.length });
  }
  const grants = keyGrants.filter((g) => !usedGrants.has(g.grantId) && inForceDuring(g, period.from, period.to));
  // From the time the policy took effect, when the caller gives it (the logs show that moment).
  const start = Number.isFinite(from) ? from : period.from;
  return { period: { from: iso(start), to: iso(period.to) }, events, statements, grants };
}

/** A time as CloudTrail writes it (to the second, UTC). */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An active grant the logs show being created that no later event used. */
export interface UnusedGrant {
  grant: Grant;
  key: KmsKey;
  /** From the grant's creation to the last event of the logs (ISO times, to the second). */
  period: { from: string; to: string };
  /** KMS events on the key in that period (none of them went through the grant). */
  events: number;
}

/**
 * The grants of the keys model that the logs show being created and that no
 * later event used (the grants model attributes to a grant every call its
 * grantee could have made through it: the grantee's own calls, its sessions',
 * a service's calls on its behalf; grants/build.ts). Said only where the logs
 * can tell:
 * - active grants only (one that was retired or revoked gives no access now);
 * - created in the logs, with a time: a grant from list-grants output or whose
 *   creation is older than the logs may have been used before them;
 * - its key's ARN known, and at least one KMS event on the key after the
 *   creation (logs that stop at the CreateGrant, or that never show the key
 *   again, say nothing about its use);
 * - every one of those events names its caller (an event whose caller cannot
 *   be read might have gone through the grant).
 */
export function unusedGrants(model: GrantsModel, sources: readonly GrantsSource[]): UnusedGrant[] {
  const out: UnusedGrant[] = [];
  let end: number | undefined;
  for (const entry of model.keys) {
    const keyArn = entry.key.arn;
    if (!keyArn) continue;
    for (const grant of entry.grants) {
      if (grant.status !== 'active' || grant.uses.length > 0 || grant.createdBeforeLogs || !grant.creation || !grant.granteePrincipal || grant.operations.length === 0) continue;
      const created = grant.createdAt === undefined ? NaN : Date.parse(grant.createdAt);
      if (Number.isNaN(created)) continue;
      end ??= logPeriod(sources)?.to ?? -Infinity;
      if (end <= created) continue;
      let events = 0;
      let unreadable = false;
      for (const s of sources) {
        const k = keyEventsOf(s.model, keyArn);
        for (const ms of k.ms) if (ms > created) events++;
        if (k.unreadable.some((ms) => ms > created)) unreadable = true;
      }
      if (events === 0 || unreadable || usedOtherwise(grant, keyArn, created, sources)) continue;
      out.push({ grant, key: entry.key, period: { from: iso(created), to: iso(end) }, events });
    }
  }
  return out;
}

/**
 * The grants model counts cryptographic operations only; a grant can also
 * allow DescribeKey, GetPublicKey, CreateGrant, RetireGrant. Those calls on
 * the key after the creation are put to the evaluator with this grant alone:
 * one it allowed, or might have, is a use.
 */
function usedOtherwise(grant: Grant, keyArn: string, created: number, sources: readonly GrantsSource[]): boolean {
  if (grant.operations.every((o) => CRYPTO_ACTIONS.has(`kms:${o}`))) return false;
  const evaluator = new Evaluator({ keyPolicy: emptyKeyPolicy(), grants: [grantInputOf(grant, keyArn)] });
  for (const s of sources) {
    for (const ev of keyEvents(s.model, keyArn)) {
      if (ev.ms <= created) continue;
      for (const r of ev.requests) {
        if (CRYPTO_ACTIONS.has(r.action)) continue;
        const e = evaluator.evaluate(r);
        if (e.decidedBy.some((d) => d.type === 'grant') || e.undecided.some((u) => u.ref.type === 'grant')) return true;
      }
    }
  }
  return false;
}

/** The actions of the operations the grants model attributes to grants (history/operations.ts, ReEncrypt's two halves included). */
const CRYPTO_ACTIONS: ReadonlySet<string> = new Set([...USE_OPERATIONS.values(), 'ReEncryptFrom', 'ReEncryptTo'].map((o) => `kms:${o}`));

let emptyPolicy: CompiledPolicy | undefined;
function emptyKeyPolicy(): CompiledPolicy {
  return (emptyPolicy ??= compilePolicy(policyFromText('{"Version": "2012-10-17", "Statement": []}', 'keyPolicy') as PolicyModel, { kind: 'key' }));
}

/** The keys the logs' KMS events are made on (to tell which key a policy given alone is for, when there is one). */
export function keysOfLogs(sources: readonly GrantsSource[]): Set<string> {
  const keys = new Set<string>();
  for (const s of sources) {
    for (const k of readKeys(s.model).keys ?? []) keys.add(k);
  }
  return keys;
}
