/**
 * The request context: a request's condition keys, looked up by name the way
 * IAM does (key names are case-insensitive). Values are computed when a
 * condition first asks for them: most statements are set aside by their
 * action or principal, and a log has tens of thousands of requests.
 *
 * A key's value is a list of strings (one for a single-valued key, any number
 * for a multivalued one), `null` when the request has no such key, or
 * `undefined` when the request does not say (an event never carries the
 * caller's tags, for example). Only the last one makes a condition "cannot tell".
 *
 * Sources: IAM User Guide, "AWS global condition context keys"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * aws:username is present only for IAM users; aws:PrincipalArn of a role
 * session is the role's ARN; aws:SourceIp is absent when the request comes
 * through a VPC endpoint. KMS Developer Guide, "AWS KMS condition keys"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html):
 * kms:CallerAccount, kms:ViaService, kms:EncryptionContext:context-key,
 * kms:EncryptionContextKeys. The context key inside kms:EncryptionContext:
 * is part of the condition key's name, so it is matched ignoring case; the
 * KMS API reference (GrantConstraints) says to add kms:EncryptionContextKeys
 * for a fully case-sensitive check.
 */
import { kmsActionIndex } from './actions';
import { arnParts } from './glob';
import { identityOf, type Identity } from './principals';
import { principalTokens } from './tokens';
import type { AccessRequest, ContextEntry } from './types';

/** A key's value: strings, null (absent) or undefined (not known). */
export type KeyValue = readonly string[] | null | undefined;

const PRINCIPAL_TYPES: Readonly<Record<string, string>> = {
  Root: 'Account',
  IAMUser: 'User',
  AssumedRole: 'AssumedRole',
  FederatedUser: 'FederatedUser',
};

/** Families of keys with a variable part, by prefix (lower case). */
const FAMILIES = ['kms:encryptioncontext:', 'aws:principaltag/', 'aws:requesttag/', 'aws:resourcetag/'] as const;

function isFamily(key: string): boolean {
  for (const prefix of FAMILIES) if (key.startsWith(prefix)) return true;
  return false;
}

/** `a` equals `lower` (already in lower case) ignoring ASCII case, without allocating. */
function sameIgnoringCase(a: string, lower: string): boolean {
  if (a.length !== lower.length) return false;
  for (let i = 0; i < a.length; i++) {
    let c = a.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lower.charCodeAt(i)) {
      // Outside ASCII, fall back to the full case mapping.
      if (c > 127) return a.toLowerCase() === lower;
      return false;
    }
  }
  return true;
}

/** The value of `name` (lower case) in a map of request pairs, ignoring case: null if absent, undefined if two keys differ only in case. */
function lookupIgnoringCase(m: Readonly<Record<string, string>>, name: string): string | null | undefined {
  let found: string | null = null;
  for (const k in m) {
    if (!sameIgnoringCase(k, name)) continue;
    if (found !== null) return undefined;
    found = m[k];
  }
  return found;
}

interface ActionInfo {
  action: string;
  kmsAction?: string;
  kmsIndex: number;
  actionName: string;
}

/** The few distinct actions of a log, read once each. */
const actionInfos = new Map<string, ActionInfo>();

function actionInfo(written: string): ActionInfo {
  let info = actionInfos.get(written);
  if (!info) {
    const colon = written.indexOf(':');
    const action = (colon === -1 ? `kms:${written}` : written).toLowerCase();
    const kmsAction = action.startsWith('kms:') ? action.slice(4) : undefined;
    info = { action, kmsAction, kmsIndex: kmsAction === undefined ? -1 : kmsActionIndex(kmsAction), actionName: colon === -1 ? written : written.slice(colon + 1) };
    if (actionInfos.size < 1000) actionInfos.set(written, info);
  }
  return info;
}

function entry(v: ContextEntry | undefined): KeyValue {
  if (v === undefined || v === null) return v;
  return typeof v === 'string' ? [v] : v;
}

function one(v: string | null | undefined): KeyValue {
  return v === undefined || v === null ? v : [v];
}

function bool(v: boolean | null | undefined): KeyValue {
  return v === undefined || v === null ? v : [v ? 'true' : 'false'];
}

export class RequestContext {
  readonly request: AccessRequest;
  /** `kms:decrypt`: the action in lower case, with its service prefix. */
  readonly action: string;
  /** `decrypt`: the KMS action's name in lower case, or undefined for another service's action. */
  readonly kmsAction?: string;
  /** The KMS action's index in the data, or -1 for an action the data does not know. */
  readonly kmsIndex: number;
  /** `Decrypt`: the action's name after the prefix, as written. */
  readonly actionName: string;
  readonly keyArn?: string;
  private parts?: string[] | null;
  private who?: Identity;
  private callerTokens?: readonly string[];
  private millis?: number | null;
  private explicit?: Map<string, KeyValue>;

  constructor(request: AccessRequest) {
    this.request = request;
    const info = actionInfo(request.action);
    this.action = info.action;
    this.kmsAction = info.kmsAction;
    this.kmsIndex = info.kmsIndex;
    this.actionName = info.actionName;
    this.keyArn = request.keyArn;
  }

