/**
 * Key identity. CloudTrail names one key in many ways: a key id, a key ARN, an
 * alias name or alias ARN, in `requestParameters`, `responseElements` or
 * `resources`, and AWS's own pages add `arn:aws::kms:` typos. Everything is
 * reduced to a `KeyRef`, and the registry merges the refs that name the same
 * key, so that an event naming it by id and one naming it by ARN meet.
 *
 * Part of the key history, below every view of a key, so that the grants and
 * the key lifecycle resolve keys the same way.
 */
import { partitionOfRegion } from '../data/kmsFacts';
import { parseArn, repairShiftedArn } from '../kms/identifiers';
import type { KmsKey } from './types';

/** What one event says about a key. Unknown parts are undefined. */
export interface KeyRef {
  keyId?: string;
  /** `alias/...` when the event names the key by alias only. */
  alias?: string;
  partition?: string;
  region?: string;
  account?: string;
}

/** The Region and account a bare key id or alias name lives in: the caller's. */
export interface KeyScope {
  region?: string;
  account?: string;
}

const BARE_ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** Parses one way of naming a key; undefined if it is none (an empty string, another service's ARN). */
export function parseKeyName(raw: string, scope: KeyScope = {}): KeyRef | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  if (s.startsWith('arn:')) {
    const arn = parseArn(repairShiftedArn(s) ?? s);
    if (!arn || arn.service.value !== 'kms' || arn.resourceId === '') return undefined;
    const base = { partition: arn.partition.value || undefined, region: arn.region.value || undefined, account: arn.account.value || undefined };
    if (arn.resourceType === 'key') return { keyId: arn.resourceId, ...base };
    if (arn.resourceType === 'alias') return { alias: `alias/${arn.resourceId}`, ...base };
    return undefined;
  }
  const partition = scope.region ? partitionOfRegion(scope.region)?.name : undefined;
  if (s.startsWith('alias/')) return { alias: s, partition, region: scope.region, account: scope.account };
  if (BARE_ID.test(s)) return { keyId: s, partition, region: scope.region, account: scope.account };
  return undefined;
}

/** A string that names the ref exactly; refs with equal strings are the same ref. */
export function refString(ref: KeyRef): string {
  return `${ref.partition ?? ''}|${ref.region ?? ''}|${ref.account ?? ''}|${ref.keyId ? `k:${ref.keyId}` : `a:${ref.alias ?? ''}`}`;
}

function isComplete(ref: KeyRef): boolean {
  return ref.keyId !== undefined && ref.region !== undefined && ref.account !== undefined;
}

function keyArn(ref: KeyRef): string | undefined {
  if (!isComplete(ref)) return undefined;
  const partition = ref.partition ?? partitionOfRegion(ref.region ?? '')?.name ?? 'aws';
  return `arn:${partition}:kms:${ref.region}:${ref.account}:key/${ref.keyId}`;
}

function aliasArn(ref: KeyRef): string | undefined {
  if (!ref.alias || !ref.region || !ref.account) return undefined;
  const partition = ref.partition ?? partitionOfRegion(ref.region)?.name ?? 'aws';
  return `arn:${partition}:kms:${ref.region}:${ref.account}:${ref.alias}`;
}

function aliasScope(alias: string, region: string | undefined, account: string | undefined): string {
  return `${region ?? ''}|${account ?? ''}|${alias}`;
}

/**
 * Collects every ref first, then resolves: complete refs (id, Region, account)
 * become keys; a ref missing its Region or account joins the one key that
 * agrees with what it has; an alias joins the key it was seen pointing at.
 */
export class KeyRegistry {
  private readonly refs = new Map<string, KeyRef>();
  /** Every ref object added, with its string: events share ref objects, so this is small. */
  private readonly objects = new Map<KeyRef, string>();
  private readonly aliasTargets = new Map<string, { target: KeyRef; at: number }>();
  private resolved?: Map<string, KmsKey>;
  private readonly keys = new Map<string, KmsKey>();

  /** Remembers a ref and returns its string, to resolve after `finish()`. */
  add(ref: KeyRef): string {
    let s = this.objects.get(ref);
    if (s === undefined) {
      s = refString(ref);
      this.objects.set(ref, s);
      if (!this.refs.has(s)) this.refs.set(s, ref);
    }
    return s;
  }

