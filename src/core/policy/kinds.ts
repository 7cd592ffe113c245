/**
 * The kinds of policy KMS Lens tells apart, in one list: the `kmsLens.policyKinds`
 * setting's values and the `--kind` flag are generated from it, rules declare
 * which of them they serve, and the kind a file was read as is shown with its
 * label. Which kind a policy is, is decided in policy/detectKind.ts.
 */
import * as l10n from '@vscode/l10n';

export const POLICY_KINDS = [
  'keyPolicy',
  'trustPolicy',
  'resourcePolicy',
  'vpcEndpointPolicy',
  'serviceControlPolicy',
  'resourceControlPolicy',
  'identityPolicy',
] as const;

export type PolicyKind = (typeof POLICY_KINDS)[number];

export function isPolicyKind(v: unknown): v is PolicyKind {
  return typeof v === 'string' && (POLICY_KINDS as readonly string[]).includes(v);
}

/** What each kind is, for the settings UI and the README (English: package.json descriptions are not localised here). */
export const KIND_DESCRIPTIONS: Readonly<Record<PolicyKind, string>> = {
  keyPolicy: 'KMS key policy: every policy rule applies.',
  trustPolicy: 'IAM role trust policy (sts:AssumeRole...): only what is about KMS is checked, which is usually nothing.',
  resourcePolicy: 'Resource policy of another service (S3 bucket, SQS queue, SNS topic, Secrets Manager secret, ECR repository, ...): only what is about KMS is checked.',
  vpcEndpointPolicy: 'VPC endpoint policy: only what is about KMS is checked.',
  serviceControlPolicy: 'Service control policy (SCP) of AWS Organizations: only what is about KMS is checked.',
  resourceControlPolicy: 'Resource control policy (RCP) of AWS Organizations: only what is about KMS is checked.',
  identityPolicy: 'IAM identity policy or permissions boundary: statements about KMS are checked (grammar included), the others are left alone.',
};

/** Readable names of services whose resource policies are common, for "read as an S3 bucket policy". */
const RESOURCE_POLICY_NAMES: Readonly<Record<string, () => string>> = {
  s3: () => l10n.t('an S3 bucket policy'),
  sqs: () => l10n.t('an SQS queue policy'),
  sns: () => l10n.t('an SNS topic policy'),
  secretsmanager: () => l10n.t('a Secrets Manager secret policy'),
  ecr: () => l10n.t('an ECR repository policy'),
  lambda: () => l10n.t('a Lambda function policy'),
  events: () => l10n.t('an EventBridge event bus policy'),
  glacier: () => l10n.t('an S3 Glacier vault access policy'),
  backup: () => l10n.t('an AWS Backup vault access policy'),
  logs: () => l10n.t('a CloudWatch Logs resource policy'),
  es: () => l10n.t('an OpenSearch domain access policy'),
  elasticfilesystem: () => l10n.t('an EFS file system policy'),
  execute_api: () => l10n.t('an API Gateway resource policy'),
  'execute-api': () => l10n.t('an API Gateway resource policy'),
  codeartifact: () => l10n.t('a CodeArtifact repository policy'),
  iot: () => l10n.t('an IoT policy'),
};

/** "a KMS key policy", "an SQS queue policy", ...: what the file was read as. */
export function kindLabel(kind: PolicyKind, service?: string): string {
  switch (kind) {
    case 'keyPolicy': return l10n.t('a KMS key policy');
    case 'trustPolicy': return l10n.t('an IAM role trust policy');
    case 'resourcePolicy': {
      const named = service ? RESOURCE_POLICY_NAMES[service] : undefined;
      if (named) return named();
      return service ? l10n.t('a resource policy of {0}', service) : l10n.t('a resource policy of another service');
    }
    case 'vpcEndpointPolicy': return l10n.t('a VPC endpoint policy');
    case 'serviceControlPolicy': return l10n.t('a service control policy (SCP)');
    case 'resourceControlPolicy': return l10n.t('a resource control policy (RCP)');
    case 'identityPolicy': return l10n.t('an IAM identity policy or permissions boundary');
  }
}

/** Where a decision came from. */
export type KindSource = 'content' | 'fileName' | 'setting' | 'template' | 'event' | 'cli';

/** What a policy was read as, and how sure KMS Lens is. */
export interface KindDecision {
  kind: PolicyKind;
  /** For resource policies: the service (action prefix), e.g. `s3`. */
  service?: string;
  /**
   * False when the content fits a key policy and another kind equally well
   * (`"Principal": "*"`, kms: actions and `"Resource": "*"` are a key policy
   * or a KMS VPC endpoint policy). Findings on such a policy are shown as
   * information at most.
   */
  certain: boolean;
  /** The other kinds the content would fit. */
  alternatives: PolicyKind[];
  /** Why, in a sentence: shown in the kind hover. */
  reason: string;
  source: KindSource;
}

/** Rule `kinds` shorthands. */
export const KEY_POLICIES: readonly PolicyKind[] = ['keyPolicy'];
export const IDENTITY_POLICIES: readonly PolicyKind[] = ['identityPolicy'];
/** Rules about the policy language itself, applied where KMS Lens owns the whole policy or its KMS statements. */
export const KEY_AND_IDENTITY_POLICIES: readonly PolicyKind[] = ['keyPolicy', 'identityPolicy'];
/** Rules about KMS content (kms: actions and condition keys, KMS ARNs): every kind, on its KMS parts. */
export const EVERY_POLICY: readonly PolicyKind[] = POLICY_KINDS;
