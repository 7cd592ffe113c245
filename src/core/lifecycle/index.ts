/** The key lifecycle: each key's state, rotation and timeline, read from the logs on top of the key history. */
export { canonicalKeyArn, isKeyArn, keyUseEventPattern, keyUseEventPatternText, type EventPattern } from './alarm';
export { emptyLifecycle, replayLifecycles, type LifecycleInput } from './build';
export { formatDay, formatTime, isoTime, parseLoggedDate, timeFormat, type TimeZoneChoice } from './dates';
export { describeCall, describeDeletionDate, describeEvidence, describeLifecycleEvent, describeRotation, describeService, describeState, stateName } from './describe';
export { DEFAULT_PENDING_WINDOW, evidenceFacts, lifecycleFacts, LIFECYCLE_EVENTS, STATE_ERRORS } from './extract';
export { hasLife, stateAt, type StateAt } from './state';
export type * from './types';
export { KEY_STATES, STOPPED_STATES } from './types';
