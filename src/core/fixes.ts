/**
 * Applying fixes: the quick fix the user picks, fix-all in the editor, and
 * `kms-lens check --fix` all go through here. Fix-all applies the preferred
 * fix of each finding, skips fixes whose edits would overlap, and repeats until
 * nothing changes, so running it twice changes nothing.
 *
 * Fix-all also guards against a rule's fix going wrong: a pass whose result
 * has more JSON syntax problems than its input is not taken as a whole; its
 * fixes are then tried one at a time and only those that do not add a syntax
 * problem are kept. A pass that would bring back an earlier text (two fixes
 * undoing each other) ends the loop.
 */
import { analyze, type Analysis } from './analyze';
import type { AnalysisSettings, DocumentHints, Finding, Fix, TextEdit } from './types';

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

/** A fix whose own edits overlap each other cannot be applied as one change. */
function selfConsistent(fix: Fix): boolean {
  return fix.edits.every((e, i) => e.start <= e.end && fix.edits.every((o, j) => j <= i || !overlaps(e, o)));
}

/** The preferred fix of each finding (optionally of one rule) whose edits overlap no earlier accepted fix. */
export function preferredFixes(findings: readonly Finding[], onlyCode?: string): Fix[] {
  const accepted: Fix[] = [];
  const edits: TextEdit[] = [];
  for (const f of findings) {
    if (onlyCode && f.code !== onlyCode) continue;
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix || fix.edits.length === 0 || !selfConsistent(fix)) continue;
    if (fix.edits.some((e) => edits.some((a) => overlaps(a, e)))) continue;
    accepted.push(fix);
    edits.push(...fix.edits);
  }
  return accepted;
}

/** The edits of the preferred fix of each finding (optionally of one rule), without overlaps. */
export function preferredEdits(findings: readonly Finding[], onlyCode?: string): TextEdit[] {
  return preferredFixes(findings, onlyCode).flatMap((f) => f.edits);
}

/** Rules with at least `min` findings that have a preferred fix (for "Fix all problems of this rule"). */
export function fixableCodes(findings: readonly Finding[], min = 1): string[] {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.fixes?.some((x) => x.preferred && x.edits.length > 0)) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts.entries()].filter(([, n]) => n >= min).map(([code]) => code);
}

export interface FixAllResult {
  text: string;
  /** Number of fixes applied over all passes. */
  applied: number;
}

/**
 * One pass: the non-overlapping preferred fixes of `analysis`, applied together
 * unless that adds a syntax problem, in which case one by one, keeping each
 * that does not.
 */
function fixPass(text: string, analysis: Analysis, hints: DocumentHints, settings: AnalysisSettings, onlyCode?: string): { text: string; analysis?: Analysis; applied: number } {
  const fixes = preferredFixes(analysis.findings, onlyCode);
  if (fixes.length === 0) return { text, analysis, applied: 0 };
  const baseline = analysis.model.syntaxProblems.length;
  const together = applyEdits(text, fixes.flatMap((f) => f.edits));
  const after = analyze(together, hints, settings);
  if (after.model.syntaxProblems.length <= baseline) return { text: together, analysis: after, applied: fixes.length };
  // Some fix breaks the JSON: keep only the fixes that do not. Later fixes' offsets refer to the
  // original text, so each is applied to the original together with the ones kept so far.
  let kept: TextEdit[] = [];
  let keptText = text;
  let keptAnalysis: Analysis | undefined = analysis;
  let applied = 0;
  for (const fix of fixes) {
    const trial = [...kept, ...fix.edits];
    const candidate = applyEdits(text, trial);
    const result = analyze(candidate, hints, settings);
    if (result.model.syntaxProblems.length <= baseline) {
      kept = trial;
      keptText = candidate;
      keptAnalysis = result;
      applied++;
    }
  }
  return { text: keptText, analysis: keptAnalysis, applied };
}

/** Applies preferred fixes until none is left (at most `maxPasses` rounds). */
export function fixAll(text: string, hints: DocumentHints, settings: AnalysisSettings, onlyCode?: string, maxPasses = 10): FixAllResult {
  let current = text;
  let analysis = analyze(current, hints, settings);
  let applied = 0;
  const seen = new Set<string>([current]);
  for (let pass = 0; pass < maxPasses; pass++) {
    const next = fixPass(current, analysis, hints, settings, onlyCode);
    if (next.applied === 0 || next.text === current || seen.has(next.text)) break;
    seen.add(next.text);
    current = next.text;
    applied += next.applied;
    analysis = next.analysis ?? analyze(current, hints, settings);
  }
  return { text: current, applied };
}
