/**
 * Which key an event names. CloudTrail puts it in `responseElements`,
 * `requestParameters` or `resources`, as an id, an ARN, an alias or an alias
 * ARN; the reader picks the most precise and remembers what an event shows
 * about aliases. Every view of a key reads keys with it, so that they agree.
 */
import { isObject } from '../classify';
import { nonEmptyString } from '../jsonValues';
import { timeMillis } from '../text/cloudTrailTime';
import { requestParameters, type Obj } from './events';
import { parseKeyName, type KeyRef, type KeyScope } from './keys';

/** The logs say `alias` pointed at `target` (CreateAlias, UpdateAlias, or an event naming both). */
export interface AliasFact {
  alias: string;
  scope: KeyScope;
  target: KeyRef;
  /** When the event showed it (ms; NaN if unknown): UpdateAlias moves an alias, and the latest event says where it is now. */
  at: number;
}

/**
 * The keys a reader's facts name and the aliases it saw: what the key history
 * resolves, across every source, before any view replays its facts.
 */
export interface KeyNames {
  /** Every key ref the facts use (shared objects). */
  refs: KeyRef[];
  aliases: AliasFact[];
}

/** Finds the key an event is about, with a cache of parsed names (a log names the same few keys thousands of times). */
export class KeyReader {
  private readonly parsed = new Map<string, KeyRef | undefined>();

  /** `names.aliases` receives what events show about aliases. */
  constructor(private readonly names: { aliases: AliasFact[] }) {}

  /** Every distinct ref handed out, alias targets included. */
  refs(): KeyRef[] {
    const out = new Set<KeyRef>();
    for (const r of this.parsed.values()) if (r) out.add(r);
    for (const a of this.names.aliases) out.add(a.target);
    return [...out];
  }

  scopeOf(ev: Obj): KeyScope {
    const u = isObject(ev.userIdentity) ? ev.userIdentity : undefined;
    // A key named by id or alias is in the caller's account, in the Region the call went to.
    return { region: nonEmptyString(ev.awsRegion), account: nonEmptyString(u?.accountId) ?? nonEmptyString(ev.recipientAccountId) };
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
      const arn = isObject(r) ? nonEmptyString(r.ARN) : undefined;
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
    const responseKey = nonEmptyString(re?.keyId);
    const fromResponse = responseKey ? this.parse(responseKey, ev) : undefined;
    if (fromResponse?.keyId && fromResponse.region && fromResponse.account) return fromResponse;
    const rp = requestParameters(ev);
    const requestKey = nonEmptyString(rp?.keyId);
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
        this.names.aliases.push({ alias: fromRequest.alias, scope: { region: fromRequest.region, account: fromRequest.account }, target: resources[0], at: timeMillis(nonEmptyString(ev.eventTime)) });
        return resources[0];
      }
      return fromRequest;
    }
    if (fromResponse?.keyId) return this.upgrade(fromResponse, resources);
    return resources[0];
  }

  /** CreateAlias and UpdateAlias: what the alias points at from now on. */
  readAlias(ev: Obj): void {
    const rp = requestParameters(ev);
    const alias = nonEmptyString(rp?.aliasName);
    const target = nonEmptyString(rp?.targetKeyId);
    if (!alias || !target || ev.errorCode) return;
    const ref = this.parse(target, ev);
    if (ref?.keyId) this.names.aliases.push({ alias, scope: this.scopeOf(ev), target: this.upgrade(ref, this.resourceKeys(ev)), at: timeMillis(nonEmptyString(ev.eventTime)) });
  }
}
