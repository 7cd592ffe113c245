/**
 * Encryption context keys that AWS services set, and what they identify.
 * Sources: shared/reference/kms-facts.md section 7 (Deadline Cloud: aws:deadline:*,
 * aws-crypto-public-key; Fargate: aws:ecs:clusterAccount/clusterName, aws:ebs:id),
 * the KMS Developer Guide's CloudTrail examples in test/fixtures/corpus
 * (aws:s3:arn, aws:cloudtrail:arn, aws:ebs:id, aws:workmail:arn), and each
 * service's encryption-context page in its own guide (Lambda, Secrets Manager,
 * SSM Parameter Store, DynamoDB, RDS/Aurora, EFS, SNS, SQS).
 */

export interface ContextKeyInfo {
  service: string;
  meaning: string;
}

export const ENCRYPTION_CONTEXT_KEYS: Readonly<Record<string, ContextKeyInfo>> = {
  'aws:ecs:clusterAccount': { service: 'Amazon ECS on Fargate', meaning: 'the account of the ECS cluster whose Fargate ephemeral storage is encrypted' },
  'aws:ecs:clusterName': { service: 'Amazon ECS on Fargate', meaning: 'the name (not the ARN) of the ECS cluster whose Fargate ephemeral storage is encrypted' },
  'aws:ebs:id': { service: 'Amazon EBS', meaning: 'the EBS volume (`vol-...`) whose data key this is' },
  'aws:deadline:farmId': { service: 'AWS Deadline Cloud', meaning: 'the Deadline Cloud farm (`farm-<32 hex>`) whose data this key protects' },
  'aws:deadline:accountId': { service: 'AWS Deadline Cloud', meaning: 'the account that owns the Deadline Cloud farm' },
  'aws-crypto-public-key': { service: 'AWS Encryption SDK', meaning: 'the public verification key of a signed message (set by the AWS Encryption SDK with a signing algorithm suite, as Deadline Cloud uses)' },
  'aws:lambda:FunctionArn': { service: 'AWS Lambda', meaning: 'the Lambda function whose environment variables or code are encrypted' },
  'aws:s3:arn': { service: 'Amazon S3', meaning: 'the S3 object (or, with an S3 Bucket Key, the bucket) whose data key this is' },
  'aws:cloudtrail:arn': { service: 'AWS CloudTrail', meaning: 'the trail whose log files are encrypted' },
  'aws:workmail:arn': { service: 'Amazon WorkMail', meaning: 'the WorkMail organization whose mailbox data is encrypted' },
  SecretARN: { service: 'AWS Secrets Manager', meaning: 'the secret whose value is encrypted' },
  SecretVersionId: { service: 'AWS Secrets Manager', meaning: 'the version of the secret' },
  PARAMETER_ARN: { service: 'AWS Systems Manager Parameter Store', meaning: 'the SecureString parameter whose value is encrypted' },
  'aws:dynamodb:tableName': { service: 'Amazon DynamoDB', meaning: 'the DynamoDB table' },
  'aws:dynamodb:subscriberId': { service: 'Amazon DynamoDB', meaning: 'the account that owns the table' },
  'aws:rds:db-id': { service: 'Amazon RDS', meaning: 'the DB instance' },
  'aws:rds:dbc-id': { service: 'Amazon Aurora', meaning: 'the DB cluster' },
  'aws:elasticfilesystem:filesystem:id': { service: 'Amazon EFS', meaning: 'the file system' },
  'aws:sns:topicArn': { service: 'Amazon SNS', meaning: 'the SNS topic whose messages are encrypted' },
  'aws:sqs:arn': { service: 'Amazon SQS', meaning: 'the SQS queue whose messages are encrypted' },
  'aws:secretsmanager:arn': { service: 'AWS Secrets Manager', meaning: 'the secret' },
};

export function contextKeyInfo(key: string): ContextKeyInfo | undefined {
  return ENCRYPTION_CONTEXT_KEYS[key];
}
