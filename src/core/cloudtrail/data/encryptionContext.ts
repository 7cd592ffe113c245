/**
 * Encryption context keys that AWS services set, and what they identify.
 * Sources: shared/reference/kms-facts.md section 7 (Deadline Cloud: aws:deadline:*,
 * aws-crypto-public-key; Fargate: aws:ecs:clusterAccount/clusterName, aws:ebs:id),
 * the KMS Developer Guide's CloudTrail examples in test/fixtures/corpus
 * (aws:s3:arn, aws:cloudtrail:arn, aws:ebs:id, aws:workmail:arn), and each
 * service's encryption-context page in its own guide (Lambda, Secrets Manager,
 * SSM Parameter Store, DynamoDB, RDS/Aurora, EFS, SNS, SQS).
 */
import * as l10n from '@vscode/l10n';

export interface ContextKeyInfo {
  service: string;
  meaning: string;
}

export const ENCRYPTION_CONTEXT_KEYS: Readonly<Record<string, ContextKeyInfo>> = {
  'aws:ecs:clusterAccount': { service: 'Amazon ECS on Fargate', get meaning() { return l10n.t('the account of the ECS cluster whose Fargate ephemeral storage is encrypted'); } },
  'aws:ecs:clusterName': { service: 'Amazon ECS on Fargate', get meaning() { return l10n.t('the name (not the ARN) of the ECS cluster whose Fargate ephemeral storage is encrypted'); } },
  'aws:ebs:id': { service: 'Amazon EBS', get meaning() { return l10n.t('the EBS volume (`vol-...`) whose data key this is'); } },
  'aws:deadline:farmId': { service: 'AWS Deadline Cloud', get meaning() { return l10n.t('the Deadline Cloud farm (`farm-<32 hex>`) whose data this key protects'); } },
  'aws:deadline:accountId': { service: 'AWS Deadline Cloud', get meaning() { return l10n.t('the account that owns the Deadline Cloud farm'); } },
  'aws-crypto-public-key': { service: 'AWS Encryption SDK', get meaning() { return l10n.t('the public verification key of a signed message (set by the AWS Encryption SDK with a signing algorithm suite, as Deadline Cloud uses)'); } },
  'aws:lambda:FunctionArn': { service: 'AWS Lambda', get meaning() { return l10n.t('the Lambda function whose environment variables or code are encrypted'); } },
  'aws:s3:arn': { service: 'Amazon S3', get meaning() { return l10n.t('the S3 object (or, with an S3 Bucket Key, the bucket) whose data key this is'); } },
  'aws:cloudtrail:arn': { service: 'AWS CloudTrail', get meaning() { return l10n.t('the trail whose log files are encrypted'); } },
  'aws:workmail:arn': { service: 'Amazon WorkMail', get meaning() { return l10n.t('the WorkMail organization whose mailbox data is encrypted'); } },
  SecretARN: { service: 'AWS Secrets Manager', get meaning() { return l10n.t('the secret whose value is encrypted'); } },
  SecretVersionId: { service: 'AWS Secrets Manager', get meaning() { return l10n.t('the version of the secret'); } },
  PARAMETER_ARN: { service: 'AWS Systems Manager Parameter Store', get meaning() { return l10n.t('the SecureString parameter whose value is encrypted'); } },
  'aws:dynamodb:tableName': { service: 'Amazon DynamoDB', get meaning() { return l10n.t('the DynamoDB table'); } },
  'aws:dynamodb:subscriberId': { service: 'Amazon DynamoDB', get meaning() { return l10n.t('the account that owns the table'); } },
  'aws:rds:db-id': { service: 'Amazon RDS', get meaning() { return l10n.t('the DB instance'); } },
  'aws:rds:dbc-id': { service: 'Amazon Aurora', get meaning() { return l10n.t('the DB cluster'); } },
  'aws:elasticfilesystem:filesystem:id': { service: 'Amazon EFS', get meaning() { return l10n.t('the file system'); } },
  'aws:sns:topicArn': { service: 'Amazon SNS', get meaning() { return l10n.t('the SNS topic whose messages are encrypted'); } },
  'aws:sqs:arn': { service: 'Amazon SQS', get meaning() { return l10n.t('the SQS queue whose messages are encrypted'); } },
  'aws:secretsmanager:arn': { service: 'AWS Secrets Manager', get meaning() { return l10n.t('the secret'); } },
};

export function contextKeyInfo(key: string): ContextKeyInfo | undefined {
  return ENCRYPTION_CONTEXT_KEYS[key];
}
