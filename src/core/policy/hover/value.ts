/**
 * Hover on a condition value: a `kms:ViaService` name (which service, which
 * Region), a grant operation, an enum value, or an ARN / account id.
 */
import { kmsAction } from '../../data/iam';
import { CONDITION_KEY_ENUMS, GRANT_OPERATIONS, KMS_ENUMS } from '../../data/kmsFacts';
import { isKnownServiceLabel, parseViaService, serviceName } from '../../data/serviceNames';
import { isKnownRegion, isPlaceholderAccount, ACCOUNT_ID } from '../../kms/identifiers';
import { conditionKeyInfo } from '../../data/iam';
import { t } from '../../l10n';
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
    lines.push(t('Not of the form {0}: no request matches it.', code('<service>.<region>.amazonaws.com')));
    return lines.join('\n');
  }
  const service = v.service === '*' ? t('any service') : serviceName(v.service);
  const region = v.region === '*' ? t('any Region') : code(v.region ?? '');
  lines.push(t('Requests that {0} makes to KMS on the caller\'s behalf, in {1}.', service, region), '');
  lines.push(`- ${t('Service: {0}', code(v.service))}${/[*?]/.test(v.service) ? '' : isKnownServiceLabel(v.service) ? ` · ${serviceName(v.service)}` : ` · ${t('not a service the KMS guide lists as supporting kms:ViaService')}`}`);
  lines.push(`- ${t('Region: {0}', code(v.region ?? ''))}${/[*?]/.test(v.region ?? '') ? '' : isKnownRegion(v.region ?? '') ? '' : ` · ${t('not a known Region')}`}`);
  if (v.suffix !== 'amazonaws.com') lines.push(`- ${t('Use the {0} suffix in every partition, China included.', code('.amazonaws.com'))}`);
  return lines.join('\n');
}

export function conditionValueHover(entry: ConditionEntry, value: unknown, _policy: PolicyModel, _statement: Statement): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = conditionKeyInfo(entry.key)?.key ?? entry.key;
  if (key === 'kms:ViaService') return viaServiceHover(value);
  if (key === 'kms:GrantOperations') {
    const a = (GRANT_OPERATIONS as readonly string[]).includes(value) ? kmsAction(value) : undefined;
    if (a) return [t('Grant operation {0}', code(value)), '', ...actionDetails(a)].join('\n');
    const near = nearest(value, GRANT_OPERATIONS);
    return [`**${code(value)}**`, '', t('Not a grant operation: a grant can allow only {0}.', GRANT_OPERATIONS.map(code).join(', ')), ...(near.length ? ['', t('Did you mean {0}?', near.map(code).join(', '))] : [])].join('\n');
  }
  const enumName = CONDITION_KEY_ENUMS[key];
  if (enumName) {
    const values = KMS_ENUMS[enumName] as readonly string[];
    if (values.includes(value)) return [`**${code(value)}**`, '', t('One of the {0} values of {1}.', values.length, code(key))].join('\n');
    if (/[*?]/.test(value)) return undefined;
    const near = nearest(value, values);
    return [`**${code(value)}**`, '', t('Not a value {0} can take: {1}.', code(key), values.map(code).join(', ')), ...(near.length ? ['', t('Did you mean {0}?', near.map(code).join(', '))] : [])].join('\n');
  }
  if (ACCOUNT_ID.test(value)) return [`**${t('Account')}** ${code(value)}`, '', isPlaceholderAccount(value) ? t('A documentation placeholder: replace it with your account id.') : t('A 12-digit AWS account id.')].join('\n');
  return identifierHover(value);
}
