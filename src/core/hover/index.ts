/**
 * Hovers: plain functions from (model, offset) to Markdown and the range it
 * describes. Each kind of document contributes its own provider module; the
 * answers of all that have something to say are shown together.
 */
import { cloudTrailHover } from '../cloudtrail/hover';
import type { DocumentModel } from '../document/model';
import { lifecycleHover } from '../keys/lifecycleHover';
import { policyHover } from '../policy/hover';
import type { HoverResult } from '../types';
import { kindHover } from '../policy/hover/kind';
import { accessSummaryHover } from '../access/summaryHover';
import { eventAccessHover } from '../access/eventHover';
import type { KnownKeyPolicies } from '../access/knownPolicies';

export type HoverProvider = (model: DocumentModel, offset: number, known?: KnownKeyPolicies) => HoverResult | undefined;

/**
 * Registered providers, most specific first. Policy hovers and CloudTrail hovers add themselves here.
 * The kind hover (what a policy was read as) answers on a policy's first brace only.
 * Key lifecycle hovers (only on the eventName of lifecycle events, refused calls and uses of a stopped
 * key) come before the generic CloudTrail event hovers.
 */
export const hoverProviders: HoverProvider[] = [kindHover, policyHover, lifecycleHover, cloudTrailHover, accessSummaryHover, eventAccessHover];

/**
 * Every provider that has something to say about the place, most specific first, as one hover:
 * on a refused Decrypt, for example, what the key's state means and what Decrypt is.
 */
export function hoverAt(model: DocumentModel, offset: number, known?: KnownKeyPolicies): HoverResult | undefined {
  const found: HoverResult[] = [];
  for (const provide of hoverProviders) {
    const h = provide(model, offset, known);
    if (h) found.push(h);
  }
  if (found.length <= 1) return found[0];
  // The range is the narrowest one: the token the most specific answer is about.
  const narrowest = found.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
  return { markdown: found.map((h) => h.markdown).join('\n\n---\n\n'), start: narrowest.start, end: narrowest.end };
}
