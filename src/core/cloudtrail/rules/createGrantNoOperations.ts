import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { EventRule } from '../../rules/rule';
import { isFailedCall, isKmsEvent, obj } from '../event';

export const createGrantNoOperations: EventRule = {
  id: 'ct-create-grant-no-operations',
  scope: 'event',
  // Information: the AWS documentation's own 2014 CreateGrant record (EC2 for an EBS volume) has no operations; the API may not have required them then.
  defaultSeverity: 'information',
  title: 'CreateGrant that succeeded without operations',
  category: 'record',
  fixable: [],
  docs: {
    description: '`Operations` is a required parameter of CreateGrant in today\'s KMS API Reference, and CloudTrail logs it in `requestParameters.operations`. A CreateGrant that succeeded (or passed as a dry run) with request parameters but no `operations` was trimmed or edited, or is older than that requirement (the AWS documentation shows a 2014 record by EC2 without it); either way, what the grant allows cannot be read from it, and the grants view does not know what the grantee may do. Failed calls are not checked: a missing parameter may be why they failed.',
    example: '"eventName": "CreateGrant", "requestParameters": { "keyId": "...", "granteePrincipal": "arn:aws:iam::111122223333:role/App" }',
    remedy: 'In a real log, find the complete record (the grant\'s operations are also in ListGrants); in an example, add `"operations": [...]`.',
    sources: [SOURCES.createGrant, SOURCES.cloudTrailRecord],
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event) || event.eventName !== 'CreateGrant' || isFailedCall(event)) return;
    const rp = obj(event.requestParameters);
    if (!rp || 'operations' in rp) return;
    report({ ...range(['requestParameters'], 'key'), message: l10n.t('This CreateGrant succeeded, but its request has no operations, which the KMS API requires today: the record was trimmed or edited (or predates that requirement), and what the grant allows is unknown.') });
  },
};
