/**
 * Each key with everything the logs say about it: its grants and its own
 * life, two sibling views of the key history put together here. Plain,
 * JSON-serialisable data shared by the grants view, the CLI and the
 * extension's API.
 */
import type { DocumentModel } from '../document/model';
import type { Attempt, GrantsOfKey } from '../grants/types';
import type { KeyLifecycle } from '../lifecycle/types';

/** One document to index: an id (a URI in the editor, a path in the CLI) and its model. */
export interface GrantsSource {
  id: string;
  model: DocumentModel;
}

/** One key: its grants, attempts and uses, and its own life (state, rotation, timeline) when the logs show any of it. */
export interface KeyGrants extends GrantsOfKey {
  lifecycle?: KeyLifecycle;
}

export interface GrantsModel {
  /** Keys with anything to show, sorted by label. */
  keys: KeyGrants[];
  /** Every attempt, by time (also listed under its key). */
  attempts: Attempt[];
  /** The ids of the sources that contributed CloudTrail events or list-grants entries. */
  sources: string[];
  /** Events seen more than once (same eventID) and counted once. */
  duplicates: number;
}
