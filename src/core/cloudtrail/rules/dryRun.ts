import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { DRY_RUN_ERROR } from '../data/kmsOperations';
import { errorCodeOf, isKmsEvent, obj } from '../event';
import { display } from '../../text/display';

export const dryRun: EventRule = {
  id: 'ct-dry-run',
  scope: 'event',
  defaultSeverity: 'information',
  title: 'Dry run: nothing happened',
  category: 'activity',
  fixable: [],
  docs: {
    description: 'A KMS call with `dryRun: true` only checks permissions and parameters. When the check passes, KMS answers `DryRunOperationException` and CloudTrail logs that as the errorCode: the call would have succeeded, but no grant was created, no data key was made, nothing changed. Fargate makes such calls before the real ones. A `dryRun: true` request logged without that errorCode (and without another) is not what KMS logs.',
    example: '"errorCode": "DryRunOperationException", "requestParameters": { "dryRun": true, ... }',
    remedy: 'Nothing to fix: read the event as a permission check. The real call, if any, is a separate event.',
  },
  check({ event, record, range }, report) {
    if (!isKmsEvent(event)) return;
    const code = errorCodeOf(event);
    if (code === DRY_RUN_ERROR) {
      report({ ...range(['errorCode']), message: l10n.t('Dry run of {0}: it would have succeeded, but nothing happened.', display(event.eventName)) });
    } else if (code === undefined && !record.partial && obj(event.requestParameters)?.dryRun === true) {
      report({ ...range(['requestParameters', 'dryRun']), message: l10n.t('dryRun is true, but the event has no errorCode: KMS logs a passing dry run with errorCode DryRunOperationException, so this record was edited.') });
    }
  },
};
