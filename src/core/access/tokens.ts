/**
 * A caller as index tokens: `arn:<its ARN>`, `role:<account>:<role name>` for a
 * session, `acct:<account>`, `svc:<service's first label>`. Statements and
 * grants that name one identity are indexed by the same tokens, so a request
 * finds the ones that can concern it without testing the others. Remembered
 * per caller: a log has a few thousand callers and tens of thousands of calls.
 */
import type { Identity } from './principals';

const cache = new Map<string, readonly string[]>();

function serviceLabel(s: string): string {
  const dot = s.indexOf('.');
  return dot === -1 ? s : s.slice(0, dot);
}

export function principalTokens(id: Identity): readonly string[] {
  const key = id.arn ?? (id.kind === 'session' ? `${id.account ?? ''}/${id.roleName ?? ''}` : (id.service ?? id.account ?? ''));
  let tokens = cache.get(key);
  if (!tokens) {
    const out: string[] = [];
    if (id.kind === 'service' && id.service) out.push(`svc:${serviceLabel(id.service)}`);
    if (id.arn) out.push(`arn:${id.arn}`);
    if (id.kind === 'session' && id.account && id.roleName) out.push(`role:${id.account}:${id.roleName}`);
    if (id.account) out.push(`acct:${id.account}`);
    tokens = out;
    if (cache.size < 50_000) cache.set(key, tokens);
  }
  return tokens;
}
