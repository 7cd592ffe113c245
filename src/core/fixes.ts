/**
 * Applying fixes: the quick fix the user picks, fix-all in the editor, and
 * `kms-lens check --fix` all go through here. Fix-all applies, for each
 * finding, the first fix whose safety class cannot widen access
 * (`appliedByFixAll`: repair, neutral; see `FixSafety`), skips fixes
 * whose edits would overlap, and repeats until nothing changes, so running it
 * twice changes nothing. A fix that may let anyone do more is never applied
 * here: it stays a quick fix the user picks.
 *
 * Fix-all also guards against a rule's fix going wrong: a pass whose result
 * has more JSON syntax problems than its input is not taken as a whole; its
 * fixes are then tried one at a time and only those that do not add a syntax
 * problem are kept. A fix that leaves its own finding in place is dropped. A
 * pass that brings back an earlier text (fixes undoing each other) ends the
 * loop on that text.
 */
import { analyze, type Analysis } from './analyze';
import { applyEdits } from './edits';
import { appliedByFixAll, type AnalysisSettings, type DocumentHints, type Finding, type Fix, type TextEdit } from './types';

export { applyEdits };

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point also conflict: their order would be arbitrary.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** A fix whose own edits overlap each other cannot be applied as one change. */
function selfConsistent(fix: Fix): boolean {
  return fix.edits.every((e, i) => e.start <= e.end && fix.edits.every((o, j) => j <= i || !overlaps(e, o)));
}

/** A finding and the fix of it that fix-all applies. */
export interface Candidate {
  finding: Finding;
  fix: Fix;
}

/** The fix fix-all applies for a finding: its first fix that cannot widen access, if any. */
export function fixAllFixOf(finding: Finding): Fix | undefined {
  return finding.fixes?.find(appliedByFixAll);
}

/** The fix-all fix of each finding (optionally of one rule) whose edits overlap no earlier accepted fix. */
function candidates(findings: readonly Finding[], onlyCode?: string): Candidate[] {
  const accepted: Candidate[] = [];
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    if (onlyCode && finding.code !== onlyCode) continue;
    const fix = fixAllFixOf(finding);
    if (!fix || fix.edits.length === 0 || !selfConsistent(fix)) continue;
    if (fix.edits.some((e) => edits.some((a) => overlaps(a, e)))) continue;
    accepted.push({ finding, fix });
    edits.push(...fix.edits);
  }
  return accepted;
}

/** The fix-all fix of each finding (optionally of one rule) whose edits overlap no earlier accepted fix. */
export function fixAllFixes(findings: readonly Finding[], onlyCode?: string): Fix[] {
  return candidates(findings, onlyCode).map((c) => c.fix);
}

/** Where an offset of the old text lands after the edits (inside a replaced range: at its end). */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset) delta += e.newText.length - (e.end - e.start);
    else if (e.start < offset) return e.start + delta + e.newText.length;
  }
  return offset + delta;
}

/** The edits of the fix-all fix of each finding (optionally of one rule), without overlaps. */
export function fixAllEdits(findings: readonly Finding[], onlyCode?: string): TextEdit[] {
  return fixAllFixes(findings, onlyCode).flatMap((f) => f.edits);
}

/** Rules with at least `min` findings that fix-all can fix (for "Fix all problems of this rule"). */
export function fixableCodes(findings: readonly Finding[], min = 1): string[] {
  const counts = new Map<string, number>();
  for (const f of findings) if ((fixAllFixOf(f)?.edits.length ?? 0) > 0) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts.entries()].filter(([, n]) => n >= min).map(([code]) => code);
}

export interface FixAllResult {
  text: string;
  /** Number of fixes applied over all passes. */
  applied: number;
  /** The same, by rule id (what `kms-lens check --fix` reports). */
  byRule: Record<string, number>;
}

/** One pass of fix-all: the text it started from, the fixes it applied (their offsets are in `before`), and the result. */
export interface FixPass {
  before: string;
  applied: readonly Candidate[];
  after: string;
}

/** Text in, analysis out: `analyze` with the document's hints and settings (tests pass their own). */
export type Analyzer = (text: string) => Pick<Analysis, 'findings'> & { model: Pick<Analysis['model'], 'syntaxProblems'> };

