import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { arnAccountOf, isAccountId, keyMentions, obj } from '../event';
import { asString } from '../../jsonValues';
import { SOURCES } from '../../data/sources';

function arnAccount(s: string | undefined): string | undefined {
  return s ? arnAccountOf(s) : undefined;
}

const valid = isAccountId;

/**
 * A record of a call an AWS service made (userIdentity.type AWSService, or
 * invokedBy) that carries sharedEventID is one of several copies CloudTrail
 * sends to the accounts the action concerns: the account the service acted
 * for is then the recipient, and the record names it nowhere else.
 */
function isServiceCopy(event: Record<string, unknown>, identity: Record<string, unknown> | undefined): boolean {
  if (asString(event.sharedEventID) === undefined) return false;
  return asString(identity?.type) === 'AWSService' || asString(identity?.invokedBy) !== undefined;
}

export const accountMismatch: EventRule = {
  id: 'ct-account-mismatch',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Account ids that contradict each other',
  category: 'record',
  fixable: [],
  docs: {
    description: 'Account ids in one event must agree: `resources[].accountId` is the account in that resource\'s ARN (or `AWS Internal`); `userIdentity.accountId` is the account in `userIdentity.arn` and of the session issuer; and CloudTrail delivers an event only to the caller\'s account and to the key owner\'s, so `recipientAccountId` is one of them. Cross-account calls are normal and raise nothing; an account that belongs to neither side does. A call made by an AWS service (`userIdentity.type` `AWSService`, or `invokedBy`) that carries `sharedEventID` is a copy sent to each account the action concerns (the account the service acted for, which the record does not otherwise name), so its recipient is not checked.',
    example: '"userIdentity": { "accountId": "111122223333", "arn": "arn:aws:iam::444455556666:user/Alice" }',
    remedy: 'In a real log, treat the record as altered. In an example, use one account id consistently.',
    sources: [SOURCES.cloudTrailRecord],
  },
  check({ event, range }, report) {
    const m = keyMentions(event);
    if (Array.isArray(event.resources)) {
      event.resources.forEach((r, i) => {
        const o = obj(r);
        const acct = asString(o?.accountId);
        const fromArn = arnAccount(asString(o?.ARN));
        if (valid(acct) && valid(fromArn) && acct !== fromArn) {
          report({ ...range(['resources', i, 'accountId']), message: l10n.t('resources[{0}].accountId is {1}, but its ARN is in account {2}.', i, acct, fromArn) });
        }
      });
    }
    const identity = obj(event.userIdentity);
    const caller = asString(identity?.accountId);
    const callerArn = arnAccount(asString(identity?.arn));
    if (valid(caller) && valid(callerArn) && caller !== callerArn) {
      report({ ...range(['userIdentity', 'arn']), message: l10n.t('userIdentity.arn is in account {0}, but userIdentity.accountId is {1}.', callerArn, caller) });
    }
    const issuer = asString(obj(obj(identity?.sessionContext)?.sessionIssuer)?.accountId);
    if (valid(caller) && valid(issuer) && caller !== issuer) {
      report({ ...range(['userIdentity', 'sessionContext', 'sessionIssuer', 'accountId']), message: l10n.t('The session issuer is in account {0}, but the caller is in {1}: a role session belongs to the role\'s account.', issuer, caller) });
    }
    const recipient = asString(event.recipientAccountId);
    if (!valid(recipient) || isServiceCopy(event, identity)) return;
    const owners: string[] = [];
    for (const group of [m.request, m.response, m.resources]) for (const k of group) if (valid(k.ref.account)) owners.push(k.ref.account);
    const parties = [caller, callerArn, ...owners].filter(valid);
    if (parties.length > 0 && !parties.includes(recipient)) {
      report({ ...range(['recipientAccountId']), message: l10n.t('recipientAccountId {0} is neither the caller\'s account nor the key owner\'s ({1}): CloudTrail delivers an event only to them.', recipient, [...new Set(parties)].join(', ')) });
    }
  },
};
