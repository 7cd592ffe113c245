/**
 * Policies in CloudFormation JSON templates. Each embedded policy gets its kind
 * from the resource type and property that hold it (`KeyPolicy` of
 * AWS::KMS::Key is a key policy, `AssumeRolePolicyDocument` of AWS::IAM::Role
 * a trust policy, `PolicyDocument` of AWS::S3::BucketPolicy an S3 bucket
 * policy, ...), never from its content. Key policies are always analysed; the
 * other policies only when they mention KMS, and then for their KMS parts.
 * The classifier asks whether a template holds such a policy (from plain
 * values); the locator finds their nodes (from the parse tree). A policy, a
 * list of policies or a statement written as an `Fn::If` gives both of its
 * alternatives, each checked as written; `Ref AWS::NoValue` gives none.
 */
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { alternatives, isIntrinsic, isNoValue } from './intrinsics';
import type { KindDecision, PolicyKind } from './kinds';
import { membersOf } from './model';

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Where a resource type keeps a policy: a property path (`*` for every element of a list). */
interface PolicySlot {
  path: ReadonlyArray<string>;
  kind: PolicyKind;
  service?: string;
  /** The slot holds one statement, not a policy (AWS::Events::EventBusPolicy `Statement`). */
  statement?: boolean;
  /** Only a policy document (with `Statement`) in the slot is a policy: SAM's `Policies` holds other things too. */
  document?: boolean;
}

const IDENTITY_LISTS: PolicySlot[] = [{ path: ['Policies', '*', 'PolicyDocument'], kind: 'identityPolicy' }];
const IDENTITY_DOCUMENT: PolicySlot[] = [{ path: ['PolicyDocument'], kind: 'identityPolicy' }];
const SAM_POLICIES: PolicySlot[] = [{ path: ['Policies'], kind: 'identityPolicy', document: true }, { path: ['Policies', '*'], kind: 'identityPolicy', document: true }];
const resource = (property: string, service: string): PolicySlot[] => [{ path: [property], kind: 'resourcePolicy', service }];

/** Resource types and where their policies are. [CloudFormation template reference, each type's properties] */
const SLOTS: Readonly<Record<string, PolicySlot[]>> = {
  'AWS::KMS::Key': [{ path: ['KeyPolicy'], kind: 'keyPolicy' }],
  'AWS::KMS::ReplicaKey': [{ path: ['KeyPolicy'], kind: 'keyPolicy' }],
  'AWS::IAM::Role': [{ path: ['AssumeRolePolicyDocument'], kind: 'trustPolicy' }, ...IDENTITY_LISTS],
  'AWS::IAM::User': IDENTITY_LISTS,
  'AWS::IAM::Group': IDENTITY_LISTS,
  'AWS::IAM::Policy': IDENTITY_DOCUMENT,
  'AWS::IAM::ManagedPolicy': IDENTITY_DOCUMENT,
  'AWS::IAM::RolePolicy': IDENTITY_DOCUMENT,
  'AWS::IAM::UserPolicy': IDENTITY_DOCUMENT,
  'AWS::IAM::GroupPolicy': IDENTITY_DOCUMENT,
  'AWS::SSO::PermissionSet': [{ path: ['InlinePolicy'], kind: 'identityPolicy' }],
  'AWS::S3::BucketPolicy': resource('PolicyDocument', 's3'),
  'AWS::S3::AccessPoint': resource('Policy', 's3'),
  'AWS::SQS::QueuePolicy': resource('PolicyDocument', 'sqs'),
  'AWS::SNS::TopicPolicy': resource('PolicyDocument', 'sns'),
  'AWS::SecretsManager::ResourcePolicy': resource('ResourcePolicy', 'secretsmanager'),
  'AWS::ECR::Repository': resource('RepositoryPolicyText', 'ecr'),
  'AWS::Events::EventBus': resource('Policy', 'events'),
  'AWS::Events::EventBusPolicy': [{ path: ['Statement'], kind: 'resourcePolicy', service: 'events', statement: true }],
  'AWS::Logs::ResourcePolicy': resource('PolicyDocument', 'logs'),
  'AWS::OpenSearchService::Domain': resource('AccessPolicies', 'es'),
  'AWS::Elasticsearch::Domain': resource('AccessPolicies', 'es'),
  'AWS::Backup::BackupVault': resource('AccessPolicy', 'backup'),
  'AWS::EFS::FileSystem': resource('FileSystemPolicy', 'elasticfilesystem'),
  'AWS::CodeArtifact::Repository': resource('PermissionsPolicyDocument', 'codeartifact'),
  'AWS::ApiGateway::RestApi': resource('Policy', 'execute-api'),
  'AWS::EC2::VPCEndpoint': [{ path: ['PolicyDocument'], kind: 'vpcEndpointPolicy' }],
  // SAM: `Policies` is one policy document, or a list of managed policy names, SAM policy templates
  // (`KMSDecryptPolicy: {KeyId}`, not IAM policy language) and policy documents; only the documents are read.
  'AWS::Serverless::Function': SAM_POLICIES,
  'AWS::Serverless::StateMachine': SAM_POLICIES,
};

