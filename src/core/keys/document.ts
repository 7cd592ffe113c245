/**
 * The keys of one document (their grants and lifecycles), for the diagnostics
 * and hovers of that document:
 * rules see one document at a time (the grants view and the CLI combine every
 * open file). Built only for documents with something to say about a key's
 * life, once per document version, and shared by every lifecycle rule.
 */
import type { DocumentModel, JsonRecord } from '../document/model';
import { evidenceFacts, lifecycleFacts } from '../lifecycle/extract';
import { buildGrantsModel } from './build';
import type { GrantsModel } from './types';

const cache = new WeakMap<DocumentModel, GrantsModel | null>();

/**
 * The grants and lifecycle model of this document alone, or undefined when it
 * has no lifecycle event and no revocation of a grant on a key Fargate uses
 * (most logs: then nothing more is built).
 */
export function documentKeys(model: DocumentModel): GrantsModel | undefined {
  if (model.kind !== 'cloudTrail') return undefined;
  let keys = cache.get(model);
  if (keys === undefined) {
    const facts = lifecycleFacts(model);
    const needed = facts.hasLifecycle || facts.hasStatedRefusal || (facts.hasRevoke && evidenceFacts(model).evidence.some((e) => e.service === 'fargate'));
    keys = needed ? buildGrantsModel([{ id: '', model }]) : null;
    cache.set(model, keys);
  }
  return keys ?? undefined;
}

/** Finds things by the record they start at: records are in document order. */
export function recordIndex<T extends { record: JsonRecord }>(items: readonly T[]): (start: number) => T | undefined {
  return (start) => {
    let lo = 0;
    let hi = items.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = items[mid].record.start;
      if (s === start) return items[mid];
      if (s < start) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
}
