/**
 * Hover on a KMS event's eventName, when the log shows the key policy in
 * force at the event's time (logPolicies.ts): what allowed or denied the call
 * (a statement by Sid or index, a grant, or the account's IAM policies by
 * delegation), and whether that contradicts what happened.
 */
import * as l10n from '@vscode/l10n';
import { recordAt } from '../cloudtrail/event';
import { rangeInRecord, type DocumentModel } from '../document/model';
import { isEventLike } from '../classify';
import { MARKDOWN } from '../policy/describe';
import type { HoverResult } from '../types';
import { describeEvaluation } from './describe';
import { judgeEvent, logHasKeyPolicies, type EventJudgement } from './logPolicies';

function origin(j: EventJudgement): string {
  const when = j.policy.time ?? '';
  if (j.policy.defaulted) return l10n.t('the default key policy, which the CreateKey at {0} gave the key', when);
  return j.policy.origin === 'CreateKey' ? l10n.t('the key policy set by the CreateKey at {0}', when) : l10n.t('the key policy set by the PutKeyPolicy at {0}', when);
}

export function contradictionText(j: EventJudgement): string | undefined {
  switch (j.contradiction) {
    case 'succeededButDenied': return l10n.t('Yet the call succeeded: the key\'s policy or grants at that time were not only those this log shows.');
    case 'refusedButAllowed': return l10n.t('Yet the call was refused as not authorised: a deny elsewhere (an IAM policy, an SCP, a VPC endpoint policy, a permissions boundary) or a key policy other than this one refused it.');
    default: return undefined;
  }
}

export function eventAccessHover(model: DocumentModel, offset: number): HoverResult | undefined {
  if (model.kind !== 'cloudTrail' || !logHasKeyPolicies(model)) return undefined;
  const record = recordAt(model, offset);
  if (!record || !isEventLike(record.value)) return undefined;
  const range = rangeInRecord(model, record, ['eventName']);
  if (offset < range.start || offset > range.end) return undefined;
  const j = judgeEvent(model, record);
  if (!j) return undefined;
  const lines = [`**${l10n.t('Against {0}', origin(j))}**`, '', describeEvaluation(j.evaluation, MARKDOWN)];
  const c = contradictionText(j);
  if (c) lines.push('', c);
  if (j.settling) lines.push('', l10n.t('The policy changed less than five minutes before this call, and KMS can take that long to apply a change: the call may have been decided by the previous policy.'));
  return { markdown: lines.join('\n'), start: range.start, end: range.end };
}
