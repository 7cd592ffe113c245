/**
 * "Repair pasted JSON": what chat tools, word processors and hand edits do to
 * JSON (curly quotes, bare property names, trailing and missing commas,
 * comments), undone, and nothing else. It is fix-all with every rule that is
 * not about JSON syntax left out, so it applies exactly the fixes fix-all
 * would apply for those rules, under the same guards; the policy and the
 * events are not touched.
 */
import { fixAll, type FixAllResult } from './fixes';
import { allRules } from './rules/registry';
import { syntaxRules } from './syntax';
import type { AnalysisSettings, DocumentHints, SeveritySetting } from './types';

/** The JSON syntax rules, and their twin inside a policy held in a JSON string (a PutKeyPolicy event). */
const JSON_RULES = new Set([...syntaxRules.map((r) => r.id), 'policy-string-syntax']);

/**
 * Repairs the JSON of a text; `byRule` says what it changed. The syntax rules
 * run whatever the settings say of them: the user asked for this repair.
 */
export function repairJson(text: string, hints: DocumentHints, settings: AnalysisSettings): FixAllResult {
  const rules: Record<string, SeveritySetting | undefined> = {};
  for (const r of allRules) rules[r.id] = JSON_RULES.has(r.id) ? undefined : 'off';
  return fixAll(text, hints, { ...settings, rules, maxFindings: Number.MAX_SAFE_INTEGER });
}
