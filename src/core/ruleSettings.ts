/**
 * Editing the `kmsLens.rules` setting (the "Disable rule X in workspace
 * settings" quick fix): plain functions, so the adapter only reads and writes.
 */
import { isSeveritySetting, type SeveritySetting } from './types';

/** A copy of a `kmsLens.rules` value (whatever the user wrote there) with `ruleId` turned off; invalid entries are kept as they were. */
export function withRuleDisabled(current: unknown, ruleId: string): Record<string, SeveritySetting | unknown> {
  const next: Record<string, unknown> = {};
  if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
    for (const [k, v] of Object.entries(current as Record<string, unknown>)) next[k] = v;
  }
  next[ruleId] = 'off';
  return next;
}

/** Whether a `kmsLens.rules` value sets `ruleId` to a severity other than off (so a broader setting would not win). */
export function setsRuleOn(current: unknown, ruleId: string): boolean {
  if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
  const v = (current as Record<string, unknown>)[ruleId];
  return isSeveritySetting(v) && v !== 'off';
}
