import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { isKmsEvent, keyMentions, sameKey, type KeyMention } from '../event';
import { keyIdKind } from '../../kms/identifiers';

/** A reference whose key id has the form of one (or is a documentation example): masked or broken ids are ct-key-id-invalid's, and comparing them says nothing more. */
function comparable(k: KeyMention): boolean {
  return !!k.ref.keyId && keyIdKind(k.ref.keyId.toLowerCase()) !== 'invalid';
}

function short(k: KeyMention): string {
  return k.ref.keyId ?? k.value;
}

export const keyMismatch: EventRule = {
  id: 'ct-key-mismatch',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'The request, response and resources name different keys',
  category: 'record',
  fixable: [],
  docs: {
    description: 'The key a KMS call names in `requestParameters.keyId` (or `targetKeyId`, `destinationKeyId`, `sourceKeyId`) is the key CloudTrail records in `resources` and, since December 2022, in `responseElements.keyId`. When they name different keys, nobody can tell from the event which key was used: the first question of any investigation. Aliases are not compared (the event does not say which key an alias pointed to). The Deadline Cloud guide\'s examples have this defect.',
    example: '"requestParameters": { "keyId": "arn:...:key/1111..." }, "resources": [{ "ARN": "arn:...:key/4444..." }]',
    remedy: 'In a real log, treat the record as altered. In an example, name the same key everywhere.',
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event)) return;
    const m = keyMentions(event);
    const resourceKeys = m.resources.filter(comparable);
    // Each key the request names must be among the resources (when the resources list any key).
    if (resourceKeys.length > 0) {
      for (const k of m.request) {
        if (!comparable(k)) continue;
        if (resourceKeys.some((r) => sameKey(k.ref, r.ref))) continue;
        report({ ...range(k.path), message: l10n.t('{0} names key {1}, but resources lists {2}: a real event names the same key in both.', k.path.join('.'), short(k), resourceKeys.map(short).join(', ')) });
      }
    }
    // The key in the response is the request's key (for ReEncrypt, the destination key).
    const requestKey = m.request.find((k) => k.path[1] === (event.eventName === 'ReEncrypt' ? 'destinationKeyId' : event.eventName === 'CreateAlias' || event.eventName === 'UpdateAlias' ? 'targetKeyId' : 'keyId'));
    for (const k of m.response) {
      if (!comparable(k)) continue;
      if (requestKey && comparable(requestKey)) {
        if (sameKey(k.ref, requestKey.ref) === false) {
          report({ ...range(k.path), message: l10n.t('The response names key {0}, but the request named {1}.', short(k), short(requestKey)) });
        }
      } else if (resourceKeys.length > 0 && !resourceKeys.some((r) => sameKey(k.ref, r.ref))) {
        report({ ...range(k.path), message: l10n.t('The response names key {0}, but resources lists {1}.', short(k), resourceKeys.map(short).join(', ')) });
      }
    }
  },
};
