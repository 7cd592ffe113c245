/**
 * The fields of a CloudTrail record, by the eventVersion that introduced them.
 * Source: the CloudTrail User Guide, "CloudTrail record contents for management,
 * data, and network activity events" (stored copy of
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html),
 * as summarised in shared/reference/kms-facts.md section 6. "required" is the
 * page's "Optional: False". `annotation` is not on the page but appears in real
 * records (it is listed by the AWS CloudTrail processing library).
 */
import * as l10n from '@vscode/l10n';

export type FieldType = 'string' | 'object' | 'objectOrNull' | 'boolean' | 'array';

export interface RecordField {
  name: string;
  /** eventVersion that introduced the field, as [major, minor]. */
  since: [number, number];
  required: boolean;
  type: FieldType;
  /** Plain-words meaning, for hovers. */
  description: string;
  /** Allowed values, where the documentation lists them. */
  values?: readonly string[];
}

export const EVENT_TYPES = ['AwsApiCall', 'AwsServiceEvent', 'AwsConsoleAction', 'AwsConsoleSignIn', 'AwsCloudTrailInsight', 'AwsVpceEvent'] as const;
export const EVENT_CATEGORIES = ['Management', 'Data', 'NetworkActivity', 'Insight'] as const;
export const ADDENDUM_REASONS = ['DELIVERY_DELAY', 'UPDATED_DATA', 'SERVICE_OUTAGE'] as const;

/** The newest eventVersion documented (1.11, October 2024 onwards). */
export const LATEST_EVENT_VERSION: [number, number] = [1, 11];

