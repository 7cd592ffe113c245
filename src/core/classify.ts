/**
 * Sorts a parsed JSON value into what KMS Lens knows how to analyse. It is
 * deliberately cheap and conservative: anything it is unsure of is `other`,
 * and `other` documents get no diagnostics at all (no noise on plain JSON).
 */
import { templateHasKmsPolicy } from './policy/cloudFormation';
import type { DocumentKind } from './types';

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A CloudTrail record: the fields every event has, from eventVersion 1.0 on. */
export function isEventLike(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (typeof v.eventVersion === 'string') return true;
  return typeof v.eventName === 'string' && typeof v.eventSource === 'string';
}

const POLICY_VERSION = /^\d{4}-\d{2}-\d{2}$/;

function statementsOf(v: Obj): unknown[] | undefined {
  const s = v.Statement;
  if (Array.isArray(s)) return s;
  if (isObject(s)) return [s];
  return undefined;
}

/** A policy document: a Statement, or at least a Version that looks like a policy language version. */
export function isPolicyLike(v: unknown): boolean {
  if (!isObject(v)) return false;
  if ('Statement' in v) return true;
  return typeof v.Version === 'string' && POLICY_VERSION.test(v.Version);
}

/** A key policy is a policy whose statements name principals; an identity policy names none. */
export function policyKind(v: Obj): 'keyPolicy' | 'identityPolicy' {
  const statements = statementsOf(v) ?? [];
  const hasPrincipal = statements.some((s) => isObject(s) && ('Principal' in s || 'NotPrincipal' in s));
  return hasPrincipal ? 'keyPolicy' : 'identityPolicy';
}

export type Container = 'Records' | 'Grants' | 'array' | 'single' | 'none';

export interface Classification {
  kind: DocumentKind;
  /** Where the records (events or grant entries) are. */
  container: Container;
}

export function classifyValue(v: unknown): Classification {
  if (Array.isArray(v)) {
    const first = v.find((e) => e !== null && typeof e === 'object');
    if (first !== undefined && isEventLike(first)) return { kind: 'cloudTrail', container: 'array' };
    return { kind: 'other', container: 'none' };
  }
  if (!isObject(v)) return { kind: 'other', container: 'none' };
  if (Array.isArray(v.Records) && (v.Records.length === 0 || v.Records.some(isEventLike))) {
    return { kind: 'cloudTrail', container: 'Records' };
  }
  if (Array.isArray(v.Grants)) return { kind: 'listGrants', container: 'Grants' };
  if (isEventLike(v)) return { kind: 'cloudTrail', container: 'single' };
  if (isPolicyLike(v)) return { kind: policyKind(v), container: 'none' };
  // Templates without a KMS policy stay `other`: their other resources are not ours to judge.
  if (templateHasKmsPolicy(v)) return { kind: 'cloudFormation', container: 'none' };
  return { kind: 'other', container: 'none' };
}

/**
 * A guess from the first bytes only, for files too large to analyse: enough to
 * decide whether to tell the user that a log or policy was skipped.
 */
export function sniffKind(prefix: string): DocumentKind {
  const head = prefix.slice(0, 64 * 1024);
  if (/^\s*\{\s*"Records"\s*:\s*\[/.test(head)) return 'cloudTrail';
  if (/^\s*\{\s*"Grants"\s*:\s*\[/.test(head)) return 'listGrants';
  if (/^\s*[[{]/.test(head) && /"eventVersion"\s*:/.test(head) && /"eventSource"\s*:/.test(head)) return 'cloudTrail';
  if (/^\s*\{/.test(head) && /"Statement"\s*:/.test(head)) return /"(Not)?Principal"\s*:/.test(head) ? 'keyPolicy' : 'identityPolicy';
  return 'other';
}
