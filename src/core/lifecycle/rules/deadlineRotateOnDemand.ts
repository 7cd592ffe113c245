/**
 * RotateKeyOnDemand on a key the logs show serving AWS Deadline Cloud: a
 * farm's customer managed key supports automatic rotation, not manual rotation.
 */
import * as l10n from '@vscode/l10n';
import type { LogRule } from '../../rules/rule';
import { describeEvidence, describeService } from '../describe';
import { forEachKey, nameRange } from './support';

export const lifecycleDeadlineRotateOnDemand: LogRule = {
  id: 'lifecycle-deadline-rotate-on-demand',
  scope: 'log',
  defaultSeverity: 'warning',
  title: 'On-demand rotation of a key that serves Deadline Cloud',
  category: 'activity',
  fixable: [],
  docs: {
    description: 'A `RotateKeyOnDemand` of a key that the same log shows serving AWS Deadline Cloud: a grant to `deadline.amazonaws.com` or with an `aws:deadline:farmId` constraint, an encryption context with `aws:deadline:farmId`, or calls made through Deadline Cloud. The Deadline Cloud guide says a farm\'s customer managed key cannot be rotated manually; automatic rotation is supported.',
    example: '{"eventName": "Decrypt", "requestParameters": {"encryptionContext": {"aws:deadline:farmId": "farm-..."}, ...}, ...}\n{"eventName": "RotateKeyOnDemand", ...}',
    remedy: 'Turn on automatic rotation instead (`aws kms enable-key-rotation`), and check the farm still reads its data.',
  },
  check(events, report) {
    forEachKey(events, ({ lc, at }) => {
      const deadline = lc.services.deadline;
      if (!deadline) return;
      for (const e of lc.events) {
        if (e.kind !== 'rotateOnDemand' || e.failed) continue;
        const ctx = at(e.event);
        if (!ctx) continue;
        report({
          ...nameRange(ctx),
          message: l10n.t('On-demand rotation of a key that serves {0}, as {1} shows. Deadline Cloud supports automatic rotation of a farm\'s key, not manual rotation: use EnableKeyRotation instead.',
            describeService('deadline', deadline), describeEvidence(deadline)),
        });
      }
    });
  },
};
