/**
 * Hovers on CloudTrail events: every field's meaning and allowed values, the
 * KMS operation behind eventName, who the caller is, service names,
 * encryption context keys, grant operations and constraints, times in the
 * local zone and relative to now, error codes, and a one-sentence summary on
 * an event's opening brace. Only the record under the cursor is parsed into a
 * tree, so hovering in a 40 MB log stays cheap.
 */
import { findNodeAtOffset, getNodePath, getNodeValue, type Node } from 'jsonc-parser';
import { isEventLike } from '../classify';
import { KMS_ENUMS, type KmsEnumName } from '../data/kmsFacts';
import { documentOffset, recordOffset, recordTree, type DocumentModel } from '../document/model';
import type { HoverResult } from '../types';
import * as l10n from '@vscode/l10n';
import { isPlaceholderAccount, parseArn } from '../kms/identifiers';
import { contextKeyInfo } from './data/encryptionContext';
import { EXTRA_ENUMS, KMS_ERROR_CODES, KMS_OPERATION_BY_NAME, paramSpec } from './data/kmsOperations';
import { RECORD_FIELD_BY_NAME, formatVersion } from './data/recordFields';
import { describeService } from './data/services';
import { IDENTITY_TYPES, USER_IDENTITY_FIELDS, accessKeyKind } from './data/userIdentity';
import { isKmsEvent, isPlaceholder, obj, parseKeyRef, recordAt, type Obj } from './event';
import { asString } from '../jsonValues';
import { formatTime } from '../lifecycle/dates';
import { describeCaller, describeConstraints, describeGrantOperations, summarizeEvent } from './summary';

type Path = Array<string | number>;

const CONTEXT_OBJECTS = new Set(['encryptionContext', 'sourceEncryptionContext', 'destinationEncryptionContext', 'encryptionContextSubset', 'encryptionContextEquals']);
const TIME_FIELDS = new Set(['eventTime', 'creationDate']);

/** "2 hours ago", "in 3 days": the distance from now in the largest whole unit. */
export function relativeTime(ms: number, now = Date.now()): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  // Each amount is one whole message, so that Italian and Spanish word the unit too ("2 anni fa", not "2 years fa").
  const units: Array<[number, (n: number) => string]> = [
    [365 * 864e5, (n) => (n === 1 ? l10n.t('1 year') : l10n.t('{0} years', n))],
    [30 * 864e5, (n) => (n === 1 ? l10n.t('1 month') : l10n.t('{0} months', n))],
    [864e5, (n) => (n === 1 ? l10n.t('1 day') : l10n.t('{0} days', n))],
    [36e5, (n) => (n === 1 ? l10n.t('1 hour') : l10n.t('{0} hours', n))],
    [6e4, (n) => (n === 1 ? l10n.t('1 minute') : l10n.t('{0} minutes', n))],
  ];
  for (const [size, amountOf] of units) {
    if (abs >= size) {
      const amount = amountOf(Math.floor(abs / size));
      return diff < 0 ? l10n.t('{0} ago', amount) : l10n.t('in {0}', amount);
    }
  }
  return l10n.t('just now');
}

