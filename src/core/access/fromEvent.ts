/**
 * The request a CloudTrail event records, as evaluator input: who called
 * (userIdentity), what (the IAM actions that authorise the event's operation),
 * on which key, and the context the logs show. What an event does not show
 * (the caller's tags, its organization, the key's tags and spec) stays
 * unknown, so a condition on it answers "cannot tell".
 *
 * Sources: CloudTrail User Guide, "CloudTrail userIdentity element" and
 * "CloudTrail record contents" (invokedBy, sourceIPAddress, vpcEndpointId,
 * sessionContext.attributes.mfaAuthenticated); IAM User Guide, "AWS global
 * condition context keys" (aws:SourceIp is absent for requests through a VPC
 * endpoint, and is the calling service's address when a service calls on the
 * principal's behalf; aws:MultiFactorAuthPresent is absent for long-term
 * credentials); KMS Developer Guide, "kms:ViaService" (the value is
 * `SERVICE.REGION.amazonaws.com`, for requests a service makes on the
 * principal's behalf) and "kms:GrantIsForAWSResource".
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 */
import { nonEmptyString } from '../jsonValues';
import { isObject } from '../classify';
import { KMS_OPERATION_BY_NAME } from '../cloudtrail/data/kmsOperations';
import { VIA_SERVICE_NAMES } from '../data/kmsFacts';
import { maybeShiftedArn } from '../cloudtrail/event';
import { repairShiftedArn } from '../kms/identifiers';
import { contextKeysWithoutContext, takesEncryptionContext } from './actions';
import type { Actual } from './drift';
import type { AccessRequest, ContextEntry, PrincipalType, RequestPrincipal } from './types';

type Obj = Record<string, unknown>;


/** An ARN as written, or its repaired form when it has the `arn:aws::service:` shift of AWS's own examples. */
function arnText(v: unknown): string | undefined {
  const s = nonEmptyString(v);
  if (!s || !s.startsWith('arn:') || !maybeShiftedArn(s)) return s;
  return repairShiftedArn(s) ?? s;
}
const obj = (v: unknown): Obj | undefined => (isObject(v) ? v : undefined);

const PRINCIPAL_TYPES = new Set<PrincipalType>(['Root', 'IAMUser', 'AssumedRole', 'FederatedUser', 'AWSService', 'AWSAccount']);
const VIA = new Set<string>(VIA_SERVICE_NAMES);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$/;
const SERVICE = /^([a-z0-9-]+)\.amazonaws\.com$/;
const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KEY_ARN = /^arn:[^:]+:kms:[^:]+:\d{12}:key\//;


/** Error codes of a refused authorisation (KMS API reference: AccessDeniedException). */
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** A key ARN from an identifier: an ARN as is, a bare key id completed with the event's Region and account; aliases give nothing. */
function keyArnOf(written: string | undefined, region: string | undefined, account: string | undefined): string | undefined {
  const value = arnText(written);
  if (!value) return undefined;
  if (KEY_ARN.test(value)) return value;
  if (KEY_ID.test(value) && region && account) return `arn:${partitionOf(region)}:kms:${region}:${account}:key/${value}`;
  return undefined;
}

/** A map of strings: the object itself when every value is a string (as in every real event), else a copy of its strings. */
function stringMap(v: unknown): Record<string, string> | undefined {
  const o = obj(v);
  if (!o) return undefined;
  let clean = true;
  for (const k in o) if (typeof o[k] !== 'string') clean = false;
  if (clean) return o as Record<string, string>;
  const out: Record<string, string> = {};
  for (const k in o) if (typeof o[k] === 'string') out[k] = o[k] as string;
  return out;
}

