/**
 * One condition entry in words: "called through Deadline Cloud in us-west-2",
 * "the caller is in account 111122223333", "the key spec is SYMMETRIC_DEFAULT".
 * Keys KMS policies use often get their own wording; any other key falls back
 * to "<key> is <values>" with the operator's meaning.
 */
import { parseOperator, type ConditionOperatorInfo, type ParsedOperator } from '../data/conditionOperators';
import { parseViaService, serviceName } from '../data/serviceNames';
import * as l10n from '@vscode/l10n';
import { joinNor, joinOr, limited, PLAIN, type Style } from './describe';
import type { ConditionEntry } from './model';
import { display } from '../text/display';

function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'null';
  return display(v);
}

/** The subject noun for keys whose values read well after "is" (thunks: worded when used, in the language l10n is set to then). */
const SUBJECTS: Readonly<Record<string, () => string>> = {
  'kms:calleraccount': () => l10n.t('the caller\'s account'),
  'aws:principalaccount': () => l10n.t('the caller\'s account'),
  'aws:principalarn': () => l10n.t('the caller\'s ARN'),
  'aws:principalorgid': () => l10n.t('the caller\'s organization'),
  'aws:principalorgpaths': () => l10n.t('the caller\'s organization path'),
  'aws:principaltype': () => l10n.t('the caller\'s principal type'),
  'aws:requestedregion': () => l10n.t('the requested Region'),
  'aws:sourcevpc': () => l10n.t('the source VPC'),
  'aws:sourcevpce': () => l10n.t('the VPC endpoint'),
  'aws:sourceaccount': () => l10n.t('the source account'),
  'aws:sourcearn': () => l10n.t('the source ARN'),
  'aws:sourceip': () => l10n.t('the source IP address'),
  'aws:userid': () => l10n.t('the caller\'s user id'),
  'aws:username': () => l10n.t('the caller\'s user name'),
  'aws:currenttime': () => l10n.t('the request time'),
  'kms:keyspec': () => l10n.t('the key spec'),
  'kms:keyusage': () => l10n.t('the key usage'),
  'kms:keyorigin': () => l10n.t('the key origin'),
  'kms:encryptionalgorithm': () => l10n.t('the encryption algorithm'),
  'kms:signingalgorithm': () => l10n.t('the signing algorithm'),
  'kms:macalgorithm': () => l10n.t('the MAC algorithm'),
  'kms:messagetype': () => l10n.t('the message type'),
  'kms:datakeypairspec': () => l10n.t('the data key pair spec'),
  'kms:wrappingalgorithm': () => l10n.t('the wrapping algorithm'),
  'kms:wrappingkeyspec': () => l10n.t('the wrapping key spec'),
  'kms:expirationmodel': () => l10n.t('the expiration model'),
  'kms:keyagreementalgorithm': () => l10n.t('the key agreement algorithm'),
  'kms:grantconstrainttype': () => l10n.t('the grant constraint type'),
  'kms:multiregionkeytype': () => l10n.t('the multi-Region key type'),
  'kms:requestalias': () => l10n.t('the alias in the request'),
  'kms:replicaregion': () => l10n.t('the replica Region'),
  'kms:primaryregion': () => l10n.t('the new primary Region'),
  'kms:rotationperiodindays': () => l10n.t('the rotation period (days)'),
  'kms:schedulekeydeletionpendingwindowindays': () => l10n.t('the deletion waiting period (days)'),
  'kms:trailingdayswithoutkeyusage': () => l10n.t('the number of days since the key was last used'),
  'kms:granteeprincipal': () => l10n.t('the grantee principal'),
  'kms:granteeserviceprincipal': () => l10n.t('the grantee service principal'),
  'kms:retiringprincipal': () => l10n.t('the retiring principal'),
  'kms:retiringserviceprincipal': () => l10n.t('the retiring service principal'),
  'kms:grantconstraintsourcearn': () => l10n.t('the grant\'s source ARN constraint'),
  'kms:validto': () => l10n.t('the key material expiry'),
};

