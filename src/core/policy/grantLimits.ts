/**
 * Which CreateGrant entries are given without a limit on the grants: the
 * question of policy-create-grant-unrestricted, which policy-sensitive-permissions
 * asks too so that the same token is not reported twice for one reason.
 */
import { narrowingKeys, type ActionRef, type NormalizedStatement } from './normalize';

/** Condition keys that limit the grants a principal can create. */
export const GRANT_LIMITS = ['kms:grantisforawsresource', 'kms:grantoperations', 'kms:viaservice'];

/** Whether the statement's conditions limit the grants it allows. */
export function limitsGrants(s: NormalizedStatement): boolean {
  const keys = narrowingKeys(s);
  return GRANT_LIMITS.some((k) => keys.has(k));
}

/**
 * The `kms:CreateGrant` entry (named without a wildcard) of an Allow that
 * gives principals other than whole accounts the right to create any grant;
 * undefined otherwise. An account's root delegates to IAM policies, where the
 * limit belongs.
 */
export function unrestrictedCreateGrant(s: NormalizedStatement): ActionRef | undefined {
  if (s.effect !== 'Allow') return undefined;
  const entry = s.actions.find((a) => a.service === 'kms' && !a.wildcard && a.matches[0]?.name === 'CreateGrant');
  if (!entry) return undefined;
  if (s.principalElement === 'Principal' && s.principals.length > 0 && s.principals.every((p) => p.kind === 'root' || p.kind === 'account')) return undefined;
  return limitsGrants(s) ? undefined : entry;
}
