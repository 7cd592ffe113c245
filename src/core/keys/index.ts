/**
 * Each key with its grants and its own life: the model the grants view, the
 * CLI and the extension's API share, built from the key history by its two
 * sibling views (src/core/grants, src/core/lifecycle).
 */
export { buildFromFacts, buildGrantsModel, readSource, type SourceFacts } from './build';
export { documentKeys, recordIndex } from './document';
export { lifecycleHover } from './lifecycleHover';
export type * from './types';
export { usesOf } from './uses';
