import type { LogRule } from '../../rules/rule';
import { lifecycleDeadlineRotateOnDemand } from './deadlineRotateOnDemand';
import { lifecycleDeleteInUse } from './deleteInUse';
import { lifecycleDeleteNotDisabled } from './deleteNotDisabled';
import { lifecycleFargateKeyStopped } from './fargateKeyStopped';
import { lifecycleShortPendingWindow } from './shortPendingWindow';
import { lifecycleUseAfterDisable } from './useAfterDisable';

/** Key lifecycle rules: cross-event rules over one log, one module each. */
export const lifecycleRules: LogRule[] = [
  lifecycleDeleteNotDisabled,
  lifecycleDeleteInUse,
  lifecycleUseAfterDisable,
  lifecycleShortPendingWindow,
  lifecycleDeadlineRotateOnDemand,
  lifecycleFargateKeyStopped,
];
