/**
 * ARNs, key ids, aliases, accounts and documentation placeholders: parsing,
 * validation and the one repair AWS's own pages need (`arn:aws::kms:`, where an
 * extra colon shifts every field one place to the right).
 */
import { ALL_REGIONS, isKnownPartition } from '../data/kmsFacts';

/**
 * Stands for one unknown part of a value (a placeholder, a template
 * interpolation, a CloudFormation function) in the "shape" of a value that
 * the parsers here read (src/core/policy/value.ts builds it). It is a
 * private-use character, so it is never a colon, a digit or a letter: an ARN
 * parses around it, and a check sees at once that a field is not all known.
 */
export const UNKNOWN = '\uE000';

/** True when the text holds an unknown part. */
export function hasUnknown(s: string): boolean {
  return s.includes(UNKNOWN);
}

export interface ArnPart {
  value: string;
  /** Offset of the part inside the ARN string. */
  start: number;
}

export interface Arn {
  partition: ArnPart;
  service: ArnPart;
  region: ArnPart;
  account: ArnPart;
  /** Everything after the fifth colon, e.g. `key/1234...` or `role/Admin`. */
  resource: ArnPart;
  /** `key`, `alias`, `role`, `assumed-role`, ... (text before the first `/` or `:` of the resource). */
  resourceType: string;
  /** The resource after its type: a key id, an alias name, a role name. */
  resourceId: string;
}

/** Splits an ARN into its parts, or undefined if it has fewer than six colon-separated fields. */
export function parseArn(s: string): Arn | undefined {
  if (!s.startsWith('arn:')) return undefined;
  const starts: number[] = [0];
  for (let i = 0; i < s.length && starts.length < 6; i++) if (s[i] === ':') starts.push(i + 1);
  if (starts.length < 6) return undefined;
  const part = (i: number): ArnPart => ({ value: s.slice(starts[i], i < 5 ? starts[i + 1] - 1 : s.length), start: starts[i] });
  const resource = part(5);
  const sep = resource.value.search(/[/:]/);
  return {
    partition: part(1),
    service: part(2),
    region: part(3),
    account: part(4),
    resource,
    resourceType: sep === -1 ? '' : resource.value.slice(0, sep),
    resourceId: sep === -1 ? resource.value : resource.value.slice(sep + 1),
  };
}

/**
 * `arn:aws::kms:us-west-2:111122223333:key/...` -> `arn:aws:kms:us-west-2:...`:
 * an empty field before a service name pushes every later field one place on.
 * Returns the intended ARN, or undefined if this is not that mistake.
 */
export function repairShiftedArn(s: string): string | undefined {
  const parts = s.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== '' || !/^[a-z][a-z0-9-]*$/.test(parts[3])) return undefined;
  const fixed = [parts[0], parts[1], ...parts.slice(3)].join(':');
  const arn = parseArn(fixed);
  if (!arn) return undefined;
  // The repaired ARN must make sense: a Region (or none, for global services, or a placeholder) where the region goes.
  const region = arn.region.value;
  if (region !== '' && !hasUnknown(region) && !ALL_REGIONS.includes(region) && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) return undefined;
  return fixed;
}

export const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MULTI_REGION_KEY_ID = /^mrk-[0-9a-f]{32}$/;
/** AWS documentation writes ids like `a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`: the shape of a key id, marked as an example. */
const EXAMPLE_KEY_ID = /^[0-9a-zA-Z]{8}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{12}$/;

export type KeyIdKind = 'key' | 'multiRegion' | 'placeholder' | 'invalid';

export function keyIdKind(id: string): KeyIdKind {
  if (KEY_ID.test(id)) return 'key';
  if (MULTI_REGION_KEY_ID.test(id)) return 'multiRegion';
  if (/EXAMPLE/i.test(id) && (EXAMPLE_KEY_ID.test(id) || /^mrk-/.test(id))) return 'placeholder';
  return 'invalid';
}

/** [B] CreateAliasRequest: `alias/` + 1-250 of `[a-zA-Z0-9:/_-]`; `alias/aws/` is reserved for AWS managed keys. */
export function aliasNameProblem(name: string): 'prefix' | 'characters' | 'length' | 'reserved' | undefined {
  if (!name.startsWith('alias/')) return 'prefix';
  if (name.length > 256 || name.length <= 'alias/'.length) return 'length';
  if (!/^[a-zA-Z0-9:/_-]+$/.test(name)) return 'characters';
  if (name.startsWith('alias/aws/')) return 'reserved';
  return undefined;
}

export const ACCOUNT_ID = /^\d{12}$/;

/** Account ids and words AWS documentation uses in place of real values. */
const PLACEHOLDER_ACCOUNTS = new Set(['111122223333', '444455556666', '123456789012', '111111111111', '222222222222', '999999999999']);
const PLACEHOLDER_WORDS = /^(account[-_ ]?id(?:[-_ ]?without[-_ ]?hyphens)?|accountid|customeraccountid|your[-_]?account[-_]?id|<[^>]*>|\$\{[^}]*\}|aws[-_]account[-_]id|account|acct)$/i;

export function isPlaceholderAccount(s: string): boolean {
  return PLACEHOLDER_ACCOUNTS.has(s) || PLACEHOLDER_WORDS.test(s);
}

/** A value that a reader would recognise as a documentation example (`EXAMPLE` ids, placeholder accounts). */
export function isDocumentationPlaceholder(s: string): boolean {
  // EXAMPLE in the KMS and IAM guides (AKIAIOSFODNN7EXAMPLE), SAMPLE in others (key/1234abcd-12ab-34cd-56ef-123456SAMPLE).
  if (/EXAMPLE|SAMPLE/.test(s)) return true;
  const arn = parseArn(s);
  if (arn && isPlaceholderAccount(arn.account.value)) return true;
  return isPlaceholderAccount(s);
}

export function isKnownRegion(region: string): boolean {
  return ALL_REGIONS.includes(region);
}

/**
 * The words AWS documentation writes, in italics, where a Region goes:
 * `arn:aws:logs:region:account-id:*` and `logs.region.amazonaws.com` (the KMS
 * guide), `region-code` (the EKS guide). Copied unreplaced, they are
 * placeholders, not misspelt Regions. (Upper-case `REGION` is placeholders.ts's.)
 */
export function isPlaceholderRegion(region: string): boolean {
  return /^(?:region|region-code|aws-region)$/.test(region);
}

export { isKnownPartition };

/** Service principals look like `service.amazonaws.com` (or a Regional form such as `fargate.us-west-2.amazonaws.com`). */
export const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

const SERVICE_PRINCIPAL_CHARS = new RegExp(`^[a-z0-9.${UNKNOWN}-]*$`);

/**
 * Whether a value whose unknown parts are `UNKNOWN` can be a service
 * principal once they are filled in: `logs.${region}.amazonaws.com` and
 * `${service}.amazonaws.com` can; `logs.${region}.amazonaws` and a value with
 * upper-case letters or spaces around the placeholder cannot.
 */
export function couldBeServicePrincipal(shape: string): boolean {
  if (!hasUnknown(shape)) return SERVICE_PRINCIPAL.test(shape);
  if (!SERVICE_PRINCIPAL_CHARS.test(shape)) return false;
  const tail = shape.slice(shape.lastIndexOf(UNKNOWN) + 1);
  return tail === '' || /(^|\.)amazonaws\.com(\.cn)?$/.test(tail) || '.amazonaws.com'.endsWith(tail) || '.amazonaws.com.cn'.endsWith(tail);
}