/** AWS::Organizations::Policy holds an SCP or an RCP (or policies of other languages, which are not ours), by its `Type`. */
const ORGANIZATIONS_TYPES: Readonly<Record<string, PolicyKind>> = {
  SERVICE_CONTROL_POLICY: 'serviceControlPolicy',
  RESOURCE_CONTROL_POLICY: 'resourceControlPolicy',
};

function slotsOf(type: string, properties: Obj): PolicySlot[] {
  if (type === 'AWS::Organizations::Policy') {
    const kind = typeof properties.Type === 'string' ? ORGANIZATIONS_TYPES[properties.Type] : undefined;
    return kind ? [{ path: ['Content'], kind }] : [];
  }
  return SLOTS[type] ?? [];
}

/** A CloudFormation template: `Resources` whose entries have an `AWS::` `Type` (or a template format version). */
export function isTemplate(v: unknown): v is Obj & { Resources: Obj } {
  if (!isObject(v) || !isObject(v.Resources)) return false;
  if (typeof v.AWSTemplateFormatVersion === 'string') return true;
  return Object.values(v.Resources).some((r) => isObject(r) && typeof r.Type === 'string' && r.Type.startsWith('AWS::'));
}

/** A plain value that is one CloudFormation function (`{"Ref": ...}`, `{"Fn::If": [...]}`). */
function isFunctionValue(v: unknown): v is Obj {
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** What a plain value stands for: itself, both alternatives of an `Fn::If` (nested ones too), none for `Ref AWS::NoValue`. Lists are kept. */
function branches(v: unknown, depth = 0): unknown[] {
  if (isObject(v) && v.Ref === 'AWS::NoValue' && Object.keys(v).length === 1) return [];
  if (depth < 8 && isObject(v) && Array.isArray(v['Fn::If']) && Object.keys(v).length === 1) return (v['Fn::If'] as unknown[]).slice(1, 3).flatMap((a) => branches(a, depth + 1));
  return [v];
}

/** The values of a list element (a string, a list, or `Fn::If` alternatives of either). */
function listed(v: unknown): unknown[] {
  return branches(v).flatMap((b) => (Array.isArray(b) ? b.flatMap((e) => branches(e)) : [b]));
}

const KMS_ARN = /^arn:[^:]*:{1,2}kms:/;

function mentionsKmsValue(v: unknown): boolean {
  if (typeof v === 'string') return KMS_ARN.test(v) || v.toLowerCase().startsWith('kms:');
  if (Array.isArray(v)) return v.some(mentionsKmsValue);
  if (isObject(v)) return Object.entries(v).some(([k, x]) => k.toLowerCase().startsWith('kms:') || /kms/i.test(k) || mentionsKmsValue(x));
  return false;
}

/** A policy (or statement) that is about KMS somewhere: kms: actions or condition keys, KMS ARNs; in either alternative of an `Fn::If`. */
export function mentionsKms(policy: unknown): boolean {
  return branches(policy).some((p) => {
    if (!isObject(p)) return false;
    const statements = 'Statement' in p ? listed(p.Statement) : [p];
    return statements.some((s) => isObject(s) && ['Action', 'NotAction', 'Resource', 'NotResource', 'Condition'].some((e) => mentionsKmsValue(s[e])));
  });
}

/** A policy written as a JSON string property (CloudWatch Logs, some Organizations and SSO templates): its value. */
function stringPolicyValue(v: unknown): unknown {
  if (typeof v !== 'string' || !/^\s*\{/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

function valuesAt(props: unknown, path: ReadonlyArray<string>): unknown[] {
  let current: unknown[] = [props];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const c of current) {
      if (segment === '*') {
        if (Array.isArray(c)) for (const e of c) next.push(...branches(e));
      } else if (isObject(c) && segment in c) next.push(...branches(c[segment]));
    }
    current = next;
  }
  return current;
}

function analysed(slot: PolicySlot, value: unknown): boolean {
  const policy = stringPolicyValue(value);
  if (!isObject(policy) || isFunctionValue(policy)) return false;
  if (slot.document && !('Statement' in policy)) return false;
  return slot.kind === 'keyPolicy' || mentionsKms(policy);
}

/**
 * A Serverless Framework service (`serverless.yml`): a `service` with an AWS
 * `provider`. Its role's statements are lists of statements
 * (`provider.iam.role.statements`, `provider.iamRoleStatements` before v3,
 * and `functions.<name>.iamRoleStatements` of the per-function roles
 * plugin); `resources.Resources` is plain CloudFormation.
 */
export function isServerlessService(v: unknown): v is Obj {
  return isObject(v) && typeof v.service === 'string' && isObject(v.provider) && v.provider.name === 'aws';
}

/** Where a service's statement lists are: a path, `*` for every member of an object (each function). */
const SERVERLESS_STATEMENTS: ReadonlyArray<ReadonlyArray<string>> = [
  ['provider', 'iam', 'role', 'statements'],
  ['provider', 'iamRoleStatements'],
  ['functions', '*', 'iamRoleStatements'],
];

function serverlessStatementValues(v: Obj): unknown[] {
  const out: unknown[] = [];
  for (const path of SERVERLESS_STATEMENTS) {
    let current: unknown[] = [v];
    for (const segment of path) current = current.flatMap((c) => (!isObject(c) ? [] : segment === '*' ? Object.values(c) : segment in c ? [c[segment]] : []));
    out.push(...current);
  }
  return out;
}

/** True when a template (or a Serverless service) holds a key policy, or another policy that mentions KMS. */
export function templateHasKmsPolicy(v: unknown): boolean {
  if (isServerlessService(v)) {
    if (serverlessStatementValues(v).some((list) => Array.isArray(list) && mentionsKms({ Statement: list }))) return true;
    return isObject(v.resources) && templateHasKmsPolicy(v.resources);
  }
  if (!isTemplate(v)) return false;
  for (const r of Object.values(v.Resources)) {
    if (!isObject(r) || typeof r.Type !== 'string' || !isObject(r.Properties)) continue;
    for (const slot of slotsOf(r.Type, r.Properties)) {
      if (valuesAt(r.Properties, slot.path).some((p) => analysed(slot, p))) return true;
    }
  }
  return false;
}

export interface TemplatePolicy {
  /** The policy object, or the string literal that holds it. */
  node: Node;
  decision: KindDecision;
  /** The slot holds one statement (AWS::Events::EventBusPolicy). */
  statement: boolean;
  /** The slot holds a list of statements (a Serverless service's role statements). */
  statements?: boolean;
  /** The policy is in a Serverless Framework service (its `${...}` are the framework's variables). */
  serverless?: boolean;
  /** Where it is, for the kind hover: `Resources.Key.Properties.KeyPolicy`. */
  where: string;
}

/** The nodes a node stands for: itself, or both alternatives of an `Fn::If` (nested ones too); `Ref AWS::NoValue` stands for none. Lists are kept. */
function nodeBranches(node: Node | undefined, depth = 0): Node[] {
  if (!node || isNoValue(node)) return [];
  const alt = depth < 8 ? alternatives(node) : undefined;
  return alt ? alt.flatMap((a) => nodeBranches(a, depth + 1)) : [node];
}

function nodesAt(props: Node, path: ReadonlyArray<string>): Node[] {
  let current: Node[] = [props];
  for (const segment of path) {
    const next: Node[] = [];
    for (const c of current) {
      if (segment === '*') {
        if (c.type === 'array') for (const e of c.children ?? []) next.push(...nodeBranches(e));
      } else {
        next.push(...nodeBranches(findNodeAtLocation(c, [segment])));
      }
    }
    current = next;
  }
  return current;
}

/** The statement lists of a Serverless service's roles that mention KMS, and the policies of its `resources`. */
function serverlessPolicies(root: Node): TemplatePolicy[] {
  const out: TemplatePolicy[] = [];
  for (const path of SERVERLESS_STATEMENTS) {
    let current: Array<{ node: Node; where: string[] }> = [{ node: root, where: [] }];
    for (const segment of path) {
      current = current.flatMap(({ node, where }) => {
        if (node.type !== 'object') return [];
        if (segment === '*') return membersOf(node).map((m) => ({ node: m.value, where: [...where, m.name] }));
        const next = findNodeAtLocation(node, [segment]);
        return next ? [{ node: next, where: [...where, segment] }] : [];
      });
    }
    for (const { node, where } of current) {
      if (node.type !== 'array' || !mentionsKms({ Statement: getNodeValue(node) })) continue;
      const at = where.join('.');
      out.push({ node, statement: false, statements: true, serverless: true, where: at, decision: { kind: 'identityPolicy', certain: true, alternatives: [], reason: l10n.t('It is {0} of a Serverless Framework service: statements of its IAM role.', at), source: 'template' } });
    }
  }
  const resources = findNodeAtLocation(root, ['resources']);
  if (resources?.type === 'object') out.push(...templatePolicies(resources).map((p) => ({ ...p, serverless: true })));
  return out.sort((a, b) => a.node.offset - b.node.offset);
}

/** The nodes of the template's policies that KMS Lens analyses, each with the kind its resource type gives it. */
export function templatePolicies(root: Node): TemplatePolicy[] {
  if (root.type === 'object' && findNodeAtLocation(root, ['service']) && isServerlessService(getNodeValue(root))) return serverlessPolicies(root);
  const out: TemplatePolicy[] = [];
  const resources = findNodeAtLocation(root, ['Resources']);
  for (const r of membersOf(resources)) {
    const type = findNodeAtLocation(r.value, ['Type']);
    const props = findNodeAtLocation(r.value, ['Properties']);
    if (type?.type !== 'string' || props?.type !== 'object') continue;
    const typeName = String(type.value);
    for (const slot of slotsOf(typeName, getNodeValue(props) as Obj)) {
      for (const node of nodesAt(props, slot.path)) {
        if ((node.type !== 'object' && node.type !== 'string') || isIntrinsic(node) || !analysed(slot, getNodeValue(node))) continue;
        const where = ['Resources', r.name, 'Properties', ...slot.path].join('.');
        out.push({
          node,
          statement: slot.statement === true,
          where,
          decision: { kind: slot.kind, service: slot.service, certain: true, alternatives: [], reason: l10n.t('It is the {0} of a {1} resource.', slot.path.filter((p) => p !== '*').join('.'), typeName), source: 'template' },
        });
      }
    }
  }
  return out;
}
