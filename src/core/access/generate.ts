/**
 * A least-privilege key policy from the logs (issue 16, "Least privilege from
 * the logs"): the account root statement of the default key policy, kept so
 * that the account can still manage the key (without it the key can become
 * unmanageable: KMS Developer Guide, "Default key policy"), then one statement
 * per principal and kind of use, allowing exactly the operations the logs show
 * it made successfully on the key, through the services it used, with the
 * encryption context pairs every one of its calls carried.
 *
 * Conditions are split from what they cannot apply to: encryption context
 * conditions go only on operations that take an encryption context (a
 * condition on a key the request lacks is false, so DescribeKey under such a
 * condition would be denied), kms:ViaService only when every call came through
 * a service (KMS Developer Guide, "kms:ViaService" and "kms:EncryptionContext:context-key":
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
 */
import { eventRecords } from '../document/model';
import { buildGrantsModel } from '../keys/build';
import type { GrantsSource } from '../keys/types';
import { IAM_ONLY_ACTIONS, NOT_EFFECTIVE_IN_KEY_POLICY_ALLOW } from '../data/kmsFacts';
import { takesEncryptionContext } from './actions';
import { eventOutcome, requestsFromEvent } from './fromEvent';
import type { AccessRequest } from './types';

/**
 * Actions a key policy's Allow cannot give: those not on a key (CreateKey, ListKeys, ...), which only IAM policies
 * can give, and RetireGrant, which the grant itself authorises (KMS Developer Guide, grant-manage). Writing them
 * would only earn the generated policy a policy-iam-only-action error.
 */
const NOT_IN_A_KEY_POLICY = new Set<string>([...IAM_ONLY_ACTIONS, ...NOT_EFFECTIVE_IN_KEY_POLICY_ALLOW].map((a) => `kms:${a}`));

/** Past this many distinct values of one context key, the key is not pinned to values (the logs show an open set). */
const MAX_CONTEXT_VALUES = 5;

export interface GeneratedPolicy {
  /** The policy, as JSON text (2-space indentation). */
  text: string;
  /** Successful calls on the key that it was built from. */
  calls: number;
  /** The principals it names, besides the account root. */
  principals: number;
  /** The earliest and latest event time of those calls. */
  from?: string;
  to?: string;
}

interface Use {
  principal: { AWS: string } | { Service: string };
  name: string;
  actions: Set<string>;
  /** kms:ViaService of each call; null for a direct call. */
  via: Set<string | null>;
  /** Per context key, its values; `contextCalls` counts calls that take a context. */
  context: Map<string, Set<string>>;
  contextCalls: number;
  /** Keys present in every call that takes a context. */
  alwaysKeys?: Set<string>;
  /** The operations of every grant it created (kms:GrantOperations); null once a CreateGrant's operations are not known. */
  grantOperations?: Set<string> | null;
}

/** The principal a key policy names for the caller: the role of a session, the user, the service. */
function policyPrincipal(r: AccessRequest): { principal: Use['principal']; name: string } | undefined {
  const p = r.principal;
  switch (p.type) {
    case 'AssumedRole': return p.roleArn ? { principal: { AWS: p.roleArn }, name: `Role${p.roleArn.slice(p.roleArn.lastIndexOf('/') + 1)}` } : undefined;
    case 'IAMUser': return p.arn ? { principal: { AWS: p.arn }, name: `User${p.arn.slice(p.arn.lastIndexOf('/') + 1)}` } : undefined;
    case 'AWSService': return p.service ? { principal: { Service: p.service }, name: `Service${p.service.split('.')[0]}` } : undefined;
    // The root user is covered by the root statement; federated users and unknown callers cannot be named in a key policy reliably.
    default: return undefined;
  }
}

