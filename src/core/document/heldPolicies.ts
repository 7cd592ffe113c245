/**
 * Policies held at known places of configuration documents that are not
 * policies themselves:
 * - Kubernetes manifests of the AWS controllers: Crossplane's `Key`
 *   (`spec.forProvider.policy`), `Policy`, `Role`, `BucketPolicy`, and the AWS
 *   Controllers for Kubernetes (ACK) `Key` (`spec.policy`), `Role`, `Policy`,
 *   `Bucket`. The policy is a JSON string (a `policy: |` block scalar).
 * - Ansible tasks of the amazon.aws and community.aws collections:
 *   `kms_key`'s `policy`, `iam_policy`'s `policy_json`, `iam_managed_policy`'s
 *   `policy`, `iam_role`'s `assume_role_policy_document`, `s3_bucket`'s
 *   `policy`: a JSON string or a YAML mapping (the modules take both).
 * - AWS Config configuration items (`get-resource-config-history`,
 *   `batch-get-resource-config`, snapshots delivered to S3, change
 *   notifications): a KMS key's `supplementaryConfiguration.KeyPolicy` and an
 *   S3 bucket's `supplementaryConfiguration.BucketPolicy.policyText`, both
 *   JSON strings.
 * - AWS CLI output printed with `--output yaml` (`aws kms get-key-policy`,
 *   `lambda get-policy`, IAM's `get-role-policy`, `get-policy-version`,
 *   `get-role`): the same members as the JSON output (document/cliOutput.ts),
 *   the policy a JSON string or a YAML mapping. Only the outputs whose command
 *   fixes the kind are read.
 *
 * The kind comes from where the policy is (a `Key`'s policy is a key
 * policy), as for CloudFormation. Key policies are always analysed; other
 * policies only when they are about KMS. A value that is one template
 * expression (`"{{ lookup('file', 'policy.json') }}"`) is not a policy until
 * rendered: it is left alone.
 */
import { parse as tolerantParse, type JSONPath } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { mentionsKms } from '../policy/cloudFormation';
import type { KindDecision, PolicyKind } from '../policy/kinds';
import { cliPolicyObject, cliPolicyString, type CliCommand } from './cliOutput';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A whole policy (with `Statement`): a statement or a list of them is no key's or role's policy. */
function isPolicyObject(v: unknown): v is Obj {
  return isObject(v) && 'Statement' in v;
}

export type HolderFormat = 'kubernetes' | 'ansible' | 'awsConfig' | 'cliYaml';

export interface HeldPolicy {
  /** Where the value that holds the policy is (a string, or an object for a YAML mapping). */
  path: JSONPath;
  decision: KindDecision;
}

export interface HeldPolicies {
  format: HolderFormat;
  policies: HeldPolicy[];
  /** For AWS CLI output (`cliYaml`): the command that printed it. */
  command?: CliCommand;
}

interface Slot {
  /** A path below the resource (or the task's arguments); `*` for every member or element. */
  path: ReadonlyArray<string>;
  kind: PolicyKind;
  service?: string;
}

const key = (...path: string[]): Slot => ({ path, kind: 'keyPolicy' });
const identity = (...path: string[]): Slot => ({ path, kind: 'identityPolicy' });
const trust = (...path: string[]): Slot => ({ path, kind: 'trustPolicy' });
const bucket = (...path: string[]): Slot => ({ path, kind: 'resourcePolicy', service: 's3' });

/**
 * Kubernetes API groups and kinds, and where their policies are.
 * Crossplane (Upbound provider-aws, and the older community provider-aws):
 * marketplace.upbound.io/providers/upbound/provider-aws-kms; ACK:
 * aws-controllers-k8s.github.io/community/reference/ (kms Key, iam Role and Policy, s3 Bucket).
 */
