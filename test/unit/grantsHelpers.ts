/** Helpers for the grants tests: models from fixture files or inline events, the way the CLI makes them. */
import * as path from 'node:path';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import type { Grant } from '../../src/core/grants';
import { buildGrantsModel, type GrantsModel, type GrantsSource, type KeyGrants } from '../../src/core/keys';
import { CORPUS, fixture } from './helpers';

export const SEEDS = path.join(CORPUS, 'seeds');

/** A source from text; `.jsonl` names make JSON Lines. */
export function source(id: string, text: string): GrantsSource {
  const languageId = id.endsWith('.jsonl') ? 'jsonl' : 'json';
  return { id, model: buildModel(text, { languageId, fileName: id }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }) };
}

/** A source from a fixture file under test/fixtures (e.g. `corpus/seeds/fargate-creategrant.json`). */
export function fixtureSource(relative: string): GrantsSource {
  return source(relative, fixture(...relative.split('/')));
}

export function grantsOf(...sources: GrantsSource[]): GrantsModel {
  return buildGrantsModel(sources);
}

export function allGrants(m: GrantsModel): Grant[] {
  return m.keys.flatMap((k) => k.grants);
}

export function grant(m: GrantsModel, grantId: string): Grant {
  const g = allGrants(m).find((x) => x.grantId === grantId);
  if (!g) throw new Error(`no grant ${grantId} in ${JSON.stringify(allGrants(m).map((x) => x.grantId))}`);
  return g;
}

export function keyOf(m: GrantsModel, identity: string): KeyGrants {
  const k = m.keys.find((x) => x.key.identity === identity);
  if (!k) throw new Error(`no key ${identity} in ${JSON.stringify(m.keys.map((x) => x.key.identity))}`);
  return k;
}

const ACCOUNT = '111122223333';
export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_ARN = `arn:aws:kms:us-west-2:${ACCOUNT}:key/${KEY_ID}`;

let counter = 0;

/** A KMS CloudTrail event with the fields every event has; `fields` override or add. */
export function kmsEvent(eventName: string, eventTime: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:user/Alice`, accountId: ACCOUNT, userName: 'Alice' },
    eventTime,
    eventSource: 'kms.amazonaws.com',
    eventName,
    awsRegion: 'us-west-2',
    sourceIPAddress: '192.0.2.0',
    requestParameters: null,
    responseElements: null,
    eventID: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KEY_ARN }],
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...fields,
  };
}

export function createGrant(grantId: string, eventTime: string, request: Record<string, unknown> = {}, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return kmsEvent('CreateGrant', eventTime, {
    requestParameters: { keyId: KEY_ARN, granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/Worker`, operations: ['Decrypt'], ...request },
    responseElements: { grantId, keyId: KEY_ARN },
    ...fields,
  });
}

export function retireGrant(grantId: string, eventTime: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return kmsEvent('RetireGrant', eventTime, { requestParameters: null, responseElements: { keyId: KEY_ARN }, additionalEventData: { grantId }, ...fields });
}

export function revokeGrant(grantId: string, eventTime: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return kmsEvent('RevokeGrant', eventTime, { requestParameters: { keyId: KEY_ID, grantId }, ...fields });
}

/** An assumed-role caller: a session of `role`. */
export function roleSession(role: string, session = 'session-1', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
    accountId: ACCOUNT,
    sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, accountId: ACCOUNT, userName: role } },
    ...extra,
  };
}

export function decrypt(eventTime: string, userIdentity: Record<string, unknown>, encryptionContext?: Record<string, string>, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return kmsEvent('Decrypt', eventTime, { userIdentity, requestParameters: { keyId: KEY_ARN, encryptionAlgorithm: 'SYMMETRIC_DEFAULT', ...(encryptionContext ? { encryptionContext } : {}) }, readOnly: true, ...fields });
}

export function records(...events: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Records: events }, null, 2);
}
