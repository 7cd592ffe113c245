/**
 * The key history: each source's facts name keys in their own way (an id, an
 * ARN, an alias, in this Region or that account); the history resolves those
 * names once, across every source, so that every view of a key (its grants,
 * its own life; later its aliases and the policies in force) replays its
 * facts on the same keys.
 *
 * Its input is a stream of facts, not documents. A reader of any input
 * (CloudTrail logs and list-grants output today; describe-key or list-aliases
 * output, or the rows of a query run elsewhere, later) only has to produce
 * facts that name keys by `KeyRef` and hand their names here.
 */
import type { KeyNames } from './keyReader';
import { KeyRegistry, type KeyRef } from './keys';
import type { KmsKey } from './types';

export class KeyHistory {
  private readonly registry = new KeyRegistry();

  /** Adds the keys and aliases a reader's facts name; call before `finish()`. */
  add(names: KeyNames): void {
    for (const ref of names.refs) this.registry.add(ref);
    for (const a of names.aliases) this.registry.addAlias(a.alias, a.scope, a.target, a.at);
  }

  /** Resolves every name added: from now on `keyOf` answers. */
  finish(): void {
    this.registry.finish();
  }

  /** The key a ref (one of those added) names; only after `finish()`. */
  keyOf(ref: KeyRef | undefined): KmsKey | undefined {
    return this.registry.resolveRef(ref);
  }
}