  /**
   * The logs say `alias` pointed at `target` at time `at` (CreateAlias,
   * UpdateAlias, or an event naming both). An alias names one key at a time:
   * the latest sighting wins, whatever order the files and events came in
   * (an event without a time loses to one with a time).
   */
  addAlias(alias: string, scope: KeyScope, target: KeyRef, at = Number.NaN): void {
    this.add(target);
    const s = aliasScope(alias, scope.region, scope.account);
    const known = this.aliasTargets.get(s);
    const rank = (t: number): number => (Number.isNaN(t) ? -Infinity : t);
    if (!known || rank(at) >= rank(known.at)) this.aliasTargets.set(s, { target, at });
  }

  finish(): void {
    const resolved = new Map<string, KmsKey>();
    const byId = new Map<string, KmsKey[]>();
    const keyFor = (identity: string, make: () => KmsKey): KmsKey => {
      let k = this.keys.get(identity);
      if (!k) {
        k = make();
        this.keys.set(identity, k);
        if (k.keyId) byId.set(k.keyId, [...(byId.get(k.keyId) ?? []), k]);
      }
      return k;
    };
    const complete = (ref: KeyRef): KmsKey => {
      const arn = keyArn(ref) as string;
      return keyFor(arn, () => ({ identity: arn, keyId: ref.keyId, arn, partition: ref.partition ?? partitionOfRegion(ref.region ?? '')?.name, region: ref.region, account: ref.account, aliases: [] }));
    };
    const partial = (ref: KeyRef): KmsKey => {
      const id = ref.keyId as string;
      const matches = (byId.get(id) ?? []).filter((k) => (!ref.region || k.region === ref.region) && (!ref.account || k.account === ref.account));
      if (matches.length === 1) return matches[0];
      const identity = `key:${ref.region ?? '?'}:${ref.account ?? '?'}:${id}`;
      return keyFor(identity, () => ({ identity, keyId: id, partition: ref.partition, region: ref.region, account: ref.account, aliases: [] }));
    };
    const ofKeyRef = (ref: KeyRef): KmsKey => (isComplete(ref) ? complete(ref) : partial(ref));

    // Complete refs first, so that partial ones can join them whatever the order they were seen in.
    for (const [s, ref] of this.refs) if (ref.keyId && isComplete(ref)) resolved.set(s, complete(ref));
    for (const [s, ref] of this.refs) if (ref.keyId && !isComplete(ref)) resolved.set(s, partial(ref));
    for (const [scope, { target }] of this.aliasTargets) {
      const key = ofKeyRef(target);
      const alias = scope.slice(scope.lastIndexOf('|') + 1);
      if (!key.aliases.includes(alias)) key.aliases.push(alias);
    }
    for (const [s, ref] of this.refs) {
      if (ref.keyId || !ref.alias) continue;
      const target = this.aliasTargets.get(aliasScope(ref.alias, ref.region, ref.account))?.target;
      if (target) {
        resolved.set(s, ofKeyRef(target));
        continue;
      }
      const arn = aliasArn(ref);
      const identity = arn ?? `alias:${ref.region ?? '?'}:${ref.account ?? '?'}:${ref.alias}`;
      resolved.set(s, keyFor(identity, () => ({ identity, aliasArn: arn, partition: ref.partition, region: ref.region, account: ref.account, aliases: [ref.alias as string] })));
    }
    for (const k of this.keys.values()) k.aliases.sort();
    this.resolved = resolved;
  }

  /** The key a ref (as returned by `add`) names; only after `finish()`. */
  resolve(s: string | undefined): KmsKey | undefined {
    return s === undefined ? undefined : this.resolved?.get(s);
  }

  /** The key an added ref object names; only after `finish()`. */
  resolveRef(ref: KeyRef | undefined): KmsKey | undefined {
    return ref === undefined ? undefined : this.resolve(this.objects.get(ref));
  }
}

/** What a person calls the key: its alias, else its key id, else whatever the logs gave. */
export function keyLabel(key: KmsKey): string {
  return key.aliases[0] ?? key.keyId ?? key.aliasArn ?? key.identity;
}

/** The key's ARN if known, else its id (or alias ARN): what a command line needs to name it. */
export function keyName(key: KmsKey): string {
  return key.arn ?? key.keyId ?? key.aliasArn ?? key.aliases[0] ?? key.identity;
}