const KUBERNETES: Readonly<Record<string, Readonly<Record<string, Slot[]>>>> = {
  'kms.aws.upbound.io': { Key: [key('spec', 'forProvider', 'policy'), key('spec', 'initProvider', 'policy')], ReplicaKey: [key('spec', 'forProvider', 'policy')], ReplicaExternalKey: [key('spec', 'forProvider', 'policy')], ExternalKey: [key('spec', 'forProvider', 'policy')] },
  'kms.aws.m.upbound.io': { Key: [key('spec', 'forProvider', 'policy'), key('spec', 'initProvider', 'policy')], ReplicaKey: [key('spec', 'forProvider', 'policy')] },
  'kms.aws.crossplane.io': { Key: [key('spec', 'forProvider', 'policy')] },
  'iam.aws.upbound.io': {
    Policy: [identity('spec', 'forProvider', 'policy')],
    RolePolicy: [identity('spec', 'forProvider', 'policy')],
    UserPolicy: [identity('spec', 'forProvider', 'policy')],
    GroupPolicy: [identity('spec', 'forProvider', 'policy')],
    Role: [trust('spec', 'forProvider', 'assumeRolePolicy'), identity('spec', 'forProvider', 'inlinePolicy', '*', 'policy')],
  },
  'iam.aws.m.upbound.io': { Policy: [identity('spec', 'forProvider', 'policy')], Role: [trust('spec', 'forProvider', 'assumeRolePolicy')] },
  'iam.aws.crossplane.io': { Policy: [identity('spec', 'forProvider', 'document')], Role: [trust('spec', 'forProvider', 'assumeRolePolicyDocument')] },
  's3.aws.upbound.io': { BucketPolicy: [bucket('spec', 'forProvider', 'policy')] },
  'kms.services.k8s.aws': { Key: [key('spec', 'policy')] },
  'iam.services.k8s.aws': { Role: [trust('spec', 'assumeRolePolicyDocument'), identity('spec', 'inlinePolicies', '*')], Policy: [identity('spec', 'policyDocument')] },
  's3.services.k8s.aws': { Bucket: [bucket('spec', 'policy')] },
};

/**
 * Ansible modules (short names and the collections' full names) and where
 * their policies are. docs.ansible.com/ansible/latest/collections/amazon/aws/
 * (kms_key, iam_policy, iam_managed_policy, iam_role, s3_bucket).
 */
const ANSIBLE_MODULES: ReadonlyArray<{ names: string[]; slots: Slot[] }> = [
  { names: ['kms_key', 'aws_kms'], slots: [key('policy')] },
  { names: ['iam_policy'], slots: [identity('policy_json')] },
  { names: ['iam_managed_policy'], slots: [identity('policy')] },
  { names: ['iam_role'], slots: [trust('assume_role_policy_document')] },
  { names: ['s3_bucket'], slots: [bucket('policy')] },
];
const ANSIBLE_PREFIXES = ['', 'amazon.aws.', 'community.aws.'];
const ANSIBLE: ReadonlyMap<string, Slot[]> = new Map(ANSIBLE_MODULES.flatMap((m) => m.names.flatMap((n) => ANSIBLE_PREFIXES.map((p) => [p + n, m.slots] as [string, Slot[]]))));
/** Where a play or a block keeps more tasks. */
const ANSIBLE_TASK_LISTS = ['tasks', 'pre_tasks', 'post_tasks', 'handlers', 'block', 'rescue', 'always'];

/** AWS Config resource types and where their supplementary configuration holds a policy (AWS Config resource schemas). */
const AWS_CONFIG: Readonly<Record<string, Slot[]>> = {
  'AWS::KMS::Key': [key('supplementaryConfiguration', 'KeyPolicy')],
  'AWS::S3::Bucket': [bucket('supplementaryConfiguration', 'BucketPolicy', 'policyText')],
};

/** Values that are one template expression are rendered later: not a policy as they stand. */
const WHOLE_EXPRESSION = /^\s*(?:\{\{[\s\S]*\}\}|\{%[\s\S]*%\}|\$\{[\s\S]*\}|<%=[\s\S]*%>)\s*$/;

