/** The grants model: what the view, the CLI and the extension's API share. */
export { buildGrantsModel } from './build';
export { satisfiesConstraints } from './constraints';
export { documentFacts } from './extract';
export { KeyRegistry, keyLabel, keyName, parseKeyName, type KeyRef } from './keys';
export { describeActor, describeConstraints, describeNote, describeStatus, grantLabel, revokeGrantCommand, shortGrantId } from './describe';
export type * from './types';
