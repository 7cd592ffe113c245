/**
 * Sorts a parsed JSON value into what KMS Lens knows how to analyse. It is
 * deliberately cheap and conservative: anything it is unsure of is `other`,
 * and `other` documents get no diagnostics at all (no noise on plain JSON).
 * A policy is recognised whole, as one statement, as an array of statements,
 * or as one JSON string holding any of these; which kind of policy it is, is
 * decided by policy/detectKind.ts (or the user's setting).
 */
import { parse as tolerantParse, type JSONPath } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { cliPolicyObject, cliPolicyString, isJsonMessage, isLogSubscriptionPayload, keyOutput, logEventsOutput, lookupEventsOutput, morePages, type CliOutput } from './document/cliOutput';
import { templateHasKmsPolicy } from './policy/cloudFormation';
import { templateHasUnrotatableKey } from './policy/templateRotation';
import { detailsHaveKmsPolicy, isAuthorizationDetails } from './document/iamDetails';
import { configHeldPolicies } from './document/heldPolicies';
import { detectPolicyKind, type PolicyContent } from './policy/detectKind';
import type { KindDecision } from './policy/kinds';
import type { DocumentHints, DocumentKind } from './types';

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The records AWS services hand to Lambda functions and other consumers (S3
 * event notifications, DynamoDB and Kinesis streams, SES, CodeCommit) name
 * their source `aws:s3`, `aws:dynamodb`, ...; CloudTrail names it by the
 * service's endpoint (`kms.amazonaws.com`). They share CloudTrail's
 * `eventVersion`, `eventName` and `Records`, and nothing else.
 */
const NOTIFICATION_SOURCE = /^aws:/i;

/** A CloudTrail record: the fields every event has, from eventVersion 1.0 on, and not an event notification. */
export function isEventLike(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (typeof v.eventSource === 'string' && NOTIFICATION_SOURCE.test(v.eventSource)) return false;
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

/**
 * One policy statement on its own, as people copy them out of larger
 * documents: an Effect and an Action (or NotAction), and nothing that makes it
 * a whole policy or an event.
 */
export function isStatementLike(v: unknown): boolean {
  return isObject(v) && typeof v.Effect === 'string' && ('Action' in v || 'NotAction' in v) && !('Statement' in v) && !isEventLike(v);
}

/** How a policy is written in the document. */
export type PolicyShape =
  /** A policy object, with `Statement`. */
  | 'policy'
  /** One statement object. */
  | 'statement'
  /** A JSON array of statements. */
  | 'statements';

/** The shape of a (decoded) value that holds a policy, if it does. */
export function policyShapeOf(v: unknown): PolicyShape | undefined {
  if (Array.isArray(v)) {
    const objects = v.filter(isObject);
    return objects.length > 0 && objects.length === v.length && objects.every(isStatementLike) ? 'statements' : undefined;
  }
  if (isPolicyLike(v)) return 'policy';
  if (isStatementLike(v)) return 'statement';
  return undefined;
}

/** What the kind is told from: the policy's Id and its statements, whatever its shape. */
export function policyContent(v: unknown, shape: PolicyShape): PolicyContent {
  if (shape === 'statements') return { statements: v as unknown[] };
  if (shape === 'statement') return { statements: [v] };
  return { id: (v as Obj).Id, statements: statementsOf(v as Obj) ?? [] };
}

/**
 * The value of a JSON string that holds a policy (a whole policy saved as
 * one string, as `aws iam get-role-policy` and friends print it): the
 * string's content read as JSON, tolerating errors (they are reported on the
 * string's characters).
 */
export function decodedPolicyValue(v: unknown): { value: unknown; shape: PolicyShape } | undefined {
  if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) return undefined;
  const value: unknown = tolerantParse(v, [], { allowTrailingComma: true, disallowComments: false });
  const shape = policyShapeOf(value);
  return shape ? { value, shape } : undefined;
}

/**
 * Where the records of a document are: `Records` of a CloudTrail log,
 * `Grants` of list-grants output, the `CloudTrailEvent` strings of
 * lookup-events' `Events`, an array of events or of event strings (lookup-events
 * with `--query 'Events[].CloudTrailEvent'`), the document itself, the
 * `KeyMetadata` of describe-key, the `Aliases` of list-aliases, the `detail` of
 * an EventBridge event that carries a CloudTrail record.
 */
