import type { Node } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import type { Fix } from '../../types';
import { replaceNode } from '../edits';
import { EVERY_POLICY } from '../facts';
import { normalized } from '../normalize';
import { statementFix, valueReach } from '../fixSafety';
import type { OperatorFamily } from '../operators';
import { display } from '../../text/display';
import { ACCOUNT_ID, isPlaceholderAccount } from '../../kms/identifiers';

const BOOLEAN = /^(true|false)$/i;
const NUMBER = /^-?\d+(\.\d+)?$/;
// ISO 8601 date or date-time (what IAM accepts for Date operators), or epoch seconds.
const DATE = /^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?|\d{1,12})$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/;
const IPV6 = /^[0-9a-fA-F:]+(\/\d{1,3})?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Keys whose value is one AWS account id, which is always 12 digits [IAM global condition keys; KMS
 * kms:CallerAccount]. A string operator compares it as text, so "123455667" (a digit lost) or an account
 * name never matches: an Allow with it never applies, a Deny with a negated operator applies to every account.
 */
const ACCOUNT_KEYS = new Set(['kms:calleraccount', 'aws:sourceaccount', 'aws:principalaccount', 'aws:resourceaccount']);

/**
 * A value an account key can hold, or one KMS Lens leaves alone: 12 digits, a pattern (`*` and `?`: the Like
 * operators' wildcards; under StringEquals policy-literal-wildcard reports them), and any value with letters
 * (`TARGET_ACCOUNT`, `AccountNumber`: sample policies write such placeholders). Only digits that are not an
 * account id are reported: one lost or added (`123455667`), or the console's hyphens (`1234-5678-9012`).
 */
function validAccount(value: unknown): boolean {
  const s = display(value);
  return ACCOUNT_ID.test(s) || isPlaceholderAccount(s) || !/^[\d\s-]*\d[\d\s-]*$/.test(s);
}

/** The values people write for a boolean, and the boolean they mean. */
const MEANT_BOOLEAN: Readonly<Record<string, string>> = { yes: 'true', no: 'false', '1': 'true', '0': 'false', on: 'true', off: 'false', y: 'true', n: 'false' };

function validIp(v: string): boolean {
  const m = IPV4.exec(v);
  if (m) return [m[1], m[2], m[3], m[4]].every((x) => Number(x) <= 255) && (m[6] === undefined || Number(m[6]) <= 32);
  return v.includes(':') && IPV6.test(v);
}

function expected(family: OperatorFamily): string {
  switch (family) {
    case 'Bool': case 'Null': return l10n.t('true or false');
    case 'Numeric': return l10n.t('a number');
    case 'Date': return l10n.t('a date such as 2026-01-31T00:00:00Z');
    case 'IpAddress': return l10n.t('an IP address or CIDR range such as 203.0.113.0/24');
    case 'Arn': return l10n.t('an ARN');
    case 'Binary': return l10n.t('base64-encoded bytes');
    case 'String': return l10n.t('a 12-digit account id');
    default: return l10n.t('a string');
  }
}

function valid(family: OperatorFamily, value: unknown): boolean {
  const s = display(value);
  switch (family) {
    case 'Bool': case 'Null': return typeof value === 'boolean' || BOOLEAN.test(s);
    case 'Numeric': return typeof value === 'number' || NUMBER.test(s);
    case 'Date': return typeof value === 'number' || DATE.test(s);
    case 'IpAddress': return typeof value === 'string' && validIp(s);
    case 'Arn': return typeof value === 'string' && (s.startsWith('arn:') || /^[*?]+$/.test(s));
    case 'Binary': return typeof value === 'string' && BASE64.test(s);
    default: return true;
  }
}

export const conditionValueType: PolicyRule = {
  id: 'policy-condition-value-type',
  defaultSeverity: 'error',
  title: 'Condition value that the operator or key cannot match',
  category: 'ineffective',
  fixable: ['widens', 'narrows', 'review'],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'A value that the comparison can never accept: `"yes"` for a `Bool` condition or for a Bool key such as `kms:GrantIsForAWSResource` (only `true`/`false` match), text for a `Numeric` operator, something that is not a date for a `Date` operator, not an IP range for `IpAddress`, not an ARN for `ArnLike`, not a 12-digit account id for `kms:CallerAccount`, `aws:SourceAccount`, `aws:PrincipalAccount` or `aws:ResourceAccount` (`"123455667"` has lost digits, `"1234-5678-9012"` has the hyphens the console shows). The condition then never matches as intended.',
    example: '"Condition": { "Bool": { "kms:GrantIsForAWSResource": "yes" } }',
    remedy: 'Write a value of the right type (quick fix for yes/no, 1/0 and on/off in boolean conditions: `"true"`/`"false"`).',
    sources: [SOURCES.iamConditionOperators, SOURCES.iamGlobalKeys],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        if (!c.op.valid || !c.op.family) continue;
        // A Bool key compared with a String operator still only ever holds true or false.
        const keyIsBool = c.key?.type.replace(/^ArrayOf/, '') === 'Bool';
        const family: OperatorFamily = c.op.family === 'String' && keyIsBool ? 'Bool' : c.op.family;
        // Strings are checked only where the key says what they are: account ids.
        if (family === 'String' && !ACCOUNT_KEYS.has(c.entry.key.toLowerCase())) continue;
        for (const v of c.entry.values) {
          // A placeholder, a template variable, a CloudFormation function or a policy variable may become any value.
          if (v.parts && !v.parts.known) continue;
          if (v.value === undefined || v.value === null) continue;
          if (family === 'String' ? validAccount(v.value) : valid(family, v.value)) continue;
          const node: Node = v.node;
          const meant = (family === 'Bool' || family === 'Null') ? MEANT_BOOLEAN[String(v.value).toLowerCase()] : undefined;
          // The value matches nothing today; the boolean meant makes the condition true for some requests.
          const fixes: Fix[] = meant ? [statementFix(policy, s.statement, l10n.t('Change to "{0}"', meant), [replaceNode(node, JSON.stringify(meant))], valueReach(c.op))] : [];
          report({
            start: node.offset,
            end: node.offset + node.length,
            message: l10n.t('{0} with {1} expects {2}; {3} never matches.', c.entry.operator, c.entry.key, expected(family), JSON.stringify(v.value)),
            fixes,
          });
        }
      }
    }
  },
};
