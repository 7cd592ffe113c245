/** Each key's grants, read from CloudTrail logs and list-grants output on top of the key history. */
export { replayGrants, type GrantsInput, type GrantsReplay } from './build';
export { satisfiesConstraints } from './constraints';
export { describeConstraints, describeNote, describeStatus, grantLabel, revokeGrantCommand, shortGrantId } from './describe';
export { documentFacts } from './read';
export { grantActiveAt } from './state';
export type * from './types';
