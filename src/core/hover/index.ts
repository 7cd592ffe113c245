/**
 * Hovers: plain functions from (model, offset) to Markdown and the range it
 * describes. Each kind of document contributes its own provider module; the
 * first one that has something to say wins.
 */
import { cloudTrailHover } from '../cloudtrail/hover';
import type { DocumentModel } from '../document/model';
import { lifecycleHover } from '../lifecycle/hover';
import { policyHover } from '../policy/hover';

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  start: number;
  end: number;
}

export type HoverProvider = (model: DocumentModel, offset: number) => HoverResult | undefined;

/**
 * Registered providers, most specific first. Policy hovers and CloudTrail hovers add themselves here.
 * Key lifecycle hovers (only on the eventName of lifecycle events, refused calls and uses of a stopped
 * key) come before the generic CloudTrail event hovers.
 */
export const hoverProviders: HoverProvider[] = [policyHover, lifecycleHover, cloudTrailHover];

export function hoverAt(model: DocumentModel, offset: number): HoverResult | undefined {
  for (const provide of hoverProviders) {
    const h = provide(model, offset);
    if (h) return h;
  }
  return undefined;
}
