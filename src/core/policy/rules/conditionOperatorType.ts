import type { ConditionKeyType } from '../../data/iam';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { PolicyRule } from '../../rules/rule';
import { EVERY_POLICY } from '../facts';
import { normalized } from '../normalize';
import type { OperatorFamily } from '../operators';

const NUMERIC_DATE_KEYS: ReadonlySet<string> = new Set(['aws:epochtime', 'kms:validto']);

/** The operator families that compare a key of each type meaningfully (Null works with every key). */
function fits(type: ConditionKeyType, family: OperatorFamily, key: string): boolean {
  if (family === 'Null') return true;
  const base = type.replace(/^ArrayOf/, '');
  switch (base) {
    case 'String': return family === 'String' || family === 'Arn';
    case 'ARN': return family === 'Arn' || family === 'String';
    case 'Bool': return family === 'Bool';
    case 'Numeric': return family === 'Numeric';
    // Date keys whose value is also epoch seconds, compared with Numeric operators as AWS documents them:
    // aws:EpochTime (IAM), kms:ValidTo (the KMS guide's example is NumericLessThanEquals "1546257599.0").
    case 'Date': return family === 'Date' || (family === 'Numeric' && NUMERIC_DATE_KEYS.has(key.toLowerCase()));
    case 'IPAddress': return family === 'IpAddress';
    case 'Binary': return family === 'Binary';
    default: return true;
  }
}

function suggestedFamily(type: ConditionKeyType): string {
  switch (type.replace(/^ArrayOf/, '')) {
    case 'Bool': return 'Bool';
    case 'Numeric': return 'NumericEquals, NumericLessThan, ...';
    case 'Date': return 'DateLessThan, DateGreaterThan, ...';
    case 'IPAddress': return 'IpAddress or NotIpAddress';
    case 'ARN': return 'ArnLike, ArnEquals or a String operator';
    default: return 'StringEquals, StringLike, ...';
  }
}

export const operatorType: PolicyRule = {
  id: 'policy-condition-operator-type',
  defaultSeverity: 'warning',
  title: 'Condition operator does not fit the key\'s type',
  category: 'ineffective',
  fixable: [],
  scope: 'policy',
  kinds: EVERY_POLICY,
  docs: {
    description: 'Each condition key has a type (String, Bool, Numeric, Date, ARN, IP address) and each operator compares one type. A String operator on a Bool key such as `kms:GrantIsForAWSResource`, or a Numeric operator on a String key, compares the wrong way and may never match. (Access Analyzer calls this a type mismatch.)',
    example: '"Condition": { "StringEquals": { "kms:GrantIsForAWSResource": "true" } }',
    remedy: 'Use an operator of the key\'s type: `Bool` for Bool keys, `Numeric...` for numbers, `Date...` for dates, `IpAddress` for IP addresses.',
    sources: [SOURCES.iamConditionOperators, SOURCES.kmsActions],
  },
  check(policy, report) {
    for (const s of normalized(policy)) {
      for (const c of s.conditions) {
        if (!c.key || !c.op.valid || !c.op.family || fits(c.key.type, c.op.family, c.key.key)) continue;
        report({
          start: c.entry.keyNode.offset,
          end: c.entry.keyNode.offset + c.entry.keyNode.length,
          message: l10n.t('{0} is a {1} key, but {2} compares {3} values; use {4}.', c.entry.key, c.key.type, c.entry.operator, c.op.family, suggestedFamily(c.key.type)),
        });
      }
    }
  },
};
