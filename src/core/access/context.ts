/**
 * The request context: a request's condition keys, looked up by name the way
 * IAM does (key names are case-insensitive), built once per request.
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
import { arnParts } from './glob';
import { identityOf, type Identity } from './principals';
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

/** A map with lower-case keys; two keys differing only in case make that key unknown. */
function lowerMap(m: Readonly<Record<string, string>> | null | undefined): Map<string, string | undefined> | null | undefined {
  if (m === null || m === undefined) return m;
  const out = new Map<string, string | undefined>();
  for (const k in m) {
    const lower = k.toLowerCase();
    out.set(lower, out.has(lower) ? undefined : m[k]);
  }
  return out;
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
  /** `Decrypt`: the action's name after the prefix, as written. */
  readonly actionName: string;
  readonly keyArn?: string;
  readonly keyArnParts?: string[];
  readonly identity: Identity;
  /** Milliseconds since the epoch, or undefined. */
  readonly time?: number;
  private readonly keys = new Map<string, KeyValue>();
  private readonly families: Array<Map<string, string | undefined> | null | undefined>;
  private readonly fallback: null | undefined;

  constructor(request: AccessRequest) {
    this.request = request;
    const colon = request.action.indexOf(':');
    this.actionName = colon === -1 ? request.action : request.action.slice(colon + 1);
    this.action = (colon === -1 ? `kms:${request.action}` : request.action).toLowerCase();
    this.keyArn = request.keyArn;
    this.keyArnParts = request.keyArn ? arnParts(request.keyArn) : undefined;
    this.identity = identityOf(request.principal);
    const t = request.time ? Date.parse(request.time) : NaN;
    this.time = Number.isNaN(t) ? undefined : t;
    this.fallback = request.completeContext ? null : undefined;
    this.families = [lowerMap(request.encryptionContext), lowerMap(request.principalTags), lowerMap(request.requestTags), lowerMap(request.resourceTags)];
    this.fill();
  }

  private set(key: string, v: KeyValue): void {
    if (v !== undefined) this.keys.set(key, v);
  }

  private fill(): void {
    const r = this.request;
    const id = this.identity;
    const service = id.kind === 'service';
    const principalArn = id.kind === 'session' ? id.roleArn : service ? null : id.kind === 'accountOnly' ? undefined : id.arn;
    this.set('aws:principalarn', one(principalArn));
    this.set('aws:principalaccount', service ? null : one(id.account));
    this.set('aws:principaltype', one(PRINCIPAL_TYPES[r.principal.type]));
    this.set('aws:principalisawsservice', id.kind === 'unknown' || id.kind === 'accountOnly' ? undefined : bool(service));
    this.set('aws:principalservicename', service ? one(id.service) : id.kind === 'unknown' ? undefined : null);
    // aws:username: present only for IAM users.
    if (id.kind === 'user') {
      const name = r.principal.userName ?? id.arn?.slice(id.arn.lastIndexOf('/') + 1);
      this.set('aws:username', one(name));
    } else if (id.kind !== 'unknown' && id.kind !== 'accountOnly') {
      this.set('aws:username', null);
    }
    this.set('aws:userid', one(r.principal.userId ?? (id.kind === 'root' ? id.account : undefined)));
    this.set('aws:sourceip', one(r.sourceIp));
    this.set('aws:sourcevpce', one(r.sourceVpce));
    this.set('aws:sourcevpc', one(r.sourceVpc));
    if (this.time !== undefined) {
      this.set('aws:currenttime', [new Date(this.time).toISOString().replace(/\.\d{3}Z$/, 'Z')]);
      this.set('aws:epochtime', [String(Math.floor(this.time / 1000))]);
    }
    this.set('aws:multifactorauthpresent', bool(r.mfa));
    this.set('aws:securetransport', bool(r.secureTransport));
    this.set('aws:requestedregion', one(r.region));
    this.set('aws:principalorgid', one(r.principalOrgId));
    this.set('aws:viaawsservice', r.viaService === undefined ? undefined : bool(r.viaService !== null));
    this.set('kms:calleraccount', service ? null : one(r.callerAccount ?? id.account));
    this.set('kms:viaservice', one(r.viaService));
    const ec = r.encryptionContext;
    this.set('kms:encryptioncontextkeys', ec === undefined ? undefined : ec === null ? [] : Object.keys(ec));
    if (r.requestTags) this.set('aws:tagkeys', Object.keys(r.requestTags));
    if (r.context) for (const k in r.context) this.keys.set(k.toLowerCase(), entry(r.context[k]));
  }

  /** The value of a condition key (give it in lower case). */
  get(key: string): KeyValue {
    const v = this.keys.get(key);
    if (v !== undefined || this.keys.has(key)) return v;
    for (let i = 0; i < FAMILIES.length; i++) {
      const prefix = FAMILIES[i];
      if (key.startsWith(prefix)) {
        const map = this.families[i];
        if (map === undefined) return this.fallback;
        if (map === null) return null;
        const name = key.slice(prefix.length);
        if (!map.has(name)) return null;
        const value = map.get(name);
        return value === undefined ? undefined : [value];
      }
    }
    return this.fallback;
  }
}

const contexts = new WeakMap<AccessRequest, RequestContext>();

/** The context of a request, built once per request object. */
export function contextOf(request: AccessRequest): RequestContext {
  let c = contexts.get(request);
  if (!c) {
    c = new RequestContext(request);
    contexts.set(request, c);
  }
  return c;
}
