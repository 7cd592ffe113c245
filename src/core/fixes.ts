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
import { buildModel } from './document/model';
import { applyEdits } from './edits';
import { appliedByFixAll, type AnalysisSettings, type DocumentHints, type Finding, type Fix, type TextEdit } from './types';
import { partitionPoint } from './sortedSearch';

export { applyEdits };

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point also conflict: their order would be arbitrary.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

function byPosition(a: TextEdit, b: TextEdit): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * A fix whose own edits overlap each other cannot be applied as one change.
 * Sorted, an overlap shows between neighbours or with the edit that reaches
 * furthest (a fix replacing 40,000 curly quotes is checked in n log n, not n²).
 */
function selfConsistent(fix: Fix): boolean {
  if (fix.edits.some((e) => e.start > e.end)) return false;
  const sorted = [...fix.edits].sort(byPosition);
  let furthest: TextEdit | undefined;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (!furthest || prev.end > furthest.end) furthest = prev;
    if (overlaps(prev, sorted[i]) || overlaps(furthest, sorted[i])) return false;
  }
  return true;
}

/** Edits that do not overlap each other, sorted, with an overlap test in log n (fix-all accepts thousands). */
class DisjointEdits {
  private readonly edits: TextEdit[] = [];

  /** Index of the first edit that sorts at or after `e`. */
  private lowerBound(e: TextEdit): number {
    return partitionPoint(this.edits.length, (i) => byPosition(this.edits[i], e) < 0);
  }

  overlapsAny(e: TextEdit): boolean {
    const at = this.lowerBound(e);
    // The edits are disjoint, so only the one before can reach into `e`; after it, those that start inside it.
    if (at > 0 && overlaps(this.edits[at - 1], e)) return true;
    for (let i = at; i < this.edits.length && this.edits[i].start <= e.end; i++) {
      if (overlaps(this.edits[i], e)) return true;
    }
    return false;
  }

  add(e: TextEdit): void {
    this.edits.splice(this.lowerBound(e), 0, e);
  }
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
  const edits = new DisjointEdits();
  for (const finding of findings) {
    if (onlyCode && finding.code !== onlyCode) continue;
    const fix = fixAllFixOf(finding);
    if (!fix || fix.edits.length === 0 || !selfConsistent(fix)) continue;
    if (fix.edits.some((e) => edits.overlapsAny(e))) continue;
    accepted.push({ finding, fix });
    for (const e of fix.edits) edits.add(e);
  }
  return accepted;
}

/** The fix-all fix of each finding (optionally of one rule) whose edits overlap no earlier accepted fix. */
export function fixAllFixes(findings: readonly Finding[], onlyCode?: string): Fix[] {
  return candidates(findings, onlyCode).map((c) => c.fix);
}

/**
 * Where offsets of the old text land after the edits (sorted; inside a
 * replaced range: at its end). One merge over both lists, not a walk of the
 * edits per offset.
 */
function mapOffsets(offsets: readonly number[], edits: readonly TextEdit[]): number[] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
  const out = new Array<number>(offsets.length);
  let delta = 0;
  let k = 0;
  for (const i of order) {
    const offset = offsets[i];
    while (k < edits.length && edits[k].end <= offset) {
      delta += edits[k].newText.length - (edits[k].end - edits[k].start);
      k++;
    }
    // Edits are disjoint: the next one (if it starts before the offset) is the only one around it.
    const e = edits[k];
    out[i] = e && e.start < offset ? e.start + delta + e.newText.length : offset + delta;
  }
  return out;
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

/** Text in, the number of its syntax problems out: what the analyzer's model would say, without running the rules. */
export type SyntaxCounter = (text: string) => number;

/** Applies a set of candidates to the text and analyses the result. */
function tryCandidates(text: string, chosen: readonly Candidate[], run: Analyzer): { text: string; analysis: ReturnType<Analyzer>; edits: TextEdit[] } {
  const edits = chosen.flatMap((c) => c.fix.edits).sort((a, b) => a.start - b.start || a.end - b.end);
  const next = applyEdits(text, edits);
  return { text: next, analysis: run(next), edits };
}

/**
 * The candidates whose finding is still there afterwards (same rule, message
 * and place) while no finding of its kind went away: a fix that removes the
 * second of 20,000 repeated actions leaves the third, with the same message, in
 * its place, and is effective all the same.
 */