function sidOf(name: string, suffix: string, taken: Set<string>): string {
  const base = `Allow${name.replace(/[^A-Za-z0-9]/g, '')}${suffix}`;
  let sid = base;
  for (let i = 2; taken.has(sid); i++) sid = `${base}${i}`;
  taken.add(sid);
  return sid;
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

function statementsOf(use: Use, taken: Set<string>): unknown[] {
  // CreateGrant gets a statement of its own, limited to the operations its grants gave (AWS recommends limiting it).
  const grantOps = use.actions.has('kms:CreateGrant') && use.grantOperations ? use.grantOperations : undefined;
  const withContext = sorted([...use.actions].filter((a) => takesEncryptionContext(a.slice(4)) && !(grantOps && a === 'kms:CreateGrant')));
  const other = sorted([...use.actions].filter((a) => !takesEncryptionContext(a.slice(4)) && !(grantOps && a === 'kms:CreateGrant')));
  const via = [...use.via];
  const viaCondition = via.length > 0 && !via.includes(null) ? { 'kms:ViaService': sorted(via as string[]) } : undefined;
  const out: unknown[] = [];
  const statement = (suffix: string, actions: string[], extra: Record<string, unknown>, operator = 'StringEquals'): unknown => {
    const conditions: Record<string, Record<string, unknown>> = {};
    for (const [k, v] of Object.entries(extra)) (conditions[operator] ??= {})[k] = v;
    if (viaCondition) (conditions.StringEquals ??= {})['kms:ViaService'] = viaCondition['kms:ViaService'].length === 1 ? viaCondition['kms:ViaService'][0] : viaCondition['kms:ViaService'];
    const s: Record<string, unknown> = { Sid: sidOf(use.name, suffix, taken), Effect: 'Allow', Principal: use.principal, Action: actions.length === 1 ? actions[0] : actions, Resource: '*' };
    if (Object.keys(conditions).length > 0) s.Condition = conditions;
    return s;
  };
  if (withContext.length > 0) {
    const pinned: Record<string, unknown> = {};
    for (const key of sorted(use.alwaysKeys ?? [])) {
      const values = use.context.get(key);
      if (values && values.size <= MAX_CONTEXT_VALUES) pinned[`kms:EncryptionContext:${key}`] = values.size === 1 ? [...values][0] : sorted(values);
    }
    out.push(statement('Use', withContext, pinned));
  }
  if (other.length > 0) out.push(statement(withContext.length > 0 ? 'Other' : '', other, {}));
  // Every operation of the request must be one of these (a CreateGrant always names its operations).
  if (grantOps) out.push(statement('CreateGrant', ['kms:CreateGrant'], { 'kms:GrantOperations': sorted(grantOps) }, 'ForAllValues:StringEquals'));
  return out;
}

/** The calls on `keyArn` the grants model attributes to a grant (its grantee, a session of it, a service on its behalf), as `source id NUL record start`. */
function callsThroughGrants(sources: readonly GrantsSource[], keyArn: string): Set<string> {
  const out = new Set<string>();
  for (const k of buildGrantsModel(sources).keys) {
    if (k.key.identity !== keyArn) continue;
    for (const g of k.grants) for (const u of g.uses) out.add(`${u.source}\u0000${u.start}`);
  }
  return out;
}

/** The least-privilege key policy for `keyArn` from the successful calls on it in `sources`; undefined when the ARN is not a key ARN. */
export function generateKeyPolicy(sources: readonly GrantsSource[], keyArn: string): GeneratedPolicy | undefined {
  const m = /^arn:([^:]+):kms:[^:]*:(\d{12}):key\/.+$/.exec(keyArn);
  if (!m) return undefined;
  const [, partition, account] = m;
  const uses = new Map<string, Use>();
  const throughGrants = callsThroughGrants(sources, keyArn);
  let calls = 0;
  let from: string | undefined;
  let to: string | undefined;
  for (const source of sources) {
    for (const record of eventRecords(source.model)) {
      const requests = requestsFromEvent(record.value);
      if (requests.length === 0 || eventOutcome(record.value) !== 'success') continue;
      const e = record.value as Record<string, unknown>;
      // A dry run made no call; the logs show it would have worked, not that it is needed.
      if (e.errorCode === 'DryRunOperationException') continue;
      // A grant allowed this call: the key policy need not, and allowing it there would give more than the logs show.
      if (throughGrants.has(`${source.id}\u0000${record.start}`)) continue;
      let counted = false;
      for (const r of requests) {
        if (r.keyArn !== keyArn || NOT_IN_A_KEY_POLICY.has(r.action)) continue;
        const who = policyPrincipal(r);
        if (!who) continue;
        const id = JSON.stringify(who.principal);
        let use = uses.get(id);
        if (!use) uses.set(id, (use = { principal: who.principal, name: who.name, actions: new Set(), via: new Set(), context: new Map(), contextCalls: 0 }));
        use.actions.add(r.action);
        if (r.action === 'kms:CreateGrant') {
          const ops = r.context?.['kms:GrantOperations'];
          if (!Array.isArray(ops) || ops.length === 0) use.grantOperations = null;
          else if (use.grantOperations !== null) ops.forEach((o) => (use.grantOperations ??= new Set()).add(o));
        }
        if (r.viaService !== undefined) use.via.add(r.viaService);
        else use.via.add(null); // not known: no ViaService condition
        if (takesEncryptionContext(r.action.slice(4))) {
          const ec = r.encryptionContext ?? {};
          const keys = new Set(Object.keys(ec));
          use.alwaysKeys = use.contextCalls === 0 ? keys : new Set([...(use.alwaysKeys ?? [])].filter((k) => keys.has(k)));
          use.contextCalls++;
          for (const k of keys) {
            let values = use.context.get(k);
            if (!values) use.context.set(k, (values = new Set()));
            values.add(ec[k]);
          }
        }
        counted = true;
      }
      if (!counted) continue;
      calls++;
      const t = typeof e.eventTime === 'string' ? e.eventTime : undefined;
      if (t && (!from || t < from)) from = t;
      if (t && (!to || t > to)) to = t;
    }
  }
  const taken = new Set<string>(['Enable IAM User Permissions']);
  const statements: unknown[] = [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
  ];
  for (const use of [...uses.values()].sort((a, b) => a.name.localeCompare(b.name))) statements.push(...statementsOf(use, taken));
  const text = JSON.stringify({ Version: '2012-10-17', Id: 'least-privilege-from-logs', Statement: statements }, null, 2) + '\n';
  return { text, calls, principals: uses.size, from, to };
}
