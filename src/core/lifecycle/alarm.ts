/**
 * The Amazon EventBridge event pattern that matches CloudTrail events using
 * one key: the "alarm on any attempt to use the key" AWS advises before a
 * deletion. It matches the cryptographic operations, successful or refused,
 * whose `resources` name the key's ARN (CloudTrail lists the key ARN there
 * however the caller named the key: id, alias or ARN).
 */
import { parseKeyName } from '../history/keys';
import { KEY_USE_EVENT_NAMES } from '../history/operations';

export interface EventPattern {
  source: string[];
  'detail-type': string[];
  detail: {
    eventSource: string[];
    eventName: string[];
    resources: { ARN: string[] };
  };
}

/**
 * The key ARN as CloudTrail writes it in `resources` (`arn:PARTITION:kms:REGION:ACCOUNT:key/ID`),
 * from a typed one: trimmed, and with the `arn:aws::kms:` slip of some AWS pages repaired.
 * Undefined for anything else (a key id, an alias, another service's ARN): a pattern on those
 * would never match.
 */
export function canonicalKeyArn(s: string): string | undefined {
  const typed = s.trim();
  if (!typed.startsWith('arn:')) return undefined;
  const ref = parseKeyName(typed);
  if (!ref?.keyId || !ref.partition || !ref.region || !/^\d{12}$/.test(ref.account ?? '')) return undefined;
  return `arn:${ref.partition}:kms:${ref.region}:${ref.account}:key/${ref.keyId}`;
}

export function isKeyArn(s: string): boolean {
  return canonicalKeyArn(s) !== undefined;
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
