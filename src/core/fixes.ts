/**
 * Applying fixes: the quick fix the user picks, fix-all in the editor, and
 * `kms-lens check --fix` all go through here. Fix-all applies the preferred
 * fix of each finding, skips fixes whose edits would overlap, and repeats until
 * nothing changes, so running it twice changes nothing.
 */
import { analyze } from './analyze';
import type { AnalysisSettings, DocumentHints, Finding, TextEdit } from './types';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point also conflict: their order would be arbitrary.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** The edits of the preferred fix of each finding (optionally of one rule), without overlaps. */
export function preferredEdits(findings: readonly Finding[], onlyCode?: string): TextEdit[] {
  const accepted: TextEdit[] = [];
  for (const f of findings) {
    if (onlyCode && f.code !== onlyCode) continue;
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    accepted.push(...fix.edits);
  }
  return accepted;
}

export interface FixAllResult {
  text: string;
  /** Number of edits applied over all passes. */
  applied: number;
}

/** Applies preferred fixes until none is left (at most `maxPasses` rounds). */
export function fixAll(text: string, hints: DocumentHints, settings: AnalysisSettings, onlyCode?: string, maxPasses = 10): FixAllResult {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const edits = preferredEdits(analyze(current, hints, settings).findings, onlyCode);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    applied += edits.length;
  }
  return { text: current, applied };
}