export const RECORD_FIELDS: readonly RecordField[] = [
  { name: 'eventVersion', since: [1, 0], required: true, type: 'string', get description() { return l10n.t('Version of the log event format, `1.NN`. Compare the major version with `==` and the minor version with `>=`: newer minor versions only add fields. The current version is 1.11.'); } },
  { name: 'userIdentity', since: [1, 0], required: true, type: 'object', get description() { return l10n.t('Who made the request: the kind of identity, its credentials, and for temporary credentials the role or user that issued them.'); } },
  { name: 'eventTime', since: [1, 0], required: true, type: 'string', get description() { return l10n.t('When the request was completed, in UTC (ISO 8601, `YYYY-MM-DDTHH:MM:SSZ`).'); } },
  { name: 'eventSource', since: [1, 0], required: true, type: 'string', get description() { return l10n.t('The service the request was made to, as `<service>.amazonaws.com`. KMS events have `kms.amazonaws.com`.'); } },
  { name: 'eventName', since: [1, 0], required: true, type: 'string', get description() { return l10n.t('The requested action: one of the service\'s API operations, or a service event such as `RotateKey` or `DeleteKey`.'); } },
  { name: 'awsRegion', since: [1, 0], required: true, type: 'string', get description() { return l10n.t('The Region the request was made to. KMS keys are Regional: a call in one Region can only use keys of that Region.'); } },
  { name: 'sourceIPAddress', since: [1, 0], required: true, type: 'string', get description() { return l10n.t('Where the request came from: an IP address, the DNS name of the AWS service that called on the user\'s behalf, or `AWS Internal`.'); } },
  { name: 'userAgent', since: [1, 0], required: false, type: 'string', get description() { return l10n.t('The agent through which the request was made: an SDK or CLI version string, the console, or the calling service\'s DNS name (at most 1 KB).'); } },
  { name: 'errorCode', since: [1, 0], required: false, type: 'string', get description() { return l10n.t('The AWS service error if the request failed. Present only when the call did not succeed: the operation had no effect (for `DryRunOperationException`, the call would have succeeded but was only a dry run).'); } },
  { name: 'errorMessage', since: [1, 0], required: false, type: 'string', get description() { return l10n.t('The description of the error, when the request failed (at most 1 KB).'); } },
  { name: 'requestParameters', since: [1, 0], required: true, type: 'objectOrNull', get description() { return l10n.t('The parameters sent with the request, in camelCase, as documented for the API operation. `null` when the operation has none, and left out of records larger than 100 KB. Secrets such as plaintext and ciphertext are never logged.'); } },
  { name: 'responseElements', since: [1, 0], required: true, type: 'objectOrNull', get description() { return l10n.t('The response of an operation that changes something; `null` for read-only operations and for failed calls. Since December 2022 many KMS write operations log the key ARN here as `keyId`.'); } },
  { name: 'additionalEventData', since: [1, 0], required: false, type: 'object', get description() { return l10n.t('Extra data the service logged that is not part of the request or response, e.g. the custom key store, the Nitro enclave attestation, or the grant id of a RetireGrant.'); } },
  { name: 'requestID', since: [1, 1], required: false, type: 'string', get description() { return l10n.t('The id the service gave the request. Service events (`AwsServiceEvent`) have none.'); } },
  { name: 'eventID', since: [1, 1], required: true, type: 'string', get description() { return l10n.t('A GUID CloudTrail gives each event, unique across all events: use it to tell two events apart.'); } },
  { name: 'readOnly', since: [1, 1], required: false, type: 'boolean', get description() { return l10n.t('`true` if the operation only reads (DescribeKey, Decrypt, GenerateDataKey, ...), `false` if it can change something.'); } },
  { name: 'resources', since: [1, 1], required: false, type: 'array', get description() { return l10n.t('The resources the event was about, each `{ARN or ARNPrefix, accountId, type}`; for KMS, the key (`AWS::KMS::Key`), and for ReEncrypt both keys. `accountId` is the resource owner, or `AWS Internal` for an AWS account.'); } },
  { name: 'apiVersion', since: [1, 1], required: false, type: 'string', get description() { return l10n.t('The API version of the operation.'); } },
  { name: 'eventType', since: [1, 2], required: true, type: 'string', get description() { return l10n.t('What kind of event this is: an API call, a service event (no caller: e.g. automatic key rotation), a console action or sign-in, an Insights event, or a VPC endpoint event.'); }, values: EVENT_TYPES },
  { name: 'recipientAccountId', since: [1, 2], required: false, type: 'string', get description() { return l10n.t('The account that received this copy of the event. For a cross-account call CloudTrail delivers the event to the caller\'s account and to the key owner\'s.'); } },
  { name: 'sharedEventID', since: [1, 3], required: false, type: 'string', get description() { return l10n.t('A GUID shared by the copies of one cross-account event delivered to different accounts.'); } },
  { name: 'vpcEndpointId', since: [1, 4], required: false, type: 'string', get description() { return l10n.t('The VPC endpoint the request went through.'); } },
  { name: 'serviceEventDetails', since: [1, 5], required: false, type: 'object', get description() { return l10n.t('Details of a service event, e.g. `rotationType` and `keyId` of a `RotateKey` event.'); } },
  { name: 'managementEvent', since: [1, 6], required: false, type: 'boolean', get description() { return l10n.t('`true` for a management event (configuration and use of the key), `false` for a data event.'); } },
  { name: 'eventCategory', since: [1, 7], required: true, type: 'string', get description() { return l10n.t('The category of the event; KMS events are `Management`.'); }, values: EVENT_CATEGORIES },
  { name: 'insightDetails', since: [1, 7], required: false, type: 'object', get description() { return l10n.t('Details of a CloudTrail Insights event.'); } },
  { name: 'addendum', since: [1, 8], required: false, type: 'object', get description() { return l10n.t('Why the event was delivered late or changed after delivery: `reason` (`DELIVERY_DELAY`, `UPDATED_DATA`, `SERVICE_OUTAGE`), `updatedFields`, and the original request and event ids.'); } },
  { name: 'sessionCredentialFromConsole', since: [1, 8], required: false, type: 'string', get description() { return l10n.t('`"true"` when the call was made with credentials of a console session (absent otherwise).'); } },
  { name: 'edgeDeviceDetails', since: [1, 8], required: false, type: 'object', get description() { return l10n.t('The edge device the request was made on (S3 on Outposts).'); } },
  { name: 'tlsDetails', since: [1, 8], required: false, type: 'object', get description() { return l10n.t('The TLS version, cipher suite and host header of the request.'); } },
  { name: 'vpcEndpointAccountId', since: [1, 9], required: false, type: 'string', get description() { return l10n.t('The account that owns the VPC endpoint the request went through, or `AWS Internal`.'); } },
  { name: 'eventContext', since: [1, 11], required: false, type: 'object', get description() { return l10n.t('Request and tag context; only in CloudTrail Lake event data stores.'); } },
  { name: 'annotation', since: [1, 0], required: false, type: 'string', get description() { return l10n.t('A note attached to the event by the service.'); } },
];

export const RECORD_FIELD_BY_NAME: ReadonlyMap<string, RecordField> = new Map(RECORD_FIELDS.map((f) => [f.name, f]));

/** `"1.08"` -> [1, 8]; undefined unless it is `major.minor` digits. */
export function parseEventVersion(v: unknown): [number, number] | undefined {
  if (typeof v !== 'string') return undefined;
  // A log has a handful of distinct versions and three rules ask for each of its events.
  const hit = versionCache.get(v);
  if (hit !== undefined) return hit ?? undefined;
  const m = /^(\d+)\.(\d+)$/.exec(v);
  const parsed: [number, number] | null = m ? [Number(m[1]), Number(m[2])] : null;
  if (versionCache.size < 100) versionCache.set(v, parsed);
  return parsed ?? undefined;
}

const versionCache = new Map<string, [number, number] | null>();

/** Version a is at least version b (same major: minor >=). */
export function versionAtLeast(a: [number, number], b: [number, number]): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
}

export function formatVersion(v: [number, number]): string {
  return `${v[0]}.${String(v[1]).padStart(2, '0')}`;
}