function ineffectiveOnes(chosen: readonly Candidate[], before: ReturnType<Analyzer>, after: ReturnType<Analyzer>, edits: readonly TextEdit[]): Set<Candidate> {
  const kindOf = (f: Finding): string => `${f.code}\u0000${f.message}`;
  const count = (findings: readonly Finding[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const f of findings) m.set(kindOf(f), (m.get(kindOf(f)) ?? 0) + 1);
    return m;
  };
  const countBefore = count(before.findings);
  const countAfter = count(after.findings);
  const placed = new Set(after.findings.map((f) => `${kindOf(f)}\u0000${f.start}`));
  const starts = mapOffsets(chosen.map((c) => c.finding.start), edits);
  const out = new Set<Candidate>();
  chosen.forEach((c, i) => {
    const kind = kindOf(c.finding);
    if ((countAfter.get(kind) ?? 0) < (countBefore.get(kind) ?? 0)) return;
    if (placed.has(`${kind}\u0000${starts[i]}`)) out.add(c);
  });
  return out;
}

/**
 * One pass: the non-overlapping fix-all fixes of `analysis`, applied
 * together. Fixes that leave their own finding in place are dropped (they
 * would only repeat); if the result has more syntax problems than the input,
 * the fixes are tried one at a time and only those that do not add one are kept.
 */
function fixPass(text: string, analysis: ReturnType<Analyzer>, run: Analyzer, onlyCode?: string, syntaxProblems: SyntaxCounter = (t) => run(t).model.syntaxProblems.length): { text: string; analysis: ReturnType<Analyzer>; applied: Candidate[] } {
  let chosen = candidates(analysis.findings, onlyCode);
  if (chosen.length === 0) return { text, analysis, applied: [] };
  let result = tryCandidates(text, chosen, run);
  const dropped = ineffectiveOnes(chosen, analysis, result.analysis, result.edits);
  const effective = chosen.filter((c) => !dropped.has(c));
  if (effective.length < chosen.length) {
    chosen = effective;
    if (chosen.length === 0) return { text, analysis, applied: [] };
    result = tryCandidates(text, chosen, run);
  }
  const baseline = analysis.model.syntaxProblems.length;
  if (result.analysis.model.syntaxProblems.length <= baseline) return { text: result.text, analysis: result.analysis, applied: chosen };
  // Some fix breaks the JSON: keep only the fixes that do not. Every trial applies the kept fixes
  // and a group more to the original text (their offsets refer to it); a group that breaks it is
  // split in halves, so a few bad fixes among thousands cost a few dozen trials, not thousands.
  // A trial only counts syntax problems (a parse, not the rules: with thousands of findings an
  // analysis is a hundred times dearer); the kept fixes' text is analysed once, at the end.
  let kept: Candidate[] = [];
  let keptText = text;
  const pending: Candidate[][] = [chosen.slice(0, Math.ceil(chosen.length / 2)), chosen.slice(Math.ceil(chosen.length / 2))];
  while (pending.length > 0) {
    const group = pending.shift() as Candidate[];
    if (group.length === 0) continue;
    const trial = [...kept, ...group];
    const trialText = applyEdits(text, trial.flatMap((c) => c.fix.edits).sort((a, b) => a.start - b.start || a.end - b.end));
    if (syntaxProblems(trialText) <= baseline) {
      kept = trial;
      keptText = trialText;
    } else if (group.length > 1) {
      const half = Math.ceil(group.length / 2);
      pending.unshift(group.slice(0, half), group.slice(half));
    }
  }
  return kept.length === 0 ? { text, analysis, applied: [] } : { text: keptText, analysis: run(keptText), applied: kept };
}

/** Applies the fixes that cannot widen access until none is left (at most `maxPasses` rounds). */
export function fixAll(text: string, hints: DocumentHints, settings: AnalysisSettings, onlyCode?: string, maxPasses = 10): FixAllResult {
  // Every finding, not the first maxFindings: with the cap, 20,000 repeated actions took more passes
  // than maxPasses, and a second Fix all still found something to do.
  const uncapped: AnalysisSettings = { ...settings, maxFindings: Number.MAX_SAFE_INTEGER };
  return fixAllWith(text, (t) => analyze(t, hints, uncapped), onlyCode, maxPasses, undefined, (t) => buildModel(t, hints, { maxFileSize: settings.maxFileSize }).syntaxProblems.length);
}

/**
 * fixAll over any analyzer: the loop, the guards and the cycle check, testable
 * with made-up findings. `onPass` sees every pass that changed the text (the
 * tests use it to judge each applied fix on the text it was computed for).
 */
export function fixAllWith(text: string, run: Analyzer, onlyCode?: string, maxPasses = 10, onPass?: (pass: FixPass) => void, syntaxProblems?: SyntaxCounter): FixAllResult {
  let current = text;
  let analysis = run(current);
  let applied = 0;
  const byRule: Record<string, number> = {};
  const seen = new Set<string>([current]);
  for (let pass = 0; pass < maxPasses; pass++) {
    const next = fixPass(current, analysis, run, onlyCode, syntaxProblems);
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
