/**
 * Names of AWS services as they appear in CloudTrail's `invokedBy`,
 * `sourceIPAddress`, `userAgent` and in grant principals.
 * Sources: shared/reference/kms-facts.md sections 5-7 (Fargate, EC2 front end,
 * Deadline Cloud, kms:ViaService names) and the KMS Developer Guide examples in
 * test/fixtures/corpus (internal.amazonaws.com, signin.amazonaws.com, workmail).
 */
import * as l10n from '@vscode/l10n';
import { VIA_SERVICE_NAMES } from '../../data/kmsFacts';

/** Product names stay as AWS writes them; the descriptions are words, worded when asked for (the bundle set then). */
const NAMES: Readonly<Record<string, string | (() => string)>> = {
  fargate: 'AWS Fargate (Amazon ECS)',
  'ec2-frontend-api': () => l10n.t('the Amazon EC2 front end (acting for EBS or Fargate)'),
  ec2: 'Amazon EC2 / EBS',
  deadline: 'AWS Deadline Cloud',
  kms: () => l10n.t('AWS KMS itself'),
  mrk: () => l10n.t('KMS multi-Region key synchronisation'),
  internal: () => l10n.t('an internal AWS service (the name CloudTrail used before 2016 for calls such as S3 and CloudTrail encryption)'),
  signin: () => l10n.t('the AWS sign-in service (a console session)'),
  s3: 'Amazon S3',
  cloudtrail: 'AWS CloudTrail',
  lambda: 'AWS Lambda',
  secretsmanager: 'AWS Secrets Manager',
  ssm: 'AWS Systems Manager',
  rds: 'Amazon RDS',
  dynamodb: 'Amazon DynamoDB',
  elasticfilesystem: 'Amazon EFS',
  workmail: 'Amazon WorkMail',
  sns: 'Amazon SNS',
  sqs: 'Amazon SQS',
  ecs: 'Amazon ECS',
  eks: 'Amazon EKS',
  logs: 'Amazon CloudWatch Logs',
  backup: 'AWS Backup',
  glue: 'AWS Glue',
  sagemaker: 'Amazon SageMaker',
  redshift: 'Amazon Redshift',
  kinesis: 'Amazon Kinesis',
  firehose: 'Amazon Data Firehose',
  'autoscaling': 'Amazon EC2 Auto Scaling',
};

export interface ServiceName {
  /** First label, e.g. `fargate`. */
  id: string;
  /** Region in a Regional name such as `fargate.us-west-2.amazonaws.com`. */
  region?: string;
  /** Readable name, if known. */
  label?: string;
}

/** `fargate.us-west-2.amazonaws.com` -> {id: fargate, region: us-west-2, label: ...}; undefined if not a service name. */
export function parseServiceName(s: string): ServiceName | undefined {
  const m = /^([a-z0-9][a-z0-9-]*)(?:\.([a-z]{2}(?:-[a-z]+)+-\d+))?\.amazonaws\.com(?:\.cn)?$/.exec(s);
  if (!m) return undefined;
  const name = NAMES[m[1]];
  const known = typeof name === 'function' ? name() : name ?? ((VIA_SERVICE_NAMES as readonly string[]).includes(m[1]) ? m[1] : undefined);
  return { id: m[1], region: m[2], label: known };
}

/** Plain words for a service name, falling back to the name itself. */
export function describeService(s: string): string {
  if (s === 'AWS Internal') return l10n.t('an AWS service (CloudTrail writes `AWS Internal` where it does not name the account or service)');
  const p = parseServiceName(s);
  if (!p) return s;
  const label = p.label ?? l10n.t('the AWS service {0}', `\`${p.id}\``);
  return p.region ? l10n.t('{0} in {1}', label, p.region) : label;
}