export function describeTime(value: string, now = Date.now()): string | undefined {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  // Numbers and the offset (`2026-11-30 11:05:00 UTC+1`), as everywhere else: Date's own text is English whatever the display language.
  const local = formatTime(value, 'local');
  return l10n.t('{0} UTC; your local time: {1}; {2}.', new Date(ms).toISOString().replace('.000Z', 'Z'), local, relativeTime(ms, now));
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

function enumLine(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const values = (KMS_ENUMS as Record<string, readonly string[]>)[name as KmsEnumName] ?? EXTRA_ENUMS[name];
  return values ? l10n.t('Allowed values: {0}.', values.map(code).join(', ')) : undefined;
}

function describeKeyRef(value: string): string | undefined {
  const ref = parseKeyRef(value);
  const lines: string[] = [];
  switch (ref.kind) {
    case 'keyArn':
      lines.push(l10n.t('Key {0} in account {1}, Region {2}.', code(ref.keyId ?? '?'), code(ref.account ?? '?'), code(ref.region ?? '?')));
      break;
    case 'aliasArn':
      lines.push(l10n.t('An alias ARN in account {0}, Region {1}: the event does not say which key it pointed to.', code(ref.account ?? '?'), code(ref.region ?? '?')));
      break;
    case 'alias':
      lines.push(l10n.t('An alias: the key it pointed to at the time is in `resources`.'));
      break;
    case 'keyId':
      lines.push(ref.keyId?.startsWith('mrk-') ? l10n.t('A multi-Region key id.') : l10n.t('A key id (the key is in the caller\'s account and the call\'s Region).'));
      break;
    default:
      return undefined;
  }
  if (ref.repaired) lines.push(l10n.t('Malformed: read as if the extra colon after `arn:aws:` were not there.'));
  if (isPlaceholder(value)) lines.push(l10n.t('This is a documentation placeholder, not a real key.'));
  return lines.join(' ');
}

function describeIdentity(u: Obj | undefined, e: Obj): string {
  const lines = [`**${l10n.t('Who')}**: ${describeCaller(e)}`];
  const type = asString(u?.type);
  const info = IDENTITY_TYPES.find((x) => x.name === type);
  if (info) lines.push(l10n.t('Type {0}: {1}.', code(info.name), info.description));
  const issuer = obj(obj(u?.sessionContext)?.sessionIssuer);
  const issuerArn = asString(issuer?.arn);
  if (issuerArn) lines.push(l10n.t('Session issued by {0}.', code(issuerArn)));
  const mfa = asString(obj(obj(u?.sessionContext)?.attributes)?.mfaAuthenticated);
  if (mfa) lines.push(mfa === 'true' ? l10n.t('Signed in with MFA.') : l10n.t('Not authenticated with MFA.'));
  const invokedBy = asString(u?.invokedBy);
  if (invokedBy) lines.push(l10n.t('Invoked by {0}.', describeService(invokedBy)));
  const key = asString(u?.accessKeyId);
  const kind = key ? accessKeyKind(key) : undefined;
  if (kind) lines.push(kind === 'longTerm' ? l10n.t('Long-term access key (AKIA...).') : l10n.t('Temporary credentials (ASIA...).'));
  return lines.join('\n\n');
}

function describeEventName(name: string, e: Obj): string | undefined {
  if (!isKmsEvent(e)) return undefined;
  const op = KMS_OPERATION_BY_NAME.get(name);
  if (!op) return undefined;
  const lines = [`**KMS ${op.name}**: ${op.effect}.`];
  if (op.serviceEvent) lines.push(l10n.t('Logged by KMS itself (an AWS service event): nobody called it.'));
  else if (op.iamActions.length > 0) lines.push(l10n.t('IAM action: {0}.', op.iamActions.map(code).join(l10n.t(' and '))));
  lines.push(op.readOnly ? l10n.t('Does not change the key.') : l10n.t('Can change the key or who may use it.'));
  return lines.join('\n\n');
}

/** Markdown for the node at `path` (the key when `onKey`), or undefined. */
function describe(path: Path, onKey: boolean, node: Node, e: Obj): string | undefined {
  const value: unknown = onKey ? undefined : getNodeValue(node);
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const top = path[0];

  // Top-level fields.
  if (path.length === 1 && typeof top === 'string') {
    const field = RECORD_FIELD_BY_NAME.get(top);
    if (top === 'eventName' && !onKey && typeof value === 'string') return describeEventName(value, e) ?? field?.description;
    if (top === 'userIdentity') return describeIdentity(obj(e.userIdentity), e);
    if (top === 'errorCode' && typeof value === 'string') {
      const meaning = KMS_ERROR_CODES[value];
      return meaning ? `**${value}**: ${meaning}.` : field?.description;
    }
    if (TIME_FIELDS.has(top) && typeof value === 'string') return describeTime(value) ?? field?.description;
    if ((top === 'sourceIPAddress' || top === 'userAgent') && typeof value === 'string' && !onKey) return `${field?.description ?? ''}\n\n${l10n.t('Here: {0}.', describeService(value))}`;
    if (top === 'recipientAccountId' && typeof value === 'string' && isPlaceholderAccount(value)) return `${field?.description ?? ''}\n\n${l10n.t('This is a documentation placeholder, not a real account.')}`;
    if (!field) return undefined;
    const lines = [`**${field.name}** (${l10n.t('since eventVersion {0}', formatVersion(field.since))}${field.required ? l10n.t(', always present') : ''}): ${field.description}`];
    if (field.values) lines.push(l10n.t('Allowed values: {0}.', field.values.map(code).join(', ')));
    return lines.join('\n\n');
  }

  // userIdentity and its session context.
  if (top === 'userIdentity') {
    if (last === 'type' && parent === 'userIdentity') return describeIdentity(obj(e.userIdentity), e);
    if ((last === 'invokedBy') && typeof value === 'string') return `${USER_IDENTITY_FIELDS.invokedBy}\n\n${l10n.t('Here: {0}.', describeService(value))}`;
    if (last === 'accessKeyId' && typeof value === 'string') {
      const kind = accessKeyKind(value);
      return `${USER_IDENTITY_FIELDS.accessKeyId}${kind ? `\n\n${kind === 'longTerm' ? l10n.t('This one is long-term.') : l10n.t('This one is temporary.')}` : ''}`;
    }
    if (typeof last === 'string' && TIME_FIELDS.has(last) && typeof value === 'string') return describeTime(value);
    if (typeof last === 'string' && USER_IDENTITY_FIELDS[last]) return USER_IDENTITY_FIELDS[last];
    return undefined;
  }

  // Encryption context keys and values.
  if (typeof parent === 'string' && CONTEXT_OBJECTS.has(parent) && typeof last === 'string') {
    const info = contextKeyInfo(last);
    const intro = parent === 'encryptionContextSubset'
      ? l10n.t('Grant constraint: the grant works only when the request\'s encryption context includes this pair.')
      : parent === 'encryptionContextEquals'
        ? l10n.t('Grant constraint: the grant works only when the request\'s encryption context is exactly these pairs.')
        : l10n.t('Encryption context pair: bound to the ciphertext; the same pair must be given to decrypt.');
    return info ? `**${last}** (${info.service}): ${info.meaning}.\n\n${intro}` : `${intro}\n\n${l10n.t('{0} is not a key KMS Lens knows a meaning for; it was chosen by the caller.', code(last))}`;
  }

  // Request parameters and response elements.
  if ((top === 'requestParameters' || top === 'responseElements') && path.length >= 2) {
    const name = String(path[1]);
    const op = asString(e.eventName) ?? '';
    if (name === 'operations' && top === 'requestParameters') {
      const ops = obj(e.requestParameters)?.operations;
      return `**${l10n.t('Grant operations')}**\n\n${Array.isArray(ops) ? describeGrantOperations(ops) : ''}`;
    }
    if (name === 'constraints' && path.length <= 3) {
      const words = describeConstraints(obj(obj(e.requestParameters)?.constraints));
      return `${paramSpec(op, 'constraints')?.description ?? ''}${words ? `\n\n${l10n.t('Here: {0}.', words)}` : ''}`;
    }
    if (path.length === 2 && typeof value === 'string' && /keyId$|KeyId$/.test(name)) {
      const ref = describeKeyRef(value);
      const spec = paramSpec(op, name);
      return [spec?.description, ref].filter(Boolean).join('\n\n') || undefined;
    }
    if (path.length === 2) {
      const spec = paramSpec(op, name);
      if (!spec) return undefined;
      const lines = [`**${name}**: ${spec.description}`];
      const values = enumLine(spec.enum);
      if (values) lines.push(values);
      if (spec.min !== undefined && spec.max !== undefined && spec.type === 'number') lines.push(l10n.t('From {0} to {1}.', String(spec.min), String(spec.max)));
      return lines.join('\n\n');
    }
    return undefined;
  }

  // Resources.
  if (top === 'resources') {
    if (last === 'ARN' && typeof value === 'string') return describeKeyRef(value) ?? RECORD_FIELD_BY_NAME.get('resources')?.description;
    if (last === 'accountId' && value === 'AWS Internal') return l10n.t('`AWS Internal`: CloudTrail does not name the account here (an AWS-owned account, in events made by AWS services).');
    return RECORD_FIELD_BY_NAME.get('resources')?.description;
  }

  if (typeof value === 'string' && value.startsWith('arn:')) {
    const arn = parseArn(value);
    return arn ? l10n.t('ARN: service {0}, Region {1}, account {2}, resource {3}.', code(arn.service.value), code(arn.region.value || '-'), code(arn.account.value || '-'), code(arn.resource.value)) : undefined;
  }
  return undefined;
}

export const cloudTrailHover = (model: DocumentModel, offset: number): HoverResult | undefined => {
  if (model.kind !== 'cloudTrail') return undefined;
  const record = recordAt(model, offset);
  if (!record || !isEventLike(record.value)) return undefined;
  const e = record.value as Obj;
  // On the opening brace: what the whole event means.
  if (offset === record.start) return { markdown: summarizeEvent(e), start: record.start, end: record.start + 1 };
  const tree = recordTree(model, record);
  const local = recordOffset(record, offset);
  if (!tree || local === undefined) return undefined;
  // An event in a string (lookup-events output): its own opening brace says what it means too.
  if (record.inString && local === tree.offset) return { markdown: summarizeEvent(e), start: offset, end: documentOffset(record, local + 1) };
  const node = findNodeAtOffset(tree, local, true);
  if (!node || node === tree) return undefined;
  const onKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  const target = node.type === 'property' ? node.children?.[0] ?? node : node;
  const path = getNodePath(target);
  const markdown = describe(path, onKey || node.type === 'property', target, e);
  if (!markdown) return undefined;
  return { markdown, start: documentOffset(record, target.offset), end: documentOffset(record, target.offset + target.length) };
};
