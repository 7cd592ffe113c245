/** Helpers for the key lifecycle tests: events from the AWS guide's examples, and small events written for each case. */
import * as path from 'node:path';
import { analyze, buildModel, DEFAULT_SETTINGS, type Finding } from '../../src/core';
import type { KeyGrants, GrantsModel } from '../../src/core/keys';
import { CORPUS, fixture } from './helpers';
import { decrypt, KEY_ARN, KEY_ID, keyOf, kmsEvent, roleSession } from './grantsHelpers';

export const AWSDOCS = path.join(CORPUS, 'awsdocs');

/** An event of the AWS KMS guide, parsed (test/fixtures/corpus/awsdocs/NAME.json). */
export function guideEvent(name: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(fixture('corpus', 'awsdocs', `${name}.json`)) as Record<string, unknown>), ...fields };
}

/** The key of the guide's DisableKey, EnableKey, RotateKey and ScheduleKeyDeletion examples. */
export const GUIDE_KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

export { KEY_ARN, KEY_ID };

/** Every rule on at its default severity, so that a rule turned off elsewhere cannot hide a finding. */
export function lifecycleFindings(text: string, fileName = 'log.json'): Finding[] {
  return analyze(text, { languageId: fileName.endsWith('.jsonl') ? 'jsonl' : 'json', fileName }, { ...DEFAULT_SETTINGS, maxFindings: 100_000 }).findings.filter((f) => f.code.startsWith('lifecycle-'));
}

export function only(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** The events in a `{"Records": [...]}` log, pretty-printed so findings land on distinct lines. */
export function log(...events: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Records: events }, null, 2);
}

/** The event a finding is on, for readable assertions. */
export function eventAt(text: string, f: Finding): { eventName: string; eventTime: string; errorCode?: string } {
  const model = buildModel(text, { languageId: 'json', fileName: 'log.json' }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const record = model.records.find((r) => r.start <= f.start && f.start < r.end);
  if (!record) throw new Error(`no event at ${f.start}`);
  return record.value as { eventName: string; eventTime: string; errorCode?: string };
}

/** The key `identity` of the model (the helpers' key by default). */
export function keyEntry(m: GrantsModel, identity = KEY_ARN): KeyGrants {
  return keyOf(m, identity);
}

export const disableKey = (eventTime: string, fields: Record<string, unknown> = {}): Record<string, unknown> =>
  kmsEvent('DisableKey', eventTime, { requestParameters: { keyId: KEY_ID }, ...fields });

export const enableKey = (eventTime: string, fields: Record<string, unknown> = {}): Record<string, unknown> =>
  kmsEvent('EnableKey', eventTime, { requestParameters: { keyId: KEY_ID }, ...fields });

export const cancelKeyDeletion = (eventTime: string, fields: Record<string, unknown> = {}): Record<string, unknown> =>
  kmsEvent('CancelKeyDeletion', eventTime, { requestParameters: { keyId: KEY_ID }, responseElements: { keyId: KEY_ARN }, ...fields });

/** A ScheduleKeyDeletion as KMS logs it: the deletion date in the "Apr 12, 2021 18:58:30 PM" form. */
export function scheduleKeyDeletion(eventTime: string, pendingWindowInDays: number | undefined, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const at = Date.parse(eventTime) + (pendingWindowInDays ?? 30) * 86_400_000;
  const d = new Date(at);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  const deletionDate = `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${hh}:${mm}:${ss} ${d.getUTCHours() >= 12 ? 'PM' : 'AM'}`;
  return kmsEvent('ScheduleKeyDeletion', eventTime, {
    requestParameters: pendingWindowInDays === undefined ? { keyId: KEY_ID } : { keyId: KEY_ID, pendingWindowInDays },
    responseElements: { keyId: KEY_ARN, keyState: 'PendingDeletion', deletionDate, pendingWindowInDays: pendingWindowInDays ?? 30 },
    ...fields,
  });
}

/** A Decrypt refused because of the key's state. */
export function refusedDecrypt(eventTime: string, errorCode = 'DisabledException', userIdentity = roleSession('Reports')): Record<string, unknown> {
  return decrypt(eventTime, userIdentity, { app: 'reports' }, { errorCode, errorMessage: `${KEY_ARN} is disabled.` });
}