/** Applies a set of candidates to the text and analyses the result. */
function tryCandidates(text: string, chosen: readonly Candidate[], run: Analyzer): { text: string; analysis: ReturnType<Analyzer>; edits: TextEdit[] } {
  const edits = chosen.flatMap((c) => c.fix.edits).sort((a, b) => a.start - b.start || a.end - b.end);
  const next = applyEdits(text, edits);
  return { text: next, analysis: run(next), edits };
}

/** A fix is ineffective when its finding is still there afterwards (same rule, message and place). */
function ineffective(c: Candidate, after: ReturnType<Analyzer>, edits: readonly TextEdit[]): boolean {
  const start = mapOffset(c.finding.start, edits);
  return after.findings.some((f) => f.code === c.finding.code && f.message === c.finding.message && f.start === start);
}

/**
 * One pass: the non-overlapping fix-all fixes of `analysis`, applied
 * together. Fixes that leave their own finding in place are dropped (they
 * would only repeat); if the result has more syntax problems than the input,
 * the fixes are tried one at a time and only those that do not add one are kept.
 */
function fixPass(text: string, analysis: ReturnType<Analyzer>, run: Analyzer, onlyCode?: string): { text: string; analysis: ReturnType<Analyzer>; applied: Candidate[] } {
  let chosen = candidates(analysis.findings, onlyCode);
  if (chosen.length === 0) return { text, analysis, applied: [] };
  let result = tryCandidates(text, chosen, run);
  const effective = chosen.filter((c) => !ineffective(c, result.analysis, result.edits));
  if (effective.length < chosen.length) {
    chosen = effective;
    if (chosen.length === 0) return { text, analysis, applied: [] };
    result = tryCandidates(text, chosen, run);
  }
  const baseline = analysis.model.syntaxProblems.length;
  if (result.analysis.model.syntaxProblems.length <= baseline) return { text: result.text, analysis: result.analysis, applied: chosen };
  // Some fix breaks the JSON: keep only the fixes that do not. Every trial applies the kept fixes
  // and one more to the original text (their offsets refer to it).
  let kept: Candidate[] = [];
  let best = { text, analysis };
  for (const c of chosen) {
    const trial = tryCandidates(text, [...kept, c], run);
    if (trial.analysis.model.syntaxProblems.length <= baseline) {
      kept = [...kept, c];
      best = { text: trial.text, analysis: trial.analysis };
    }
  }
  return { ...best, applied: kept };
}

/** Applies the fixes that cannot widen access until none is left (at most `maxPasses` rounds). */
export function fixAll(text: string, hints: DocumentHints, settings: AnalysisSettings, onlyCode?: string, maxPasses = 10): FixAllResult {
  return fixAllWith(text, (t) => analyze(t, hints, settings), onlyCode, maxPasses);
}

/**
 * fixAll over any analyzer: the loop, the guards and the cycle check, testable
 * with made-up findings. `onPass` sees every pass that changed the text (the
 * tests use it to judge each applied fix on the text it was computed for).
 */
export function fixAllWith(text: string, run: Analyzer, onlyCode?: string, maxPasses = 10, onPass?: (pass: FixPass) => void): FixAllResult {
  let current = text;
  let analysis = run(current);
  let applied = 0;
  const byRule: Record<string, number> = {};
  const seen = new Set<string>([current]);
  for (let pass = 0; pass < maxPasses; pass++) {
    const next = fixPass(current, analysis, run, onlyCode);
    if (next.applied.length === 0 || next.text === current) break;
    onPass?.({ before: current, applied: next.applied, after: next.text });
    // Fixes that undo each other: stop on the text where the cycle began, so that a second run is a no-op.
    if (seen.has(next.text)) {
      current = next.text;
      break;
    }
    seen.add(next.text);
    current = next.text;
    applied += next.applied.length;
    for (const c of next.applied) byRule[c.finding.code] = (byRule[c.finding.code] ?? 0) + 1;
    analysis = next.analysis;
  }
  return { text: current, applied, byRule };
}
