/**
 * The key history, below every view of a key: keys and the ways events name
 * them, actors, event references, which operations use a key, and the facts
 * read from events. The grants and the key lifecycle are built on it as
 * siblings; neither imports the other.
 */
export { actorOf, describeActor } from './actors';
export { RecordEventRef } from './eventRef';
export { byTime, EventIds, eventFact, forEachKmsEvent, requestParameters, sameEvent, timeKey, type EventFact, type Obj } from './events';
export { KeyHistory } from './history';
export { keyOutputFacts, replayOrder, snapshotApplies, type KeyMetadataFacts, type KeySnapshot, type MultiRegionFacts, type OutputFacts, type RotationSnapshot } from './outputs';
export { KeyReader, type AliasFact, type KeyNames } from './keyReader';
export { KeyRegistry, keyLabel, keyName, parseKeyName, refString, type KeyRef, type KeyScope } from './keys';
export { isKeyUse, KEY_USE_EVENT_NAMES, USE_OPERATIONS } from './operations';
export type * from './types';
