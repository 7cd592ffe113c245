/**
 * "Did you mean" for policy names, with the rule the quick fixes follow: offer
 * up to three nearest names, and call one `sure` only when exactly one of them
 * is close (a case difference or at most two edits), so `StringEqual` has one
 * reading, `StringEquals`, but `Decript` with two plausible readings does not.
 * Only a sure fix can be applied by fix-all, and only when it cannot widen
 * access (policy/fixSafety.ts).
 */
import { editDistance, nearest } from '../text/suggest';

export interface Suggestions {
  /** Up to `max` names, nearest first. */
  names: string[];
  /** The one close name, when there is exactly one. */
  sure?: string;
}

const cache = new WeakMap<readonly string[], Map<string, Suggestions>>();

/** Suggestions for `word` among `candidates` (cached per candidate list: the same typo is often repeated across files). */
export function suggest(word: string, candidates: readonly string[], max = 3): Suggestions {
  let byWord = cache.get(candidates);
  if (!byWord) cache.set(candidates, (byWord = new Map()));
  const key = `${max}\u0000${word}`;
  let s = byWord.get(key);
  if (!s) {
    s = compute(word, candidates, max);
    if (byWord.size < 2000) byWord.set(key, s);
  }
  return { names: [...s.names], sure: s.sure };
}

function compute(word: string, candidates: readonly string[], max: number): Suggestions {
  const sameCase = candidates.filter((c) => c.toLowerCase() === word.toLowerCase() && c !== word);
  if (sameCase.length === 1) return { names: sameCase, sure: sameCase[0] };
  const names = nearest(word, candidates, max);
  const close = names.filter((n) => editDistance(word, n) <= 2);
  return { names, sure: close.length === 1 ? close[0] : undefined };
}
