import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { EventRule } from '../../rules/rule';
import { EXCLUSIVE_PARAMS } from '../data/kmsOperations';
import { isFailedCall, isKmsEvent, obj } from '../event';
import { display } from '../../text/display';

export const kmsExclusiveParameters: EventRule = {
  id: 'ct-kms-exclusive-parameters',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Two request parameters that exclude each other',
  category: 'record',
  fixable: [],
  docs: {
    description: 'KMS accepts only one of: `numberOfBytes` and `keySpec` (GenerateDataKey, GenerateDataKeyWithoutPlaintext); the grant constraints `encryptionContextSubset` and `encryptionContextEquals` (CreateGrant answers "More than one constraint supplied"); `granteePrincipal` and `granteeServicePrincipal`; `retiringPrincipal` and `retiringServicePrincipal`. A successful event with both was edited, and its meaning is ambiguous.',
    example: '"constraints": { "encryptionContextSubset": {...}, "encryptionContextEquals": {...} }',
    remedy: 'Keep the one the call really used.',
    sources: [SOURCES.generateDataKey, SOURCES.createGrant, SOURCES.grantConstraints],
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event) || isFailedCall(event)) return;
    for (const x of EXCLUSIVE_PARAMS) {
      if (!x.ops.includes(display(event.eventName))) continue;
      let o: unknown = obj(event.requestParameters);
      for (const p of x.path) o = obj(o)?.[p];
      const members = obj(o);
      if (!members) continue;
      const [a, b] = x.names;
      if (members[a] === undefined || members[a] === null || members[b] === undefined || members[b] === null) continue;
      report({ ...range(['requestParameters', ...x.path, b], 'key'), message: l10n.t('{0} and {1} exclude each other: KMS rejects a {2} request with both.', a, b, display(event.eventName)) });
    }
  },
};
