/**
 * Hover on a condition value: a `kms:ViaService` name (which service, which
 * Region), a grant operation, an enum value, or an ARN / account id.
 */
import { kmsAction } from '../../data/iam';
import { CONDITION_KEY_ENUMS, GRANT_OPERATIONS, KMS_ENUMS } from '../../data/kmsFacts';
import { isKnownServiceLabel, parseViaService, serviceName } from '../../data/serviceNames';
import { isKnownRegion, isPlaceholderAccount, ACCOUNT_ID } from '../../kms/identifiers';
import { conditionKeyInfo } from '../../data/iam';
import * as l10n from '@vscode/l10n';
import { nearest } from '../../text/suggest';
import { MARKDOWN } from '../describe';
import type { ConditionEntry, PolicyModel, Statement } from '../model';
import { actionDetails } from './action';
import { identifierHover } from './arn';

const code = MARKDOWN.code;

export function viaServiceHover(value: string): string {
  const v = parseViaService(value);
  const lines = [`**${code('kms:ViaService')}** ${code(value)}`, ''];
  if (!v) {
    lines.push(l10n.t('Not of the form {0}: no request matches it.', code('<service>.<region>.amazonaws.com')));
    return lines.join('\n');
  }
  const service = v.service === '*' ? l10n.t('any service') : serviceName(v.service);
  const region = v.region === '*' ? l10n.t('any Region') : code(v.region ?? '');
  lines.push(l10n.t('Requests that {0} makes to KMS on the caller\'s behalf, in {1}.', service, region), '');
  lines.push(`- ${l10n.t('Service: {0}', code(v.service))}${/[*?]/.test(v.service) ? '' : isKnownServiceLabel(v.service) ? ` · ${serviceName(v.service)}` : ` · ${l10n.t('not a service the KMS guide lists as supporting kms:ViaService')}`}`);
  lines.push(`- ${l10n.t('Region: {0}', code(v.region ?? ''))}${/[*?]/.test(v.region ?? '') ? '' : isKnownRegion(v.region ?? '') ? '' : ` · ${l10n.t('not a known Region')}`}`);
  if (v.suffix !== 'amazonaws.com') lines.push(`- ${l10n.t('Use the {0} suffix in every partition, China included.', code('.amazonaws.com'))}`);
  return lines.join('\n');
}

export function conditionValueHover(entry: ConditionEntry, value: unknown, _policy: PolicyModel, _statement: Statement): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = conditionKeyInfo(entry.key)?.key ?? entry.key;
  if (key === 'kms:ViaService') return viaServiceHover(value);
  if (key === 'kms:GrantOperations') {
    const a = (GRANT_OPERATIONS as readonly string[]).includes(value) ? kmsAction(value) : undefined;
    if (a) return [l10n.t('Grant operation {0}', code(value)), '', ...actionDetails(a)].join('\n');
    const near = nearest(value, GRANT_OPERATIONS);
    return [`**${code(value)}**`, '', l10n.t('Not a grant operation: a grant can allow only {0}.', GRANT_OPERATIONS.map(code).join(', ')), ...(near.length ? ['', l10n.t('Did you mean {0}?', near.map(code).join(', '))] : [])].join('\n');
  }
  const enumName = CONDITION_KEY_ENUMS[key];
  if (enumName) {
    const values = KMS_ENUMS[enumName] as readonly string[];
    if (values.includes(value)) return [`**${code(value)}**`, '', l10n.t('One of the {0} values of {1}.', values.length, code(key))].join('\n');
    if (/[*?]/.test(value)) return undefined;
    const near = nearest(value, values);
    return [`**${code(value)}**`, '', l10n.t('Not a value {0} can take: {1}.', code(key), values.map(code).join(', ')), ...(near.length ? ['', l10n.t('Did you mean {0}?', near.map(code).join(', '))] : [])].join('\n');
  }
  if (ACCOUNT_ID.test(value)) return [`**${l10n.t('Account')}** ${code(value)}`, '', isPlaceholderAccount(value) ? l10n.t('A documentation placeholder: replace it with your account id.') : l10n.t('A 12-digit AWS account id.')].join('\n');
  return identifierHover(value);
}
