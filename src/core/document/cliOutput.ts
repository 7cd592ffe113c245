/**
 * Which AWS CLI command printed a JSON value, for the outputs KMS Lens reads
 * (`--output json`, the CLI's default). People fetch policies and events
 * with the CLI and paste or save what it prints: the policy of
 * `aws kms get-key-policy` is a string inside `{"Policy": ..., "PolicyName":
 * "default"}`, each event of `aws cloudtrail lookup-events` a string inside
 * `{"Events": [{"CloudTrailEvent": ...}]}`, a key's state is in
 * `{"KeyMetadata": {...}}`. This module only recognises the shapes; the
 * document model reads what they carry (classify.ts, model.ts).
 */
import type { JSONPath } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import type { PolicyKind } from '../policy/kinds';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The commands whose output KMS Lens reads, as a user types them after `aws`. */
export type CliCommand =
  | 'kms get-key-policy'
  | 'lambda get-policy'
  | 'sqs get-queue-attributes'
  | 'sns get-topic-attributes'
  | 'ecr get-repository-policy'
  | 'secretsmanager get-resource-policy'
  | 'glue get-resource-policy'
  | 'organizations describe-policy'
  | 'iam get-policy-version'
  | 'iam get-role-policy'
  | 'iam get-user-policy'
  | 'iam get-group-policy'
  | 'iam get-role'
  | 'iam get-account-authorization-details'
  | 'cloudtrail lookup-events'
  | 'logs filter-log-events'
  | 'logs get-log-events'
  | 'kms describe-key'
  | 'kms get-key-rotation-status'
  | 'kms list-aliases'
  | 'kms list-key-rotations'
  | 'kms list-grants';

export interface CliOutput {
  command: CliCommand;
  /**
   * The member that says this output is one page of several (`NextToken`,
   * or `NextMarker` with `"Truncated": true`), when it is there: what the
   * document holds is then not all there is.
   */
  more?: string;
}

/** The kind a command's output fixes for the policy it prints (the content decides for the others). */
export interface CommandKind {
  kind: PolicyKind;
  service?: string;
  reason: string;
}

/** A policy printed as a JSON string member of the output. */
export interface CliPolicyString {
  /** The command, when the output says which (`{"Policy"}` with other members is one of several). */
  cli?: CliOutput;
  /** Where the string is in the output. */
  path: JSONPath;
  text: string;
  kind?: CommandKind;
}

function only(v: Obj, keys: readonly string[]): boolean {
  return Object.keys(v).every((k) => keys.includes(k));
}

/** `NextToken` (or `NextMarker` with `Truncated: true`): more pages follow this one. */
export function morePages(v: Obj): string | undefined {
  if (typeof v.NextToken === 'string' && v.NextToken !== '') return 'NextToken';
  if (v.Truncated === true) return 'Truncated';
  if (v.IsTruncated === true) return 'IsTruncated';
  return undefined;
}

/**
 * The policy string of the outputs that print one, with the kind the command
 * fixes: KMS keeps one policy per key, named `default` (GetKeyPolicy's
 * PolicyName: "The only valid policy name is default"), so `{"Policy",
 * "PolicyName": "default"}` is a key policy; Lambda's get-policy adds a
 * `RevisionId`; `{"Policy"}` alone is S3's get-bucket-policy or an older
 * get-key-policy, and its content decides.
 */