export type Container = 'Records' | 'Grants' | 'Events' | 'logEvents' | 'logSubscription' | 'array' | 'eventStrings' | 'single' | 'KeyMetadata' | 'Aliases' | 'Rotations' | 'detail' | 'none';

/**
 * An EventBridge event that carries a CloudTrail record in `detail`: what an
 * EventBridge rule on `"detail-type": ["AWS API Call via CloudTrail"]` hands to
 * its target, and what people save when they debug such a rule.
 */
function isCloudTrailEnvelope(v: Obj): boolean {
  return typeof v['detail-type'] === 'string' && /via CloudTrail$/i.test(v['detail-type']) && isEventLike(v.detail);
}

/** Where the policy of a policy document is, and what it was read as. */
export interface DocumentPolicy {
  shape: PolicyShape;
  /**
   * The policy is the content of a JSON string of the document: the document
   * itself (one string literal), or the member at `path` of AWS CLI output
   * (`["Policy"]` of get-key-policy).
   */
  inString: boolean;
  /** Where that string is; absent or empty for the document's own string. */
  path?: JSONPath;
  decision: KindDecision;
}

export interface Classification {
  kind: DocumentKind;
  /** Where the records (events or grant entries) are. */
  container: Container;
  /** For a policy document: where its policy is and what it was read as. */
  policy?: DocumentPolicy;
  /** The AWS CLI command that printed the document, when KMS Lens knows it. */
  cli?: CliOutput;
}

/** The kind a policy is read as: the user's setting for the file, or the content (the file name breaking ties). */
export function decidePolicyKind(content: PolicyContent, hints: DocumentHints): KindDecision {
  if (hints.policyKind) {
    return { kind: hints.policyKind, certain: true, alternatives: [], reason: l10n.t('Set for this file by kmsLens.policyKinds (or --kind).'), source: 'setting' };
  }
  return detectPolicyKind(content, hints.fileName);
}

function policyClassification(value: unknown, shape: PolicyShape, inString: boolean, hints: DocumentHints): Classification {
  const decision = decidePolicyKind(policyContent(value, shape), hints);
  return { kind: decision.kind, container: 'none', policy: { shape, inString, decision } };
}

/**
 * The policy printed as a string member of AWS CLI output: the kind the
 * command fixes (a get-key-policy output holds a key policy), else what the
 * content says; the user's setting wins over both.
 */
function cliPolicyClassification(v: Obj, hints: DocumentHints): Classification | undefined {
  const found = cliPolicyString(v);
  const decoded = found && decodedPolicyValue(found.text);
  if (!found || !decoded) return undefined;
  const fixed = found.kind;
  const decision: KindDecision = fixed && !hints.policyKind
    ? { kind: fixed.kind, service: fixed.service, certain: true, alternatives: [], reason: fixed.reason, source: 'cli' }
    : decidePolicyKind(policyContent(decoded.value, decoded.shape), hints);
  return { kind: decision.kind, container: 'none', policy: { shape: decoded.shape, inString: true, path: found.path, decision }, cli: found.cli };
}

/** The policy printed as an object member of AWS CLI output (IAM's get-policy-version, get-role-policy, get-role). */
function cliObjectClassification(v: Obj, hints: DocumentHints): Classification | undefined {
  const found = cliPolicyObject(v);
  const shape = found && policyShapeOf(found.value);
  if (!found || shape !== 'policy') return undefined;
  const decision: KindDecision = hints.policyKind
    ? decidePolicyKind(policyContent(found.value, shape), hints)
    : { kind: found.kind.kind, certain: true, alternatives: [], reason: found.kind.reason, source: 'cli' };
  return { kind: decision.kind, container: 'none', policy: { shape, inString: false, path: found.path, decision }, cli: found.cli };
}

/** A CloudWatch Logs message that is a CloudTrail event (a trail sending to a log group writes one per message). */
function isEventMessage(message: string): boolean {
  return isJsonMessage(message) && holdsEvent(message);
}

