import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { isAccountId, isPlaceholderAccountId, obj } from '../event';
import { asString } from '../../jsonValues';

/** Fields that hold an account id; `AWS Internal` is CloudTrail's mask for an AWS-owned account where marked. */
const ACCOUNT_FIELDS: ReadonlyArray<{ path: Array<string | number>; awsInternal: boolean }> = [
  { path: ['recipientAccountId'], awsInternal: false },
  { path: ['userIdentity', 'accountId'], awsInternal: false },
  { path: ['userIdentity', 'sessionContext', 'sessionIssuer', 'accountId'], awsInternal: false },
  { path: ['vpcEndpointAccountId'], awsInternal: true },
];

export const accountId: EventRule = {
  id: 'ct-account-id',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Account id is not 12 digits',
  category: 'record',
  fixable: [],
  docs: {
    description: 'An AWS account id is exactly 12 digits, written as a string. `recipientAccountId`, `userIdentity.accountId`, the session issuer\'s `accountId` and `resources[].accountId` must be one; `resources[].accountId` and `vpcEndpointAccountId` may also be `AWS Internal`, which CloudTrail writes for an AWS-owned account. An id with 11 digits (a lost leading zero, from a spreadsheet) names no account. Placeholders such as `account-id` or `111122223333` are reported once by `ct-placeholder` instead.',
    example: '"recipientAccountId": "11112222333"',
    remedy: 'Restore the 12-digit account id (leading zeros included).',
  },
  check({ event, range }, report) {
    const checkOne = (path: Array<string | number>, v: unknown, awsInternal: boolean): void => {
      if (v === undefined || v === null) return;
      const s = asString(v);
      if (s !== undefined && (isAccountId(s) || (awsInternal && s === 'AWS Internal') || isPlaceholderAccountId(s))) return;
      const shown = s ?? JSON.stringify(v);
      const lostZero = (typeof v === 'number' || (s !== undefined && /^\d{1,11}$/.test(s))) ? l10n.t(' (a leading zero lost? It would be "{0}".)', String(v).padStart(12, '0')) : '';
      report({ ...range(path), message: l10n.t('{0} "{1}" is not an account id: AWS account ids are 12 digits, written as a string.', path.join('.'), shown) + lostZero });
    };
    for (const f of ACCOUNT_FIELDS) {
      let v: unknown = event;
      for (const p of f.path) v = obj(v)?.[p as string];
      checkOne(f.path, v, f.awsInternal);
    }
    if (Array.isArray(event.resources)) event.resources.forEach((r, i) => checkOne(['resources', i, 'accountId'], obj(r)?.accountId, true));
  },
};