  /** The request's time in milliseconds since the epoch, or undefined. */
  get time(): number | undefined {
    if (this.millis === undefined) {
      const t = this.request.time === undefined ? NaN : Date.parse(this.request.time);
      this.millis = Number.isNaN(t) ? null : t;
    }
    return this.millis ?? undefined;
  }

  /** The key ARN's six parts (undefined when the request names no key ARN). */
  get keyArnParts(): string[] | undefined {
    if (this.parts === undefined) this.parts = this.keyArn ? (arnParts(this.keyArn) ?? null) : null;
    return this.parts ?? undefined;
  }

  /** The caller's index tokens (tokens.ts), computed once per request: the statement and grant indexes both ask. */
  get tokens(): readonly string[] {
    return (this.callerTokens ??= principalTokens(this.identity));
  }

  get identity(): Identity {
    return (this.who ??= identityOf(this.request.principal));
  }

  /** The value of a condition key (give it in lower case). */
  get(key: string): KeyValue {
    const r = this.request;
    if (r.context) {
      if (!this.explicit) {
        this.explicit = new Map();
        for (const k in r.context) this.explicit.set(k.toLowerCase(), entry(r.context[k]));
      }
      if (this.explicit.has(key)) return this.explicit.get(key);
    }
    return this.derive(key);
  }

  private fallback(): null | undefined {
    return this.request.completeContext ? null : undefined;
  }

  /** A key from the request's fields. */
  private derive(key: string): KeyValue {
    const r = this.request;
    let v: KeyValue;
    switch (key) {
      case 'aws:sourceip': v = one(r.sourceIp); break;
      case 'aws:sourcevpce': v = one(r.sourceVpce); break;
      case 'aws:sourcevpc': v = one(r.sourceVpc); break;
      case 'aws:multifactorauthpresent': v = bool(r.mfa); break;
      case 'aws:securetransport': v = bool(r.secureTransport); break;
      case 'aws:requestedregion': v = one(r.region); break;
      case 'aws:principalorgid': v = one(r.principalOrgId); break;
      case 'aws:viaawsservice': v = r.viaService === undefined ? undefined : bool(r.viaService !== null); break;
      case 'aws:tagkeys': v = r.requestTags ? Object.keys(r.requestTags) : undefined; break;
      case 'kms:viaservice': v = one(r.viaService); break;
      case 'aws:currenttime': {
        const t = this.time;
        v = t === undefined ? undefined : [new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')];
        break;
      }
      case 'aws:epochtime': {
        const t = this.time;
        v = t === undefined ? undefined : [String(Math.floor(t / 1000))];
        break;
      }
      case 'kms:encryptioncontextkeys': {
        const ec = r.encryptionContext;
        v = ec === undefined ? undefined : ec === null ? null : Object.keys(ec);
        break;
      }
      default:
        return isFamily(key) ? this.family(key) : this.principalKey(key);
    }
    return v === undefined ? this.fallback() : v;
  }

  /** A key about the caller. */
  private principalKey(key: string): KeyValue {
    const r = this.request;
    const id = this.identity;
    const service = id.kind === 'service';
    const known = id.kind !== 'unknown' && id.kind !== 'accountOnly';
    let v: KeyValue;
    switch (key) {
      case 'aws:principalarn':
        v = one(id.kind === 'session' ? id.roleArn : service ? null : id.kind === 'accountOnly' ? undefined : id.arn);
        break;
      case 'aws:principalaccount': v = service ? null : one(id.account); break;
      case 'aws:principaltype': v = one(PRINCIPAL_TYPES[r.principal.type]); break;
      case 'aws:principalisawsservice': v = known ? bool(service) : undefined; break;
      case 'aws:principalservicename': v = service ? one(id.service) : known ? null : undefined; break;
      // aws:username: present only for IAM users.
      case 'aws:username':
        v = id.kind === 'user' ? one(r.principal.userName ?? id.arn?.slice(id.arn.lastIndexOf('/') + 1)) : known ? null : undefined;
        break;
      case 'aws:userid': v = one(r.principal.userId ?? (id.kind === 'root' ? id.account : undefined)); break;
      case 'kms:calleraccount': v = service ? null : one(r.callerAccount ?? id.account); break;
      default:
        return this.fallback();
    }
    return v === undefined ? this.fallback() : v;
  }

  /** A key of a family with a variable part (`kms:EncryptionContext:...`, tags). */
  private family(key: string): KeyValue {
    const r = this.request;
    for (let i = 0; i < FAMILIES.length; i++) {
      const prefix = FAMILIES[i];
      if (!key.startsWith(prefix)) continue;
      const map = i === 0 ? r.encryptionContext : i === 1 ? r.principalTags : i === 2 ? r.requestTags : r.resourceTags;
      if (map === undefined) return this.fallback();
      if (map === null) return null;
      const value = lookupIgnoringCase(map, key.slice(prefix.length));
      return value === null || value === undefined ? value : [value];
    }
    return this.fallback();
  }
}