export function cliPolicyString(v: Obj): CliPolicyString | undefined {
  const str = (x: unknown): x is string => typeof x === 'string';
  if (str(v.Policy)) {
    if (v.PolicyName === 'default' && only(v, ['Policy', 'PolicyName'])) {
      return { cli: { command: 'kms get-key-policy' }, path: ['Policy'], text: v.Policy, kind: { kind: 'keyPolicy', reason: l10n.t('It is the Policy of aws kms get-key-policy output (PolicyName "default", the name of every key policy): a key policy.') } };
    }
    if (str(v.RevisionId) && only(v, ['Policy', 'RevisionId'])) {
      return { cli: { command: 'lambda get-policy' }, path: ['Policy'], text: v.Policy, kind: { kind: 'resourcePolicy', service: 'lambda', reason: l10n.t('It is the Policy of aws lambda get-policy output (with its RevisionId): a Lambda function policy.') } };
    }
    // S3's get-bucket-policy, an older get-key-policy (without PolicyName); EventBridge, Backup and EFS print
    // theirs beside names and ARNs. Which command it was is not known: the content decides the kind.
    return { path: ['Policy'], text: v.Policy };
  }
  if (isObj(v.Attributes) && str(v.Attributes.Policy)) {
    const topic = str(v.Attributes.TopicArn);
    return { cli: { command: topic ? 'sns get-topic-attributes' : 'sqs get-queue-attributes' }, path: ['Attributes', 'Policy'], text: v.Attributes.Policy };
  }
  if (str(v.policyText) && str(v.repositoryName)) return { cli: { command: 'ecr get-repository-policy' }, path: ['policyText'], text: v.policyText };
  if (str(v.ResourcePolicy) && (str(v.ARN) || str(v.Name))) return { cli: { command: 'secretsmanager get-resource-policy' }, path: ['ResourcePolicy'], text: v.ResourcePolicy };
  if (str(v.PolicyInJson)) return { cli: { command: 'glue get-resource-policy' }, path: ['PolicyInJson'], text: v.PolicyInJson };
  if (isObj(v.Policy) && str(v.Policy.Content) && isObj(v.Policy.PolicySummary)) {
    const type = v.Policy.PolicySummary.Type;
    const kind: CommandKind | undefined = type === 'SERVICE_CONTROL_POLICY'
      ? { kind: 'serviceControlPolicy', reason: l10n.t('It is the Content of aws organizations describe-policy output, of Type SERVICE_CONTROL_POLICY.') }
      : type === 'RESOURCE_CONTROL_POLICY'
        ? { kind: 'resourceControlPolicy', reason: l10n.t('It is the Content of aws organizations describe-policy output, of Type RESOURCE_CONTROL_POLICY.') }
        : undefined;
    // Tag, backup and other Organizations policies are not IAM policies: their content is not read as one.
    if (type !== 'SERVICE_CONTROL_POLICY' && type !== 'RESOURCE_CONTROL_POLICY') return undefined;
    return { cli: { command: 'organizations describe-policy' }, path: ['Policy', 'Content'], text: v.Policy.Content, kind };
  }
  return undefined;
}

/** A policy printed as a JSON object member of the output (IAM's commands decode the policy for you). */
export interface CliPolicyObject {
  cli: CliOutput;
  /** Where the policy object is in the output. */
  path: JSONPath;
  value: Obj;
  kind: CommandKind;
}

const isPolicyObject = (v: unknown): v is Obj => isObj(v) && 'Statement' in v;

/**
 * The IAM outputs that print a policy as an object: `aws iam
 * get-policy-version` (`PolicyVersion.Document`, a managed policy),
 * `get-role-policy` / `get-user-policy` / `get-group-policy` (an inline
 * policy's `PolicyDocument` beside its `PolicyName` and owner) and `get-role`
 * (`Role.AssumeRolePolicyDocument`, the role's trust policy). The AWS CLI
 * URL-decodes these documents, so they are JSON objects, not strings.
 */
export function cliPolicyObject(v: Obj): CliPolicyObject | undefined {
  const version = v.PolicyVersion;
  if (isObj(version) && isPolicyObject(version.Document) && typeof version.VersionId === 'string') {
    return { cli: { command: 'iam get-policy-version' }, path: ['PolicyVersion', 'Document'], value: version.Document, kind: { kind: 'identityPolicy', reason: l10n.t('It is the Document of aws iam get-policy-version output: an IAM managed policy.') } };
  }
  if (isPolicyObject(v.PolicyDocument) && typeof v.PolicyName === 'string') {
    const owner = typeof v.RoleName === 'string' ? 'role' : typeof v.UserName === 'string' ? 'user' : typeof v.GroupName === 'string' ? 'group' : undefined;
    if (owner) {
      const reason = owner === 'role'
        ? l10n.t('It is the PolicyDocument of aws iam get-role-policy output: an inline policy of an IAM role.')
        : owner === 'user' ? l10n.t('It is the PolicyDocument of aws iam get-user-policy output: an inline policy of an IAM user.') : l10n.t('It is the PolicyDocument of aws iam get-group-policy output: an inline policy of an IAM group.');
      return { cli: { command: `iam get-${owner}-policy` }, path: ['PolicyDocument'], value: v.PolicyDocument, kind: { kind: 'identityPolicy', reason } };
    }
  }
  const role = v.Role;
  if (isObj(role) && isPolicyObject(role.AssumeRolePolicyDocument) && typeof role.RoleName === 'string') {
    return { cli: { command: 'iam get-role' }, path: ['Role', 'AssumeRolePolicyDocument'], value: role.AssumeRolePolicyDocument, kind: { kind: 'trustPolicy', reason: l10n.t('It is the AssumeRolePolicyDocument of aws iam get-role output: the role\'s trust policy.') } };
  }
  return undefined;
}

/** An element of lookup-events' `Events`: the summary CloudTrail adds around the event's own JSON. */
function isLookupEvent(e: unknown): boolean {
  return isObj(e) && (typeof e.CloudTrailEvent === 'string' || (typeof e.EventId === 'string' && typeof e.EventName === 'string'));
}

/** `aws cloudtrail lookup-events` output: `{"Events": [{"EventId", "EventName", "CloudTrailEvent": "<JSON>", ...}], "NextToken"?}`. */
export function lookupEventsOutput(v: Obj): CliOutput | undefined {
  if (!Array.isArray(v.Events) || !v.Events.some(isLookupEvent)) return undefined;
  return { command: 'cloudtrail lookup-events', more: morePages(v) };
}