/** The value is a policy KMS Lens analyses in this slot. */
function holdsPolicy(slot: Slot, value: unknown): boolean {
  let policy: unknown = value;
  if (typeof value === 'string') {
    if (WHOLE_EXPRESSION.test(value) || !/^\s*\{/.test(value)) return false;
    policy = tolerantParse(value, [], { allowTrailingComma: true, disallowComments: false });
  }
  if (!isPolicyObject(policy)) return false;
  return slot.kind === 'keyPolicy' || mentionsKms(policy);
}

function decision(slot: Slot, reason: string): KindDecision {
  return { kind: slot.kind, service: slot.service, certain: true, alternatives: [], reason, source: 'template' };
}

/** The paths below `base` that `slot.path` names in `value`. */
function slotPaths(value: unknown, slot: Slot, base: JSONPath): JSONPath[] {
  let current: Array<{ v: unknown; path: JSONPath }> = [{ v: value, path: base }];
  for (const segment of slot.path) {
    current = current.flatMap(({ v, path }) => {
      if (segment === '*') {
        if (Array.isArray(v)) return v.map((e, i) => ({ v: e, path: [...path, i] }));
        return isObject(v) ? Object.entries(v).map(([k, e]) => ({ v: e, path: [...path, k] })) : [];
      }
      return isObject(v) && segment in v ? [{ v: v[segment], path: [...path, segment] }] : [];
    });
  }
  return current.filter(({ v }) => holdsPolicy(slot, v)).map(({ path }) => path);
}

function heldIn(value: unknown, slots: Slot[], base: JSONPath, reason: (slot: Slot) => string): HeldPolicy[] {
  return slots.flatMap((slot) => slotPaths(value, slot, base).map((path) => ({ path, decision: decision(slot, reason(slot)) })));
}

/** The documents of a YAML stream (translated as an array when there are several) or a JSON value, with their paths. */
function documents(value: unknown): Array<{ v: unknown; path: JSONPath }> {
  if (Array.isArray(value)) return value.map((v, i) => ({ v, path: [i] }));
  return [{ v: value, path: [] }];
}

function kubernetesPolicies(value: unknown): HeldPolicy[] {
  const out: HeldPolicy[] = [];
  const visit = (v: unknown, path: JSONPath, depth: number): void => {
    if (!isObject(v) || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string') return;
    // A `List` (kubectl get -o yaml) holds its resources in `items`.
    if (v.kind === 'List' && Array.isArray(v.items) && depth < 2) {
      v.items.forEach((item, i) => visit(item, [...path, 'items', i], depth + 1));
      return;
    }
    const group = v.apiVersion.split('/')[0];
    const slots = KUBERNETES[group]?.[v.kind];
    if (slots) out.push(...heldIn(v, slots, path, (slot) => l10n.t('It is the {0} of a Kubernetes {1} resource ({2}).', slot.path.filter((p) => p !== '*').join('.'), String(v.kind), group)));
  };
  for (const d of documents(value)) visit(d.v, d.path, 0);
  return out;
}

function ansiblePolicies(value: unknown): HeldPolicy[] {
  const out: HeldPolicy[] = [];
  const visitList = (list: unknown, path: JSONPath, depth: number): void => {
    if (!Array.isArray(list) || depth > 6) return;
    list.forEach((task, i) => {
      if (!isObject(task)) return;
      const at = [...path, i];
      for (const [name, args] of Object.entries(task)) {
        const slots = ANSIBLE.get(name);
        if (slots) out.push(...heldIn(args, slots, [...at, name], (slot) => l10n.t('It is the {0} argument of an Ansible {1} task.', slot.path.join('.'), name)));
        else if (ANSIBLE_TASK_LISTS.includes(name)) visitList(args, [...at, name], depth + 1);
      }
    });
  };
  visitList(value, [], 0);
  return out;
}

/** The configuration items of AWS Config output or files, with their paths. */
function configItems(value: unknown): Array<{ v: Obj; path: JSONPath }> {
  if (!isObject(value)) return [];
  for (const list of ['configurationItems', 'baseConfigurationItems']) {
    const items = value[list];
    if (Array.isArray(items)) return items.flatMap((v, i) => (isObject(v) ? [{ v, path: [list, i] }] : []));
  }
  // A change notification (SNS, EventBridge's detail) carries one item.
  if (isObject(value.configurationItem)) return [{ v: value.configurationItem, path: ['configurationItem'] }];
  if (isObject(value.detail) && isObject(value.detail.configurationItem)) return [{ v: value.detail.configurationItem, path: ['detail', 'configurationItem'] }];
  return [];
}

function awsConfigPolicies(value: unknown): HeldPolicy[] {
  return configItems(value).flatMap(({ v, path }) => {
    const type = v.resourceType;
    const slots = typeof type === 'string' ? AWS_CONFIG[type] : undefined;
    return slots ? heldIn(v, slots, path, (slot) => l10n.t('It is the {0} of an AWS Config configuration item of a {1} resource.', slot.path.join('.'), String(type))) : [];
  });
}

/**
 * AWS CLI output printed with `--output yaml`: the members of the JSON output,
 * when the command fixes the kind of the policy it prints (get-key-policy's
 * `Policy` beside `PolicyName: default` is a key policy). A `Policy` string
 * alone (S3's get-bucket-policy) is not read here.
 */
function cliYamlPolicies(value: unknown): HeldPolicies | undefined {
  if (!isObject(value)) return undefined;
  const decide = (kind: PolicyKind, service: string | undefined, reason: string): KindDecision => ({ kind, service, certain: true, alternatives: [], reason, source: 'cli' });
  const inString = cliPolicyString(value);
  if (inString?.kind && inString.cli) {
    const { kind, service, reason } = inString.kind;
    const slot: Slot = { path: [], kind, service };
    if (!holdsPolicy(slot, inString.text)) return undefined;
    return { format: 'cliYaml', command: inString.cli.command, policies: [{ path: inString.path, decision: decide(kind, service, reason) }] };
  }
  const asObject = cliPolicyObject(value);
  if (asObject && holdsPolicy({ path: [], kind: asObject.kind.kind }, asObject.value)) {
    return { format: 'cliYaml', command: asObject.cli.command, policies: [{ path: asObject.path, decision: decide(asObject.kind.kind, undefined, asObject.kind.reason) }] };
  }
  return undefined;
}

/** Kubernetes manifests, Ansible tasks: the YAML texts worth parsing for held policies. */
const KUBERNETES_HINT = /^\s*apiVersion\s*:\s*["']?(?:kms|iam|s3)\.(?:aws\.(?:m\.)?upbound\.io|aws\.crossplane\.io|services\.k8s\.aws)\//m;
const ANSIBLE_HINT = /^\s*-?\s*(?:(?:amazon|community)\.aws\.)?(?:kms_key|aws_kms|iam_policy|iam_managed_policy|iam_role|s3_bucket)\s*:/m;
/** The top-level members of the CLI outputs cliYamlPolicies reads (`--output yaml` writes them at column 0). */
const CLI_HINT = /^(?:Policy|PolicyDocument|PolicyVersion|Role)\s*:/m;

/** Whether a YAML text may hold policies of Kubernetes manifests, Ansible tasks or AWS CLI output (a cheap test before the parse). */
export function mayHoldPolicies(text: string): boolean {
  return KUBERNETES_HINT.test(text) || ANSIBLE_HINT.test(text) || CLI_HINT.test(text);
}

/** The policies a YAML stream's value holds (Kubernetes manifests, Ansible tasks, AWS CLI output), if any. */
export function yamlHeldPolicies(value: unknown): HeldPolicies | undefined {
  const kubernetes = kubernetesPolicies(value);
  if (kubernetes.length > 0) return { format: 'kubernetes', policies: kubernetes };
  const ansible = ansiblePolicies(value);
  return ansible.length > 0 ? { format: 'ansible', policies: ansible } : cliYamlPolicies(value);
}

/** The policies AWS Config output holds, if any. */
export function configHeldPolicies(value: unknown): HeldPolicies | undefined {
  const policies = awsConfigPolicies(value);
  return policies.length > 0 ? { format: 'awsConfig', policies } : undefined;
}
