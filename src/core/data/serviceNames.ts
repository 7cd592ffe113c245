/**
 * Readable names for the services that appear in `kms:ViaService` values
 * (`<service>.<region>.amazonaws.com`) and in service principals
 * (`<service>.amazonaws.com`), for hovers and statement summaries. Names are
 * the services' own short names; an unknown label is shown as written.
 * Product names stay as AWS writes them in every language; the one name with
 * words in it is worded when asked for (the bundle set then).
 */
import * as l10n from '@vscode/l10n';

const NAMES: Readonly<Record<string, string | (() => string)>> = {
  airflow: 'Managed Workflows for Apache Airflow',
  appflow: 'AppFlow',
  apprunner: 'App Runner',
  athena: 'Athena',
  auditmanager: 'Audit Manager',
  backup: 'AWS Backup',
  'backup-gateway': 'Backup gateway',
  cassandra: 'Keyspaces',
  cloudtrail: 'CloudTrail',
  codeartifact: 'CodeArtifact',
  'codeguru-reviewer': 'CodeGuru Reviewer',
  comprehend: 'Comprehend',
  connect: 'Amazon Connect',
  deadline: 'Deadline Cloud',
  directoryservice: 'Directory Service',
  dms: 'Database Migration Service',
  dynamodb: 'DynamoDB',
  // [G] conditions-kms.md: EBS calls KMS as `ec2`.
  ec2: () => l10n.t('EC2 (including EBS)'),
  ecr: 'ECR',
  eks: 'EKS',
  elasticache: 'ElastiCache',
  elasticfilesystem: 'EFS',
  es: 'OpenSearch Service',
  fargate: 'Fargate',
  finspace: 'FinSpace',
  firehose: 'Data Firehose',
  forecast: 'Forecast',
  fsx: 'FSx',
  geo: 'Location Service',
  glue: 'Glue',
  groundstation: 'Ground Station',
  healthlake: 'HealthLake',
  identitystore: 'Identity Store (IAM Identity Center)',
  importexport: 'Snowball',
  iotsitewise: 'IoT SiteWise',
  kafka: 'MSK',
  kendra: 'Kendra',
  kinesis: 'Kinesis Data Streams',
  kinesisvideo: 'Kinesis Video Streams',
  lambda: 'Lambda',
  lex: 'Lex',
  'license-manager': 'License Manager',
  logs: 'CloudWatch Logs',
  lookoutequipment: 'Lookout for Equipment',
  lookoutmetrics: 'Lookout for Metrics',
  lookoutvision: 'Lookout for Vision',
  macie: 'Macie',
  'malware-protection': 'GuardDuty Malware Protection',
  managedblockchain: 'Managed Blockchain',
  mediatailor: 'MediaTailor',
  memorydb: 'MemoryDB',
  mgn: 'Application Migration Service',
  monitron: 'Monitron',
  mq: 'Amazon MQ',
  nimble: 'Nimble Studio',
  omics: 'HealthOmics',
  profile: 'Customer Profiles',
  proton: 'Proton',
  q: 'Amazon Q Developer',
  qldb: 'QLDB',
  rds: 'RDS',
  redshift: 'Redshift',
  'redshift-serverless': 'Redshift Serverless',
  rekognition: 'Rekognition',
  s3: 'S3',
  sagemaker: 'SageMaker',
  secretsmanager: 'Secrets Manager',
  ses: 'SES',
  sns: 'SNS',
  sqlworkbench: 'Redshift query editor v2',
  sqs: 'SQS',
  ssm: 'Systems Manager',
  'ssm-contacts': 'Incident Manager contacts',
  'ssm-incidents': 'Incident Manager',
  sso: 'IAM Identity Center',
  storagegateway: 'Storage Gateway',
  timestream: 'Timestream',
  translate: 'Translate',
  wisdom: 'Wisdom',
  workmail: 'WorkMail',
  workspaces: 'WorkSpaces',
  'workspaces-web': 'WorkSpaces Secure Browser',
  xray: 'X-Ray',
};

/** The readable name of a service label (`deadline` -> `Deadline Cloud`), or the label itself. */
export function serviceName(label: string): string {
  const name = NAMES[label.toLowerCase()];
  return typeof name === 'function' ? name() : name ?? label;
}

export function isKnownServiceLabel(label: string): boolean {
  return label.toLowerCase() in NAMES;
}

export interface ViaServiceValue {
  service: string;
  /** Undefined when the value has no Region part (or it is a wildcard). */
  region?: string;
  /** The DNS suffix after the Region. */
  suffix: string;
}

/** `deadline.us-west-2.amazonaws.com` -> {service: deadline, region: us-west-2}. Wildcards stay as written. */
export function parseViaService(value: string): ViaServiceValue | undefined {
  const m = /^([a-z0-9*?-]+)\.([a-z0-9*?-]+)\.(amazonaws\.com(?:\.cn)?)$/i.exec(value);
  if (!m) return undefined;
  return { service: m[1], region: m[2], suffix: m[3] };
}

/**
 * Service principals the KMS guides use in key policies, for completions.
 * `{region}` is replaced by the Region the document names.
 */
export const COMMON_SERVICE_PRINCIPALS: readonly string[] = [
  'cloudtrail.amazonaws.com',
  'logs.{region}.amazonaws.com',
  'delivery.logs.amazonaws.com',
  'fargate.amazonaws.com',
  'deadline.amazonaws.com',
  's3.amazonaws.com',
  'sns.amazonaws.com',
  'events.amazonaws.com',
  'ec2.amazonaws.com',
];