/** The member of lookup-events output that holds each event's JSON. */
export const EVENT_STRING = 'CloudTrailEvent';

/**
 * Outputs whose events are JSON strings, one in a member of each element of
 * an array: lookup-events' `Events[].CloudTrailEvent`, and CloudWatch Logs'
 * `events[].message` for a trail that sends its events to a log group (and a
 * subscription's `logEvents[].message`).
 */
export const STRING_EVENT_MEMBERS = {
  Events: { array: 'Events', member: EVENT_STRING },
  logEvents: { array: 'events', member: 'message' },
  logSubscription: { array: 'logEvents', member: 'message' },
} as const;

/**
 * The payload a CloudWatch Logs subscription filter delivers (to a Lambda function, base64 and
 * gzip undone; to Firehose or Kinesis): `{"messageType": "DATA_MESSAGE", "owner", "logGroup",
 * "logStream", "subscriptionFilters", "logEvents": [{"id", "timestamp", "message"}]}`. A trail
 * that sends its events to a log group reaches a subscriber so, one event per message; Lambda
 * test events of log processors are saved in this shape.
 */
export function isLogSubscriptionPayload(v: Obj): boolean {
  if (v.messageType !== 'DATA_MESSAGE' || !Array.isArray(v.logEvents) || v.logEvents.length === 0) return false;
  return v.logEvents.every((e) => isObj(e) && typeof e.message === 'string');
}

/** A CloudWatch Logs message that may hold a JSON event (other lines of a log group are not records). */
export function isJsonMessage(message: string): boolean {
  return /^\s*\{/.test(message);
}

/**
 * `aws logs filter-log-events` (`{"events": [{"logStreamName", "timestamp",
 * "message", ...}], "searchedLogStreams"?, "nextToken"?}`) or `get-log-events`
 * (`{"events": [{"timestamp", "message", "ingestionTime"}],
 * "nextForwardToken", ...}`), told by their members; whether the messages are
 * CloudTrail events the caller decides.
 */
export function logEventsOutput(v: Obj): CliOutput | undefined {
  if (!Array.isArray(v.events) || v.events.length === 0) return undefined;
  const isLogEvent = (e: unknown): boolean => isObj(e) && typeof e.message === 'string' && typeof e.timestamp === 'number';
  if (!v.events.every(isLogEvent)) return undefined;
  const filtered = 'searchedLogStreams' in v || v.events.some((e) => isObj(e) && typeof e.logStreamName === 'string');
  const more = typeof v.nextToken === 'string' && v.nextToken !== '' ? 'nextToken' : undefined;
  return { command: filtered ? 'logs filter-log-events' : 'logs get-log-events', more };
}

/** Where the records of an AWS CLI output about keys are. */
export type KeyOutputContainer = 'KeyMetadata' | 'Aliases' | 'Rotations' | 'single';

/**
 * The outputs about keys that feed the key history: describe-key (and
 * create-key, which prints the same `KeyMetadata`), get-key-rotation-status,
 * list-aliases and list-key-rotations (`{"Rotations": [{"KeyId",
 * "RotationDate", "RotationType"}]}`, each a completed rotation of the key
 * material, KMS API Reference ListKeyRotations; with imported key material,
 * entries of material not yet rotated in have a `KeyMaterialId` and no date).
 */
export function keyOutput(v: Obj): { cli: CliOutput; container: KeyOutputContainer } | undefined {
  const meta = v.KeyMetadata;
  if (isObj(meta) && (typeof meta.KeyId === 'string' || typeof meta.Arn === 'string')) return { cli: { command: 'kms describe-key' }, container: 'KeyMetadata' };
  if (typeof v.KeyRotationEnabled === 'boolean') return { cli: { command: 'kms get-key-rotation-status' }, container: 'single' };
  if (Array.isArray(v.Aliases) && v.Aliases.length > 0 && v.Aliases.every((a) => isObj(a) && typeof a.AliasName === 'string' && a.AliasName.startsWith('alias/'))) {
    return { cli: { command: 'kms list-aliases', more: morePages(v) }, container: 'Aliases' };
  }
  if (Array.isArray(v.Rotations) && v.Rotations.length > 0 && v.Rotations.every((r) => isObj(r) && typeof r.KeyId === 'string' && (r.RotationDate !== undefined || typeof r.KeyMaterialId === 'string'))) {
    return { cli: { command: 'kms list-key-rotations', more: morePages(v) }, container: 'Rotations' };
  }
  return undefined;
}

/** `aws kms describe-key output`, ...: the command in words, for the reading and the hovers. */
export function commandLabel(cli: CliOutput): string {
  return l10n.t('aws {0} output', cli.command);
}