function principalOf(u: Obj): RequestPrincipal {
  const rawType = nonEmptyString(u.type);
  const type: PrincipalType = rawType && PRINCIPAL_TYPES.has(rawType as PrincipalType) ? (rawType as PrincipalType) : 'Unknown';
  const session = obj(u.sessionContext);
  const issuer = session && obj(session.sessionIssuer);
  const p: RequestPrincipal = { type };
  const arn = arnText(u.arn);
  const account = nonEmptyString(u.accountId);
  if (arn) p.arn = arn;
  if (account) p.account = account;
  const userId = nonEmptyString(u.principalId);
  if (userId && type !== 'AWSService') p.userId = userId;
  if (type === 'IAMUser' && nonEmptyString(u.userName)) p.userName = nonEmptyString(u.userName);
  if (type === 'AssumedRole' && issuer && arnText(issuer.arn)) p.roleArn = arnText(issuer.arn);
  if (type === 'AWSService' && nonEmptyString(u.invokedBy)) p.service = nonEmptyString(u.invokedBy);
  return p;
}

/** `kms:ViaService` from the service that made the call: only names KMS documents as ViaService values. */
function viaServiceOf(service: string, region: string | undefined): string | undefined {
  const m = SERVICE.exec(service);
  if (!m || !region || !VIA.has(m[1])) return undefined;
  return `${m[1]}.${region}.amazonaws.com`;
}

/** Grant ids of RetireGrant (logged in additionalEventData) and RevokeGrant. */
function grantIdOf(e: Obj, params: Obj | undefined): string | undefined {
  return nonEmptyString(params?.grantId) ?? nonEmptyString(obj(e.additionalEventData)?.grantId);
}

/**
 * The requests an event records: one, or two for ReEncrypt (ReEncryptFrom on
 * the source key, ReEncryptTo on the destination key). None for events that
 * are not KMS calls (another service, or KMS's own service events).
 */
