/**
 * One sentence that says what a CloudTrail event means, for the hover on its
 * opening brace: who asked KMS to do what to which key, within which limits,
 * and whether it happened.
 */
import * as l10n from '@vscode/l10n';
import { contextKeyInfo } from './data/encryptionContext';
import { KMS_ERROR_CODES, KMS_OPERATION_BY_NAME } from './data/kmsOperations';
import { describeService, parseServiceName } from './data/services';
import { errorCodeOf, isDryRun, isFailedCall, isKmsEvent, keyMentions, obj, type Obj } from './event';
import { asString } from '../jsonValues';
import { parseArn, repairShiftedArn } from '../kms/identifiers';
import { formatTime } from '../lifecycle/dates';
import { display } from '../text/display';
import { capitalized } from '../text/capitalized';

/** `...11111`: enough of a key id to tell keys apart in a sentence. */
export function shortKey(id: string): string {
  return id.length > 8 ? `...${id.slice(-5)}` : id;
}

function serviceShort(s: string): string {
  const p = parseServiceName(s);
  return p ? (p.region ? `${p.id}.${p.region}` : p.id) : s;
}

/** Who made the call, in a few words. */
export function describeCaller(e: Obj): string {
  const u = obj(e.userIdentity);
  if (!u) return l10n.t('Someone');
  const invokedBy = asString(u.invokedBy);
  const type = asString(u.type);
  const arn = asString(u.arn);
  const parsed = arn ? parseArn(repairShiftedArn(arn) ?? arn) : undefined;
  let who: string;
  switch (type) {
    case 'AWSService':
      return invokedBy && invokedBy !== 'AWS Internal' ? capitalized(serviceLabel(invokedBy)) : l10n.t('An AWS service');
    case 'Root':
      who = l10n.t('The root user of account {0}', asString(u.accountId) ?? '?');
      break;
    case 'IAMUser':
      who = l10n.t('IAM user {0}', asString(u.userName) ?? parsed?.resourceId ?? '?');
      break;
    case 'AssumedRole': {
      const [role, session] = (parsed?.resourceId ?? '').split('/');
      who = session ? l10n.t('Role {0} (session {1})', role, session) : l10n.t('A role session');
      break;
    }
    case undefined:
      if (invokedBy === 'AWS Internal' || e.eventType === 'AwsServiceEvent') return l10n.t('AWS');
      who = l10n.t('Someone');
      break;
    default:
      who = arn ?? type;
  }
  return invokedBy && invokedBy !== 'AWS Internal' ? l10n.t('{0}, through {1},', who, serviceLabel(invokedBy)) : who;
}

function serviceLabel(name: string): string {
  const p = parseServiceName(name);
  if (p?.id === 'fargate') return 'Fargate';
  if (p?.id === 'deadline') return 'Deadline Cloud';
  if (p?.id === 'ec2-frontend-api') return l10n.t('the EC2 front end');
  return describeService(name);
}

