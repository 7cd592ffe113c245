import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { EventRule } from '../../rules/rule';
import { KMS_ERROR_CODES } from '../data/kmsOperations';
import { isFailedCall, isKmsEvent } from '../event';
import { asString } from '../../jsonValues';
import { display } from '../../text/display';

export const failedCall: EventRule = {
  id: 'ct-failed-call',
  scope: 'event',
  defaultSeverity: 'information',
  title: 'Failed call',
  category: 'activity',
  fixable: [],
  docs: {
    description: 'The event has an `errorCode`: the call failed and had no effect (no key was used, nothing changed). `AccessDenied` means no policy or grant allowed the caller; repeated denials for one principal are worth a look. Dry runs are reported by `ct-dry-run` instead.',
    example: '"errorCode": "AccessDenied", "errorMessage": "User: ... is not authorized to perform: kms:Decrypt ..."',
    remedy: 'Nothing to fix in the event; the hover on errorCode explains the error.',
    sources: [SOURCES.cloudTrailRecord],
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event) || !isFailedCall(event)) return;
    const code = display(event.errorCode);
    const meaning = KMS_ERROR_CODES[code];
    const message = meaning
      ? l10n.t('Failed call: {0} ({1}): {2}. It had no effect.', display(event.eventName), code, meaning)
      : l10n.t('Failed call: {0} ({1}{2}). It had no effect.', display(event.eventName), code, asString(event.errorMessage) ? `: ${asString(event.errorMessage)}` : '');
    report({ ...range(['errorCode']), message });
  },
};
