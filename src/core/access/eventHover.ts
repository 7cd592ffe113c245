/**
 * Hover on a KMS event's eventName, when the log shows the key policy in
 * force at the event's time (logPolicies.ts): what allowed or denied the call
 * (a statement by Sid or index, a grant, or the account's IAM policies by
 * delegation), and whether that contradicts what happened.
 */
import * as l10n from '@vscode/l10n';
import { formatTime } from '../lifecycle/dates';
import { recordAt } from '../cloudtrail/event';
import { rangeInRecord, type DocumentModel } from '../document/model';
import { isEventLike } from '../classify';
import { MARKDOWN } from '../policy/describe';
import type { HoverResult } from '../types';
import { describeEvaluation } from './describe';
import type { KnownKeyPolicies } from './knownPolicies';
import { judgeEvent, logHasKeyPolicies, type EventJudgement } from './logPolicies';

/** The policy that judged the event, in words: where it was set or where it comes from. */
export function origin(j: EventJudgement): string {
  const k = j.known;
  if (k) {
    switch (k.origin) {
      case 'setting': return l10n.t('the key policy in {0} (kmsLens.keyPolicies)', k.source);
      case 'cloudFormation': return l10n.t('the KeyPolicy of the CloudFormation key in {0} (kmsLens.keyPolicies)', k.source);
      case 'getKeyPolicy': return l10n.t('the get-key-policy output in {0}', k.source);
      case 'log': return l10n.t('the key policy set at {0} in {1}', formatTime(k.time), k.source);
    }
  }
  const p = j.policy;
  const when = formatTime(p?.time);
  if (p?.defaulted) return l10n.t('the default key policy, which the CreateKey at {0} gave the key', when);
  return p?.origin === 'CreateKey' ? l10n.t('the key policy set by the CreateKey at {0}', when) : l10n.t('the key policy set by the PutKeyPolicy at {0}', when);
}

export function contradictionText(j: EventJudgement): string | undefined {
  switch (j.contradiction) {
    case 'succeededButDenied': return j.known
      ? l10n.t('Yet the call succeeded: the key\'s policy or grants at that time were not only these.')
      : l10n.t('Yet the call succeeded: the key\'s policy or grants at that time were not only those this log shows.');
    case 'refusedButAllowed': return l10n.t('Yet the call was refused as not authorised: a deny elsewhere (an IAM policy, an SCP, a VPC endpoint policy, a permissions boundary) or a key policy other than this one refused it.');
    default: return undefined;
  }
}

export function eventAccessHover(model: DocumentModel, offset: number, known?: KnownKeyPolicies): HoverResult | undefined {
  if (model.kind !== 'cloudTrail' || (!logHasKeyPolicies(model) && (!known || known.size === 0))) return undefined;
  const record = recordAt(model, offset);
  if (!record || !isEventLike(record.value)) return undefined;
  const range = rangeInRecord(model, record, ['eventName']);
  if (offset < range.start || offset > range.end) return undefined;
  const j = judgeEvent(model, record, known);
  if (!j) return undefined;
  const lines = [`**${l10n.t('Against {0}', origin(j))}**`, '', describeEvaluation(j.evaluation, MARKDOWN)];
  const c = contradictionText(j);
  if (c) lines.push('', c);
  if (j.settling) lines.push('', l10n.t('The policy changed less than five minutes before this call, and KMS can take that long to apply a change: the call may have been decided by the previous policy.'));
  return { markdown: lines.join('\n'), start: range.start, end: range.end };
}
