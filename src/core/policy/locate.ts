/**
 * Finds the policies in a document. Today: the document itself when it is a
 * policy. Policies embedded in templates and in PutKeyPolicy events are added
 * here, so every policy rule sees them without knowing where they came from.
 */
import type { DocumentModel } from '../document/model';
import { buildPolicy, type PolicyModel } from './model';

const cache = new WeakMap<DocumentModel, PolicyModel[]>();

export function policiesOf(model: DocumentModel): PolicyModel[] {
  let policies = cache.get(model);
  if (!policies) {
    policies = [];
    if ((model.kind === 'keyPolicy' || model.kind === 'identityPolicy') && model.root) {
      policies.push(buildPolicy({ text: model.text, root: model.root, kind: model.kind, origin: 'document' }));
    }
    cache.set(model, policies);
  }
  return policies;
}
