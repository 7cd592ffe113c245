/**
 * Documents -> facts -> the key history -> each key's grants and lifecycle.
 * Each CloudTrail document is walked once for every view (grants, the key's
 * life, the services that use a key); the key history resolves every key those facts name;
 * then each view replays its facts on the resolved keys, and the two are put
 * together per key.
 */
import { replayGrants, type GrantsInput } from '../grants/build';
import { documentFacts, pendingGrantFacts } from '../grants/read';
import { readKmsEvents, type KmsEventPass } from '../history/events';
import type { GrantFacts } from '../grants/facts';
import { KeyHistory } from '../history/history';
import { keyLabel } from '../history/keys';
import type { KmsKey } from '../history/types';
import { replayLifecycles, type LifecycleInput } from '../lifecycle/build';
import { evidenceFacts, lifecycleFacts, pendingLifecycleFacts, type EvidenceFacts, type LifecycleFacts } from '../lifecycle/extract';
import type { DocumentKind } from '../types';
import type { GrantsModel, GrantsSource, KeyGrants } from './types';

/**
 * What one source says, view by view: the history's input. It does not say
 * what the source was; another kind of input (describe-key or list-aliases
 * output, the rows of a query run elsewhere) adds its facts through a reader
 * of its own and is replayed the same way.
 */
export interface SourceFacts {
  source: string;
  /** The source holds CloudTrail events, list-grants entries or AWS CLI output about keys (it is listed in the model's `sources`). */
  contributes: boolean;
  grants: GrantFacts;
  lifecycle: LifecycleFacts;
  evidence: EvidenceFacts;
}

/** The kinds of document the key history reads: CloudTrail events, list-grants output, AWS CLI output about keys. */
export function feedsKeyHistory(kind: DocumentKind): boolean {
  return kind === 'cloudTrail' || kind === 'listGrants' || kind === 'kmsOutput';
}

/** The facts of one document (cached per model: one per document version). */
export function readSource(src: GrantsSource): SourceFacts {
  const kind = src.model.kind;
  // A CloudTrail log is walked once for the three views, not once per view (the views then read their caches).
  const passes = [pendingGrantFacts(src.model), ...pendingLifecycleFacts(src.model)].filter((p): p is KmsEventPass => p !== undefined);
  if (passes.length > 1) readKmsEvents(src.model, passes);
  return {
    source: src.id,
    contributes: feedsKeyHistory(kind),
    grants: documentFacts(src.model),
    lifecycle: lifecycleFacts(src.model),
    evidence: evidenceFacts(src.model),
  };
}

/** Builds the keys model from any number of documents (CloudTrail data, list-grants output, AWS CLI output about keys). */
export function buildGrantsModel(sources: readonly GrantsSource[]): GrantsModel {
  return buildFromFacts(sources.map(readSource));
}

/** Builds the keys model from the facts of any number of sources. */
export function buildFromFacts(inputs: readonly SourceFacts[]): GrantsModel {
  const history = new KeyHistory();
  const grantInputs: GrantsInput[] = [];
  const lifecycleInputs: LifecycleInput[] = [];
  for (const input of inputs) {
    history.add(input.grants);
    grantInputs.push({ source: input.source, facts: input.grants });
    // The names a source gives keys (list-aliases output has nothing else) name them in every view.
    history.add(input.lifecycle);
    // The keys' own lives, and the services that use them (shown beside a key's life, which may be in another file).
    if (input.lifecycle.events.length > 0 || input.evidence.evidence.length > 0) {
      history.add(input.evidence);
      lifecycleInputs.push({ source: input.source, facts: input.lifecycle, evidence: input.evidence });
    }
  }
  history.finish();

  const entries = new Map<string, KeyGrants>();
  const entryOf = (key: KmsKey): KeyGrants => {
    let k = entries.get(key.identity);
    if (!k) entries.set(key.identity, (k = { key, grants: [], attempts: [], otherUses: [], orphans: [] }));
    return k;
  };
  const grants = replayGrants(history, grantInputs, entryOf);
  for (const { key, lifecycle } of replayLifecycles(history, lifecycleInputs, (key) => entries.has(key.identity)).values()) {
    entryOf(key).lifecycle = lifecycle;
  }
  const keys = [...entries.values()];
  keys.sort((a, b) => keyLabel(a.key).localeCompare(keyLabel(b.key)) || a.key.identity.localeCompare(b.key.identity));
  return { keys, attempts: grants.attempts, sources: inputs.filter((i) => i.contributes).map((i) => i.source), duplicates: grants.duplicates };
}