/** Subject words for keys with a variable part (tags, encryption context). */
function subjectOf(key: string, style: Style): string {
  const lower = key.toLowerCase();
  const fixed = SUBJECTS[lower];
  if (fixed) return fixed();
  let m = /^kms:encryptioncontext:(.+)$/i.exec(key);
  if (m) return l10n.t('encryption context {0}', style.code(m[1]));
  m = /^aws:resourcetag\/(.+)$/i.exec(key);
  if (m) return l10n.t('the key\'s tag {0}', style.code(m[1]));
  m = /^aws:requesttag\/(.+)$/i.exec(key);
  if (m) return l10n.t('the request\'s tag {0}', style.code(m[1]));
  m = /^aws:principaltag\/(.+)$/i.exec(key);
  if (m) return l10n.t('the caller\'s tag {0}', style.code(m[1]));
  if (lower === 'kms:encryptioncontextkeys') return l10n.t('the encryption context keys');
  if (lower === 'kms:grantoperations') return l10n.t('the grant operations');
  if (lower === 'kms:resourcealiases') return l10n.t('the key\'s aliases');
  if (lower === 'aws:tagkeys') return l10n.t('the request\'s tag keys');
  return style.code(key);
}

/** "is X", "is X or Y", "is not X", "matches X", "is less than 30"... for one (non-set) operator. */
function predicate(info: ConditionOperatorInfo | undefined, values: string[], style: Style): string {
  const shown = limited(values.map(style.code), 5);
  const any = joinOr(shown);
  const none = joinNor(shown);
  if (!info) return l10n.t('is {0}', any);
  const wild = values.some((v) => /[*?]/.test(v));
  switch (info.family) {
    case 'String':
    case 'Arn': {
      const like = info.wildcards && (info.family === 'String' || wild);
      const ignoreCase = /IgnoreCase$/.test(info.name) ? l10n.t(' (ignoring case)') : '';
      if (info.negated) {
        if (values.length === 1) return (like ? l10n.t('does not match {0}', any) : l10n.t('is not {0}', any)) + ignoreCase;
        return (like ? l10n.t('matches {0}', none) : l10n.t('is {0}', none)) + ignoreCase;
      }
      return (like ? l10n.t('matches {0}', any) : l10n.t('is {0}', any)) + ignoreCase;
    }
    case 'Numeric':
    case 'Date': {
      const date = info.family === 'Date';
      switch (info.name.replace(/^(Numeric|Date)/, '')) {
        case 'Equals': return l10n.t('is {0}', any);
        case 'NotEquals': return values.length === 1 ? l10n.t('is not {0}', any) : l10n.t('is {0}', none);
        case 'LessThan': return date ? l10n.t('is before {0}', any) : l10n.t('is less than {0}', any);
        case 'LessThanEquals': return date ? l10n.t('is at or before {0}', any) : l10n.t('is at most {0}', any);
        case 'GreaterThan': return date ? l10n.t('is after {0}', any) : l10n.t('is more than {0}', any);
        case 'GreaterThanEquals': return date ? l10n.t('is at or after {0}', any) : l10n.t('is at least {0}', any);
      }
      return l10n.t('is {0}', any);
    }
    case 'Bool':
      return l10n.t('is {0}', any);
    case 'IpAddress':
      if (!info.negated) return l10n.t('is in {0}', any);
      return values.length === 1 ? l10n.t('is not in {0}', any) : l10n.t('is in {0}', none);
    case 'Binary':
      return l10n.t('is {0}', any);
    case 'Null':
      return '';
  }
}

/** `deadline.us-west-2.amazonaws.com` -> "Deadline Cloud in us-west-2"; grouped by Region when several share one. */
function viaServiceList(values: string[], style: Style): string {
  const parsed = values.map((v) => ({ v, p: parseViaService(v) }));
  if (parsed.some((x) => !x.p)) return joinOr(limited(values.map(style.code), 5));
  const regions = [...new Set(parsed.map((x) => x.p?.region ?? ''))];
  const where = (r: string): string => (r === '*' ? l10n.t('any Region') : style.code(r));
  const name = (s: string): string => (s === '*' ? l10n.t('any service') : serviceName(s));
  if (regions.length === 1) return l10n.t('{0} in {1}', joinOr(limited([...new Set(parsed.map((x) => name(x.p?.service ?? '')))], 5)), where(regions[0]));
  return joinOr(limited(parsed.map((x) => l10n.t('{0} in {1}', name(x.p?.service ?? ''), where(x.p?.region ?? ''))), 5));
}

