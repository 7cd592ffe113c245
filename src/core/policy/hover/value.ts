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
import { MARKDOWN, unknownPhrase } from '../describe';
import type { ConditionEntry, PolicyModel, Statement } from '../model';
import { actionDetails } from './action';
import { identifierHover } from './arn';
import { valueOfText, type PolicyValue } from '../value';

const code = MARKDOWN.code;

export function viaServiceHover(written: string | PolicyValue): string {
  const parts = typeof written === 'string' ? valueOfText(written) : written;
  const value = parts.written;
  const lines = [`**${code('kms:ViaService')}** ${code(value)}`, ''];
  const whole = parts.whollyUnknown;
  if (whole) {
    lines.push(`${l10n.t('A service endpoint name such as {0}, not known yet', code('ec2.us-west-2.amazonaws.com'))}: ${unknownPhrase(whole)}.`);
    return lines.join('\n');
  }
  // The form, over the shape: a label may be a placeholder (one character there, read like a wildcard).
  const form = parseViaService(parts.shape.replace(/\uE000/g, '*'));
  const dot = parts.shape.indexOf('.');
  const v = form ? { service: parts.shape.slice(0, dot), region: parts.shape.slice(dot + 1, dot + 1 + (form.region ?? '').length), suffix: form.suffix } : undefined;
  if (!v) {
    lines.push(parts.known
      ? l10n.t('Not of the form {0}: no request matches it.', code('<service>.<region>.amazonaws.com'))
      : l10n.t('Meant to be of the form {0} once its placeholders are filled in.', code('<service>.<region>.amazonaws.com')));
    return lines.join('\n');
  }
  const serviceText = parts.show(0, v.service.length);
  const regionText = parts.show(v.service.length + 1, v.service.length + 1 + v.region.length);
  const serviceUnknown = parts.unknownsIn(0, v.service.length)[0];
  const regionUnknown = parts.unknownsIn(v.service.length + 1, v.service.length + 1 + v.region.length)[0];
  const service = v.service === '*' ? l10n.t('any service') : serviceUnknown ? code(serviceText) : serviceName(v.service);
  const region = v.region === '*' ? l10n.t('any Region') : code(regionText);
  lines.push(l10n.t('Requests that {0} makes to KMS on the caller\'s behalf, in {1}.', service, region), '');
  const serviceNote = serviceUnknown ? ` · ${unknownPhrase(serviceUnknown)}` : /[*?]/.test(v.service) ? '' : isKnownServiceLabel(v.service) ? ` · ${serviceName(v.service)}` : ` · ${l10n.t('not a service the KMS guide lists as supporting kms:ViaService')}`;
  const regionNote = regionUnknown ? ` · ${unknownPhrase(regionUnknown)}` : /[*?]/.test(v.region) || isKnownRegion(v.region) ? '' : ` · ${l10n.t('not a known Region')}`;
  lines.push(`- ${l10n.t('Service: {0}', code(serviceText))}${serviceNote}`);
  lines.push(`- ${l10n.t('Region: {0}', code(regionText))}${regionNote}`);
  if (v.suffix !== 'amazonaws.com') lines.push(`- ${l10n.t('Use the {0} suffix in every partition, China included.', code('.amazonaws.com'))}`);
  return lines.join('\n');
}

export function conditionValueHover(entry: ConditionEntry, value: unknown, _policy: PolicyModel, _statement: Statement, parts?: PolicyValue): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = conditionKeyInfo(entry.key)?.key ?? entry.key;
  if (key === 'kms:ViaService') return viaServiceHover(parts ?? value);
  // A placeholder, a template variable or a CloudFormation function: say what fills it in, and what it must be.
  if (parts && !parts.known) return identifierHover(parts) ?? [`**${code(parts.written)}**`, '', l10n.t('KMS Lens checks the text around its placeholders; it cannot check what they will become.')].join('\n');
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
