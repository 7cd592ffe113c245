import type { DocumentRule, LogRule } from '../../rules/rule';
import { lifecycleDeadlineRotateOnDemand } from './deadlineRotateOnDemand';
import { lifecycleDeleteInUse } from './deleteInUse';
import { lifecycleDeleteNotDisabled } from './deleteNotDisabled';
import { lifecycleFargateKeyStopped } from './fargateKeyStopped';
import { lifecycleShortPendingWindow } from './shortPendingWindow';
import { lifecycleUseAfterDisable } from './useAfterDisable';
import { lifecycleRotationUnsupported } from './rotationUnsupported';

/** Key lifecycle rules: cross-event rules over one log, and rotation a template asks of a key that cannot rotate; one module each. */
export const lifecycleRules: Array<LogRule | DocumentRule> = [
  lifecycleDeleteNotDisabled,
  lifecycleDeleteInUse,
  lifecycleUseAfterDisable,
  lifecycleShortPendingWindow,
  lifecycleDeadlineRotateOnDemand,
  lifecycleFargateKeyStopped,
  lifecycleRotationUnsupported,
];
