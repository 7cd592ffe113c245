/**
 * One document -> the facts about grants in it, by the reader for its kind
 * (CloudTrail events, list-grants output). Facts are cached per model
 * object, and the editor's cache keeps one model per document version, so a
 * change to one document re-reads only that one.
 */
import type { DocumentModel } from '../document/model';
import { emptyGrantFacts, type GrantFacts } from './facts';
import { listGrantsFacts } from './readListGrants';
import { cloudTrailGrantFacts, grantFactsPass } from './readCloudTrail';
import type { KmsEventPass } from '../history/events';

const EMPTY: GrantFacts = emptyGrantFacts();
const cache = new WeakMap<DocumentModel, GrantFacts>();

/** The grant facts of a CloudTrail or list-grants document; nothing for any other kind. */
export function documentFacts(model: DocumentModel): GrantFacts {
  if (model.kind !== 'cloudTrail' && model.kind !== 'listGrants') return EMPTY;
  let facts = cache.get(model);
  if (!facts) {
    facts = model.kind === 'listGrants' ? listGrantsFacts(model) : cloudTrailGrantFacts(model);
    cache.set(model, facts);
  }
  return facts;
}

/**
 * The grant facts of a document without its use facts (readCloudTrail.ts,
 * FactsOptions): the grants' lives and the keys, for the access evaluator.
 * Not cached: the full facts, when another view has read them, are reused.
 */
export function grantLifeFacts(model: DocumentModel): GrantFacts {
  if (model.kind !== 'cloudTrail' && model.kind !== 'listGrants') return EMPTY;
  const known = cache.get(model);
  if (known) return known.uses.length === 0 ? known : { ...known, uses: [] };
  return model.kind === 'listGrants' ? listGrantsFacts(model) : cloudTrailGrantFacts(model, { uses: false });
}

/** A pass that reads and caches the grant facts of a CloudTrail document, for a walk shared with other views; undefined when they are known already. */
export function pendingGrantFacts(model: DocumentModel): KmsEventPass | undefined {
  if (model.kind !== 'cloudTrail' || cache.has(model)) return undefined;
  return grantFactsPass((facts) => cache.set(model, facts));
}