/** A JSON text that is a CloudTrail event. */
function holdsEvent(text: string): boolean {
  try {
    return isEventLike(JSON.parse(text));
  } catch {
    return false;
  }
}

/** An array of JSON strings that hold CloudTrail events (`--query 'Events[].CloudTrailEvent'`), told by its first. */
function isEventStrings(v: unknown[]): boolean {
  return v.length > 0 && v.every((e) => typeof e === 'string') && holdsEvent(v[0] as string);
}

export function classifyValue(v: unknown, hints: DocumentHints = {}): Classification {
  if (Array.isArray(v)) {
    const first = v.find((e) => e !== null && typeof e === 'object');
    if (first !== undefined && isEventLike(first)) return { kind: 'cloudTrail', container: 'array' };
    if (policyShapeOf(v) === 'statements') return policyClassification(v, 'statements', false, hints);
    if (isEventStrings(v)) return { kind: 'cloudTrail', container: 'eventStrings', cli: { command: 'cloudtrail lookup-events' } };
    return { kind: 'other', container: 'none' };
  }
  const decoded = decodedPolicyValue(v);
  if (decoded) return policyClassification(decoded.value, decoded.shape, true, hints);
  if (!isObject(v)) return { kind: 'other', container: 'none' };
  if (Array.isArray(v.Records) && (v.Records.length === 0 || v.Records.some(isEventLike))) {
    return { kind: 'cloudTrail', container: 'Records' };
  }
  const lookup = lookupEventsOutput(v);
  if (lookup) return { kind: 'cloudTrail', container: 'Events', cli: lookup };
  const logs = logEventsOutput(v);
  if (logs && (v.events as Array<{ message: string }>).some((e) => isEventMessage(e.message))) return { kind: 'cloudTrail', container: 'logEvents', cli: logs };
  if (isLogSubscriptionPayload(v) && (v.logEvents as Array<{ message: string }>).some((e) => isEventMessage(e.message))) return { kind: 'cloudTrail', container: 'logSubscription' };
  if (Array.isArray(v.Grants)) return { kind: 'listGrants', container: 'Grants', cli: { command: 'kms list-grants', more: morePages(v) } };
  if (isEventLike(v)) return { kind: 'cloudTrail', container: 'single' };
  if (isCloudTrailEnvelope(v)) return { kind: 'cloudTrail', container: 'detail' };
  const shape = policyShapeOf(v);
  if (shape) return policyClassification(v, shape, false, hints);
  const printed = cliPolicyClassification(v, hints);
  if (printed) return printed;
  const decodedByCli = cliObjectClassification(v, hints);
  if (decodedByCli) return decodedByCli;
  const keys = keyOutput(v);
  if (keys) return { kind: 'kmsOutput', container: keys.container, cli: keys.cli };
  // Authorization details without a policy about KMS stay `other`, as templates do.
  if (isAuthorizationDetails(v)) return detailsHaveKmsPolicy(v) ? { kind: 'iamOutput', container: 'none', cli: { command: 'iam get-account-authorization-details', more: morePages(v) } } : { kind: 'other', container: 'none' };
  // Templates without a KMS policy stay `other`: their other resources are not ours to judge.
  if (templateHasKmsPolicy(v) || templateHasUnrotatableKey(v)) return { kind: 'cloudFormation', container: 'none' };
  // AWS Config configuration items: a KMS key's policy (or a bucket policy about KMS) in a string; the rest is not ours.
  if (configHeldPolicies(v)) return { kind: 'configuration', container: 'none' };
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
  if (/^\s*[[{]/.test(head) && /"eventVersion"\s*:/.test(head) && /"eventSource"\s*:/.test(head) && !/"eventSource"\s*:\s*"aws:/i.test(head)) return 'cloudTrail';
  // A skipped policy is only said to be skipped: a rough guess of its kind is enough.
  if (/^\s*\{/.test(head) && /"Statement"\s*:/.test(head)) return /"(Not)?Principal"\s*:/.test(head) ? 'keyPolicy' : 'identityPolicy';
  return 'other';
}
