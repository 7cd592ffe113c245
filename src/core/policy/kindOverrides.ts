/**
 * The user's word on a file's policy kind: `kmsLens.policyKinds` in the
 * editor, `--kind GLOB=KIND` in the CLI, both a map from file globs to kinds.
 * Resolved here so that both match paths the same way.
 */
import { matchesGlob } from '../text/glob';
import { isPolicyKind, type PolicyKind } from './kinds';

/**
 * The kind the overrides give a file, if any. `path` is the file's path
 * relative to the workspace folder (editor) or the current directory (CLI).
 * When several patterns match, the longest (the most specific) wins.
 */
export function kindForFile(path: string | undefined, overrides: Readonly<Record<string, unknown>> | undefined): PolicyKind | undefined {
  if (!path || !overrides) return undefined;
  let best: { glob: string; kind: PolicyKind } | undefined;
  for (const [glob, kind] of Object.entries(overrides)) {
    if (!isPolicyKind(kind) || !matchesGlob(path, glob)) continue;
    if (!best || glob.length > best.glob.length) best = { glob, kind };
  }
  return best?.kind;
}
