/**
 * The Amazon EventBridge event pattern that matches CloudTrail events using
 * one key: the "alarm on any attempt to use the key" AWS advises before a
 * deletion. It matches the cryptographic operations, successful or refused,
 * whose `resources` name the key's ARN (CloudTrail lists the key ARN there
 * however the caller named the key: id, alias or ARN).
 */
import { USE_OPERATIONS } from '../grants/extract';
import { parseKeyName } from '../grants/keys';

/** The cryptographic operations, as CloudTrail names them (ReEncrypt is one event). */
export const KEY_USE_EVENT_NAMES: readonly string[] = [...USE_OPERATIONS.keys(), 'ReEncrypt'];

export interface EventPattern {
  source: string[];
  'detail-type': string[];
  detail: {
    eventSource: string[];
    eventName: string[];
    resources: { ARN: string[] };
  };
}

/** True for a full key ARN (`arn:PARTITION:kms:REGION:ACCOUNT:key/ID`), the only form `resources` uses. */
export function isKeyArn(s: string): boolean {
  const ref = s.trim().startsWith('arn:') ? parseKeyName(s.trim()) : undefined;
  return !!ref?.keyId && !!ref.region && !!ref.account && /:kms:[^:]+:\d{12}:key\/[^/]+$/.test(s.trim());
}

export function keyUseEventPattern(keyArn: string): EventPattern {
  return {
    source: ['aws.kms'],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['kms.amazonaws.com'],
      eventName: [...KEY_USE_EVENT_NAMES],
      resources: { ARN: [keyArn.trim()] },
    },
  };
}

/** The pattern as a document, ready to paste into the EventBridge console or `aws events put-rule --event-pattern`. */
export function keyUseEventPatternText(keyArn: string): string {
  return `${JSON.stringify(keyUseEventPattern(keyArn), null, 2)}\n`;
}