function list(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} ${l10n.t('and')} ${xs[xs.length - 1]}`;
}

/** A grant constraint in words: "limited to cluster X", "limited to farm Y", or the context pairs. */
export function describeConstraints(c: Obj | undefined): string | undefined {
  if (!c) return undefined;
  const subset = obj(c.encryptionContextSubset);
  const equals = obj(c.encryptionContextEquals);
  const ctx = subset ?? equals;
  const parts: string[] = [];
  if (ctx) {
    const cluster = asString(ctx['aws:ecs:clusterName']);
    const farm = asString(ctx['aws:deadline:farmId']);
    const volume = asString(ctx['aws:ebs:id']);
    if (cluster) parts.push(l10n.t('cluster {0}', cluster));
    if (farm) parts.push(l10n.t('farm {0}', farm));
    if (volume) parts.push(l10n.t('volume {0}', volume));
    if (parts.length === 0) parts.push(Object.entries(ctx).map(([k, v]) => `${k}=${display(v)}`).join(', '));
  }
  const source = asString(c.sourceArn);
  if (source) parts.push(l10n.t('requests from {0}', source));
  if (parts.length === 0) return undefined;
  const how = equals && !subset ? l10n.t('exactly to') : l10n.t('to');
  return l10n.t('limited {0} {1}', how, list(parts));
}

/** The one-sentence summary of an event. */
export function summarizeEvent(e: Obj): string {
  const who = describeCaller(e);
  const name = asString(e.eventName) ?? '?';
  const rp = obj(e.requestParameters);
  const keys = keyMentions(e);
  const key = [...keys.request, ...keys.resources, ...keys.response].find((k) => k.ref.keyId)?.ref.keyId;
  const alias = keys.request.find((k) => k.ref.kind === 'alias' || k.ref.kind === 'aliasArn')?.value;
  const keyWords = key ? l10n.t('key {0}', shortKey(key)) : alias ? l10n.t('the key behind {0}', alias) : l10n.t('a KMS key');
  let what: string;
  if (!isKmsEvent(e)) {
    what = l10n.t('{0} called {1} on {2}.', who, name, display(e.eventSource ?? '?'));
  } else {
    switch (name) {
      case 'CreateGrant': {
        const grantee = asString(rp?.granteePrincipal) ?? asString(rp?.granteeServicePrincipal) ?? '?';
        const ops = Array.isArray(rp?.operations) ? (rp!.operations as unknown[]).map((o) => display(o)) : [];
        const limit = describeConstraints(obj(rp?.constraints));
        what = l10n.t('{0} asked KMS to create a grant letting {1} use {2} to {3}', who, serviceShort(grantee), keyWords, ops.length > 0 ? list(ops) : l10n.t('(operations not logged)')) + (limit ? `, ${limit}` : '') + '.';
        break;
      }
      case 'RetireGrant':
      case 'RevokeGrant': {
        const grantId = asString(rp?.grantId) ?? asString(obj(e.additionalEventData)?.grantId);
        what = l10n.t('{0} asked KMS to {1} grant {2} on {3}.', who, name === 'RetireGrant' ? l10n.t('retire') : l10n.t('revoke'), grantId ? shortKey(grantId) : '?', keyWords);
        break;
      }
      case 'ScheduleKeyDeletion':
        what = l10n.t('{0} asked KMS to delete {1} in {2} days.', who, keyWords, display(rp?.pendingWindowInDays ?? 30));
        break;
      default: {
        const op = KMS_OPERATION_BY_NAME.get(name);
        what = op?.serviceEvent
          ? l10n.t('KMS logged {0} for {1}: {2}.', name, keyWords, op.effect)
          : op
            ? l10n.t('{0} called KMS {1} on {2}, which {3}.', who, name, keyWords, op.effect)
            : l10n.t('{0} called KMS {1} on {2}.', who, name, keyWords);
      }
    }
  }
  const caller = asString(obj(e.userIdentity)?.accountId);
  const owner = [...keys.request, ...keys.resources].find((k) => k.ref.account)?.ref.account;
  if (caller && owner && /^\d{12}$/.test(caller) && /^\d{12}$/.test(owner) && caller !== owner) what += ' ' + l10n.t('Cross-account: the key belongs to {0}, the caller to {1}.', owner, caller);
  if (isDryRun(e)) return `${what} ${l10n.t('Dry run: nothing happened.')}`;
  if (isFailedCall(e)) {
    const code = errorCodeOf(e)!;
    const meaning = KMS_ERROR_CODES[code];
    return `${what} ${l10n.t('It failed ({0}){1}: nothing happened.', code, meaning ? ` - ${meaning}` : '')}`;
  }
  const time = asString(e.eventTime);
  if (time) return `${what} ${l10n.t('At {0}.', formatTime(time))}`;
  return what;
}

/** How a grant's operations read in words (for the hover on `operations`). */
export function describeGrantOperations(ops: readonly unknown[]): string {
  return ops.map((o) => {
    const op = KMS_OPERATION_BY_NAME.get(display(o));
    return op ? `- \`${display(o)}\`: ${op.effect}` : `- \`${display(o)}\`: ${l10n.t('not a grant operation')}`;
  }).join('\n');
}

export function contextKeyLine(key: string): string | undefined {
  const info = contextKeyInfo(key);
  return info ? l10n.t('{0}: {1}.', info.service, info.meaning) : undefined;
}
