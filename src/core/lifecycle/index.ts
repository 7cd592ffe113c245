/** The key lifecycle model: each key's state, rotation and timeline, read from the logs beside its grants. */
export { canonicalKeyArn, isKeyArn, KEY_USE_EVENT_NAMES, keyUseEventPattern, keyUseEventPatternText, type EventPattern } from './alarm';
export { formatDay, formatTime, isoTime, parseLoggedDate } from './dates';
export { describeCall, describeDeletionDate, describeEvidence, describeLifecycleEvent, describeRotation, describeService, describeState, stateName } from './describe';
export { documentKeys } from './document';
export { DEFAULT_PENDING_WINDOW, LIFECYCLE_EVENTS, STATE_ERRORS } from './extract';
export { lifecycleHover } from './hover';
export { grantActiveAt, stateAt, usesOf, type StateAt } from './state';
export type * from './types';
export { KEY_STATES, STOPPED_STATES } from './types';
