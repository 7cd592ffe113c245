/**
 * The goals of issue 13 (point 5), each checked against a figure measured in
 * the same run. The benchmark modules record what they measured; `run.ts`
 * prints the list with PASS or FAIL at the end, so a run says at a glance
 * which goals hold on this machine today.
 */

export interface TargetResult {
  /** What is measured, e.g. "kms-lens grants, x JSON.parse (wall)". */
  what: string;
  measured: number;
  /** The goal is `measured <= goal`. */
  goal: number;
  /** How the figures are written, e.g. "x" or " ms per policy". */
  unit: string;
  digits: number;
}

const results: TargetResult[] = [];

/** Records one measured figure against its goal (at most `goal`). */
export function recordTarget(what: string, measured: number, goal: number, unit: string, digits = 2): void {
  results.push({ what, measured, goal, unit, digits });
}

export function passes(r: TargetResult): boolean {
  return Number.isFinite(r.measured) && r.measured <= r.goal;
}

/** The table of every recorded goal, in the order recorded. */
export function targetTable(list: readonly TargetResult[] = results): string[] {
  if (list.length === 0) return [];
  const figure = (v: number, r: TargetResult): string => `${v.toFixed(r.digits)}${r.unit}`;
  return [
    '',
    'Goals of issue 13, measured in this run',
    '| goal | measured | at most | verdict |',
    '|---|---:|---:|---|',
    ...list.map((r) => `| ${r.what} | ${figure(r.measured, r)} | ${figure(r.goal, r)} | ${passes(r) ? 'PASS' : 'FAIL'} |`),
  ];
}

export function recordedTargets(): readonly TargetResult[] {
  return results;
}
