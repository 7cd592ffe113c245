/**
 * The one entry point the extension and the CLI share: text in, findings out.
 * The same text with the same settings gives the same findings in both.
 */
import { buildModel, eventRecords, rangeInRecord, type DocumentModel } from './document/model';
import { t } from './l10n';
import { policiesOf } from './policy/locate';
import type { PolicyModel } from './policy/model';
import { allRules, ruleById } from './rules/registry';
import type { EventContext, Report, Rule } from './rules/rule';
import { DEFAULT_SETTINGS, type AnalysisSettings, type DocumentHints, type Finding, type Fix, type Severity } from './types';

export interface Analysis {
  model: DocumentModel;
  findings: Finding[];
}

export function analyze(text: string, hints: DocumentHints = {}, settings: AnalysisSettings = DEFAULT_SETTINGS): Analysis {
  const model = buildModel(text, hints, { maxFileSize: settings.maxFileSize });
  return { model, findings: runRules(model, settings) };
}

function effectiveSeverity(rule: Rule, settings: AnalysisSettings): Severity | undefined {
  const s = settings.rules[rule.id];
  if (s === 'off') return undefined;
  return s ?? rule.defaultSeverity;
}

/** Runs every enabled rule that applies to the model; never throws. */
export function runRules(model: DocumentModel, settings: AnalysisSettings = DEFAULT_SETTINGS): Finding[] {
  const findings: Finding[] = [];
  if (model.kind === 'other') return findings;
  let events: EventContext[] | undefined;
  let policies: PolicyModel[] | undefined;
  for (const rule of allRules) {
    const severity = effectiveSeverity(rule, settings);
    if (!severity || rule.scope === 'meta') continue;
    const reportIn = (mapOffset: (o: number) => number, encode: (s: string) => string): Report => (f) => {
      findings.push({
        code: rule.id,
        severity,
        message: f.message,
        start: mapOffset(f.start),
        end: mapOffset(f.end),
        fixes: f.fixes?.map((fix) => mapFix(fix, mapOffset, encode)),
      });
    };
    const direct = reportIn((o) => o, (s) => s);
    try {
      switch (rule.scope) {
        case 'document':
          if (rule.kinds.includes(model.kind)) rule.check(model, direct);
          break;
        case 'policy':
          for (const policy of (policies ??= policiesOf(model))) {
            if (rule.kinds.includes(policy.kind)) rule.check(policy, reportIn(policy.toDocument, policy.encode));
          }
          break;
        case 'event':
          for (const e of (events ??= eventContexts(model))) if (!e.record.broken) rule.check(e, direct);
          break;
        case 'log':
          rule.check((events ??= eventContexts(model)).filter((e) => !e.record.broken), direct);
          break;
      }
    } catch (err) {
      pushInternalError(findings, rule.id, err, settings);
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return limit(findings, settings);
}

function mapFix(fix: Fix, mapOffset: (o: number) => number, encode: (s: string) => string): Fix {
  return { ...fix, edits: fix.edits.map((e) => ({ start: mapOffset(e.start), end: mapOffset(e.end), newText: encode(e.newText) })) };
}

export function eventContexts(model: DocumentModel): EventContext[] {
  return eventRecords(model).map((record) => ({
    model,
    record,
    event: record.value as Record<string, unknown>,
    range: (path, target) => rangeInRecord(model, record, path, target),
  }));
}

function pushInternalError(findings: Finding[], ruleId: string, err: unknown, settings: AnalysisSettings): void {
  const rule = ruleById.get('internal-error');
  const severity = rule && effectiveSeverity(rule, settings);
  if (!severity) return;
  const detail = err instanceof Error ? err.message : String(err);
  findings.push({ code: 'internal-error', severity, message: t('Rule {0} failed on this document ({1}). Other rules still ran.', ruleId, detail), start: 0, end: 0 });
}

function limit(findings: Finding[], settings: AnalysisSettings): Finding[] {
  if (findings.length <= settings.maxFindings) return findings;
  const kept = findings.slice(0, Math.max(0, settings.maxFindings));
  const rule = ruleById.get('too-many-findings');
  const severity = rule && effectiveSeverity(rule, settings);
  if (severity) {
    kept.push({
      code: 'too-many-findings',
      severity,
      message: t('{0} more findings are not shown (limit {1}).', findings.length - kept.length, settings.maxFindings),
      start: 0,
      end: 0,
    });
  }
  return kept;
}