function isTrue(values: string[]): boolean | undefined {
  if (values.length !== 1) return undefined;
  const v = values[0].toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

/** A clause for one condition entry (or the operator, key and values of one, as the access evaluator reports them), without "when". */
export function conditionPhrase(entry: Pick<ConditionEntry, 'operator' | 'key'> & { values: ReadonlyArray<{ value: unknown }> }, style: Style = PLAIN): string {
  const op: ParsedOperator = parseOperator(entry.operator);
  const info = op.base;
  const values = entry.values.map((v) => valueText(v.value));
  const key = entry.key;
  const lower = key.toLowerCase();
  const negated = info?.negated === true;
  // A negated operator already matches when the key is absent; IfExists only changes the positive ones.
  const absentToo = op.ifExists && !negated ? l10n.t(' (or when the request has no {0})', style.code(key)) : '';

  if (info?.family === 'Null') {
    const absent = isTrue(values);
    if (absent === true) return l10n.t('{0} is absent', subjectOf(key, style));
    if (absent === false) return l10n.t('{0} is present', subjectOf(key, style));
  }

  if (!op.set) {
    if (lower === 'kms:viaservice' && info?.family === 'String') {
      const list = viaServiceList(values, style);
      return (negated ? l10n.t('not called through {0}', list) : l10n.t('called through {0}', list)) + absentToo;
    }
    if (lower === 'kms:grantisforawsresource' && info?.family === 'Bool') {
      const v = isTrue(values);
      if (v === true) return l10n.t('an AWS service integrated with KMS makes the call on the caller\'s behalf') + absentToo;
      if (v === false) return l10n.t('no AWS service makes the call on the caller\'s behalf') + absentToo;
    }
    if (lower === 'aws:securetransport' && info?.family === 'Bool') {
      const v = isTrue(values);
      if (v !== undefined) return (v ? l10n.t('the request uses TLS') : l10n.t('the request does not use TLS')) + absentToo;
    }
    if (lower === 'kms:multiregion' && info?.family === 'Bool') {
      const v = isTrue(values);
      if (v !== undefined) return (v ? l10n.t('the key is multi-Region') : l10n.t('the key is single-Region')) + absentToo;
    }
    if (lower === 'aws:viaawsservice' && info?.family === 'Bool') {
      const v = isTrue(values);
      if (v !== undefined) return (v ? l10n.t('an AWS service makes the request on the caller\'s behalf') : l10n.t('the caller makes the request directly, not through an AWS service')) + absentToo;
    }
    if (lower === 'kms:bypasspolicylockoutsafetycheck' && info?.family === 'Bool') {
      const v = isTrue(values);
      if (v !== undefined) return (v ? l10n.t('the request bypasses the policy lockout safety check') : l10n.t('the request keeps the policy lockout safety check')) + absentToo;
    }
    if (lower === 'kms:reencryptonsamekey' && info?.family === 'Bool') {
      const v = isTrue(values);
      if (v !== undefined) return (v ? l10n.t('the data is re-encrypted under the same key') : l10n.t('the data is re-encrypted under a different key')) + absentToo;
    }
  }

  const subject = subjectOf(key, style);
  const shown = limited(values.map(style.code), 5);
  const like = info?.wildcards === true && values.some((v) => /[*?]/.test(v));
  if (op.set === 'ForAllValues') {
    if (lower === 'kms:grantoperations' && !negated && !like) return l10n.t('the grant allows only {0}', joinOr(shown));
    if (negated) return like ? l10n.t('none of {0} matches {1}', subject, joinOr(shown)) : l10n.t('none of {0} is {1}', subject, joinOr(shown));
    return (like ? l10n.t('every one of {0} matches {1}', subject, joinOr(shown)) : l10n.t('every one of {0} is {1}', subject, joinOr(shown))) + l10n.t(' (or there are none)');
  }
  if (op.set === 'ForAnyValue') {
    if (lower === 'kms:grantoperations' && !negated && !like) return l10n.t('the grant allows {0}', joinOr(shown));
    if (negated) return like ? l10n.t('at least one of {0} does not match {1}', subject, joinOr(shown)) : l10n.t('at least one of {0} is not {1}', subject, joinOr(shown));
    return like ? l10n.t('{0} include one matching {1}', subject, joinOr(shown)) : l10n.t('{0} include {1}', subject, joinOr(shown));
  }
  return l10n.t('{0} {1}', subject, predicate(info, values, style)) + absentToo;
}