export function requestsFromEvent(event: unknown): AccessRequest[] {
  const e = obj(event);
  if (!e || e.eventSource !== 'kms.amazonaws.com' || e.eventType === 'AwsServiceEvent') return [];
  const name = nonEmptyString(e.eventName);
  if (!name) return [];
  const op = KMS_OPERATION_BY_NAME.get(name);
  const actions = op ? op.iamActions : [`kms:${name}`];
  if (actions.length === 0) return [];
  const u = obj(e.userIdentity) ?? {};
  const params = obj(e.requestParameters);
  const response = obj(e.responseElements);
  const region = nonEmptyString(e.awsRegion);
  const account = nonEmptyString(e.recipientAccountId) ?? nonEmptyString(u.accountId);
  const invokedBy = nonEmptyString(u.invokedBy);
  const source = nonEmptyString(e.sourceIPAddress);
  const vpce = nonEmptyString(e.vpcEndpointId);
  const principal = principalOf(u);

  // Through a service, or direct from an address.
  const sourceIsIp = source !== undefined && (IPV4.test(source) || IPV6.test(source));
  let viaService: string | null | undefined;
  if (principal.type !== 'AWSService') {
    if (invokedBy) viaService = viaServiceOf(invokedBy, region);
    else if (sourceIsIp) viaService = null;
    else if (source) viaService = viaServiceOf(source, region);
  }
  const direct = sourceIsIp && !invokedBy;
  const session = obj(u.sessionContext);
  const mfaText = nonEmptyString(obj(session?.attributes)?.mfaAuthenticated);
  const mfa = mfaText === 'true' || mfaText === 'false' ? mfaText === 'true'
    : principal.type === 'IAMUser' && !session && nonEmptyString(u.accessKeyId)?.startsWith('AKIA') ? null : undefined;

  // One object literal with every field, so that tens of thousands of requests share one shape.
  const base: AccessRequest = {
    action: actions[0],
    keyArn: undefined,
    principal,
    encryptionContext: undefined,
    viaService,
    callerAccount: principal.account,
    sourceIp: vpce ? null : direct ? source : undefined,
    sourceVpce: vpce ?? (direct ? null : undefined),
    time: nonEmptyString(e.eventTime),
    mfa,
    region,
    secureTransport: obj(e.tlsDetails) ? true : undefined,
    grantId: name === 'RetireGrant' || name === 'RevokeGrant' ? grantIdOf(e, params) : undefined,
    context: undefined,
  };

  let context: Record<string, ContextEntry> | undefined;
  const put = (k: string, v: ContextEntry): void => {
    (context ??= {})[k] = v;
  };
  if (name === 'CreateGrant' && params) {
    const ops = Array.isArray(params.operations) ? params.operations.filter((o): o is string => typeof o === 'string') : undefined;
    if (ops) put('kms:GrantOperations', ops);
    put('kms:GranteePrincipal', nonEmptyString(params.granteePrincipal) ?? null);
    put('kms:RetiringPrincipal', nonEmptyString(params.retiringPrincipal) ?? null);
    const constraints = obj(params.constraints);
    put('kms:GrantConstraintType', constraints?.encryptionContextEquals ? 'EncryptionContextEquals' : constraints?.encryptionContextSubset ? 'EncryptionContextSubset' : null);
  }
  if ((name === 'CreateGrant' || name === 'ListGrants' || name === 'RevokeGrant') && principal.type !== 'AWSService') {
    if (invokedBy) put('kms:GrantIsForAWSResource', 'true');
    else if (sourceIsIp) put('kms:GrantIsForAWSResource', 'false');
  }
  const algorithm = nonEmptyString(params?.encryptionAlgorithm);
  if (algorithm) put('kms:EncryptionAlgorithm', algorithm);
  base.context = context;

  const resources: string[] = [];
  if (Array.isArray(e.resources)) {
    for (const r of e.resources) {
      const a = arnText(obj(r)?.ARN);
      if (a !== undefined && KEY_ARN.test(a)) resources.push(a);
    }
  }
  if (name === 'ReEncrypt') {
    const destination = keyArnOf(nonEmptyString(params?.destinationKeyId) ?? nonEmptyString(response?.keyId), region, account);
    // The source key is often only in `resources`: the one that is not the destination, or the only one (re-encryption under the same key).
    const others = resources.filter((r) => r !== destination);
    const fromResources = destination && others.length === 1 ? others[0] : destination && resources.length === 1 ? resources[0] : undefined;
    const source = keyArnOf(nonEmptyString(response?.sourceKeyId) ?? nonEmptyString(params?.sourceKeyId), region, account) ?? fromResources;
    const from: AccessRequest = { ...base, action: 'kms:ReEncryptFrom', keyArn: source, encryptionContext: stringMap(params?.sourceEncryptionContext) ?? null };
    const to: AccessRequest = { ...base, action: 'kms:ReEncryptTo', keyArn: destination, encryptionContext: stringMap(params?.destinationEncryptionContext) ?? null };
    return [from, to];
  }
  const keyArn = resources[0]
    ?? keyArnOf(nonEmptyString(params?.keyId), region, account)
    ?? keyArnOf(nonEmptyString(response?.keyId), region, account)
    ?? keyArnOf(nonEmptyString(obj(response?.keyMetadata)?.arn), region, account);
  base.keyArn = keyArn;
  // Operations without an encryption context parameter have none, and conditions on it see it absent;
  // except CreateGrant and RetireGrant, whose encryption context keys come from the grant: not known here.
  base.encryptionContext = takesEncryptionContext(name) ? (stringMap(params?.encryptionContext) ?? null) : contextKeysWithoutContext(name) ? undefined : null;
  return actions.length === 1 ? [base] : actions.map((action) => (action === base.action ? base : { ...base, action }));
}

/** What happened to the call: allowed (a dry run counts), refused as not authorised, or failed for another reason. */
export function eventOutcome(event: unknown): Actual {
  const e = obj(event);
  const code = e && nonEmptyString(e.errorCode);
  if (!code || code === 'DryRunOperationException') return 'success';
  return ACCESS_DENIED.has(code) ? 'accessDenied' : 'otherFailure';
}
