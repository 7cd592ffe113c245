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
  | 'cloudtrail lookup-events'
  | 'kms describe-key'
  | 'kms get-key-rotation-status'
  | 'kms list-aliases'
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

/** Where the records of an AWS CLI output about keys are. */
export type KeyOutputContainer = 'KeyMetadata' | 'Aliases' | 'single';

/**
 * The outputs about keys that feed the key history: describe-key (and
 * create-key, which prints the same `KeyMetadata`), get-key-rotation-status
 * and list-aliases.
 */
export function keyOutput(v: Obj): { cli: CliOutput; container: KeyOutputContainer } | undefined {
  const meta = v.KeyMetadata;
  if (isObj(meta) && (typeof meta.KeyId === 'string' || typeof meta.Arn === 'string')) return { cli: { command: 'kms describe-key' }, container: 'KeyMetadata' };
  if (typeof v.KeyRotationEnabled === 'boolean') return { cli: { command: 'kms get-key-rotation-status' }, container: 'single' };
  if (Array.isArray(v.Aliases) && v.Aliases.length > 0 && v.Aliases.every((a) => isObj(a) && typeof a.AliasName === 'string' && a.AliasName.startsWith('alias/'))) {
    return { cli: { command: 'kms list-aliases', more: morePages(v) }, container: 'Aliases' };
  }
  return undefined;
}

/** `aws kms describe-key output`, ...: the command in words, for the reading and the hovers. */
export function commandLabel(cli: CliOutput): string {
  return l10n.t('aws {0} output', cli.command);
}
