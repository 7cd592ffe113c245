/**
 * Hovers: plain functions from (model, offset) to Markdown and the range it
 * describes. Each kind of document contributes its own provider module; the
 * first one that has something to say wins.
 */
import { cloudTrailHover } from '../cloudtrail/hover';
import type { DocumentModel } from '../document/model';
import { policyHover } from '../policy/hover';

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  start: number;
  end: number;
}

export type HoverProvider = (model: DocumentModel, offset: number) => HoverResult | undefined;

/** Registered providers, most specific first. Policy hovers and CloudTrail hovers add themselves here. */
export const hoverProviders: HoverProvider[] = [policyHover, cloudTrailHover];

export function hoverAt(model: DocumentModel, offset: number): HoverResult | undefined {
  for (const provide of hoverProviders) {
    const h = provide(model, offset);
    if (h) return h;
  }
  return undefined;
}
