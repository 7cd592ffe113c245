/**
 * The one entry point the extension and the CLI share: text in, findings out.
 * The same text with the same settings gives the same findings in both.
 */
import type { KnownKeyPolicies } from './access/knownPolicies';
import type { PolicyUsage } from './access/unused';
import { recordAt } from './cloudtrail/event';
import { buildModel, eventRecords, rangeInRecord, type DocumentModel } from './document/model';
import { encodeJsonStringContent } from './policy/jsonString';
import * as l10n from '@vscode/l10n';
import { kindLabel } from './policy/kinds';
import { withEdits } from './policy/fixSafety';
import { inKmsScope } from './policy/kmsScope';
import { policiesOf } from './policy/locate';
import type { PolicyModel } from './policy/model';
import { allRules } from './rules/registry';
import type { EventContext, EventRule, LogRule, PolicyRule, Report, Rule } from './rules/rule';
import { internalError } from './rules/meta/internalError';
import { tooManyFindings } from './rules/meta/tooManyFindings';
import { DEFAULT_SETTINGS, FIX_ALL_SAFETIES, type AnalysisSettings, type DocumentHints, type Finding, type Fix, type Severity } from './types';
import { countBelow } from './sortedSearch';

export interface Analysis {
  model: DocumentModel;
  findings: Finding[];
}

export function analyze(text: string, hints: DocumentHints = {}, settings: AnalysisSettings = DEFAULT_SETTINGS): Analysis {
  const model = buildModel(text, hints, { maxFileSize: settings.maxFileSize });
  return { model, findings: runRules(model, settings) };
}

const SEVERE: ReadonlySet<Severity> = new Set(['error', 'warning']);

function atMostInformation(severity: Severity): Severity {
  return SEVERE.has(severity) ? 'information' : severity;
}

function effectiveSeverity(rule: Rule, settings: AnalysisSettings): Severity | undefined {
  // A setting under the rule's former id still counts (the current id wins when both are set).
  const s = settings.rules[rule.id] ?? rule.formerIds?.map((id) => settings.rules[id]).find((x) => x !== undefined);
  if (s === 'off') return undefined;
  return s ?? rule.defaultSeverity;
}

/**
 * Whether a finding's verdict depends on which kind the policy is, when the
 * kind is uncertain. Rules say which kinds they judge (`kinds`): a rule that
 * judges every kind the policy may be, on a part that is about KMS in each of
 * them (a misspelt `kms:` action, a malformed key ARN), says the same
 * whatever the kind, so its finding keeps its severity. Any other finding
 * (the key policy's Resource rule on what may be a VPC endpoint policy) is
 * information at most.
 */
function dependsOnKind(rule: PolicyRule, policy: PolicyModel, f: { start: number; end: number }): boolean {
  if (policy.decision.certain) return false;
  return [policy.kind, ...policy.decision.alternatives].some((k) => !rule.kinds.includes(k) || !inKmsScope(policy, f, k));
}

interface EnabledRule<R extends Rule = Rule> {
  rule: R;
  severity: Severity;
}

/** The enabled rules, by the phase of the run they take part in (each list in the registry's order). */
interface EnabledRules {
  /** Document and policy rules, in the registry's order (the order their findings are pushed in). */
  documentAndPolicy: EnabledRule[];
  event: Array<EnabledRule<EventRule>>;
  log: Array<EnabledRule<LogRule>>;
}

const enabledCache = new WeakMap<AnalysisSettings['rules'], EnabledRules>();

/**
 * The rules the settings turn on, with their severities. Kept per `rules`
 * object: the CLI and the editor analyse many documents with the same one
 * (split once here, not filtered again for each of 2,000 policies).
 */
function enabledRules(settings: AnalysisSettings): EnabledRules {
  let lists = enabledCache.get(settings.rules);
  if (!lists) {
    const all = allRules.flatMap((rule) => {
      const severity = effectiveSeverity(rule, settings);
      return severity && rule.scope !== 'meta' ? [{ rule, severity }] : [];
    });
    lists = {
      documentAndPolicy: all.filter((r) => r.rule.scope === 'document' || r.rule.scope === 'policy'),
      event: all.filter((r): r is EnabledRule<EventRule> => r.rule.scope === 'event'),
      log: all.filter((r): r is EnabledRule<LogRule> => r.rule.scope === 'log'),
    };
    enabledCache.set(settings.rules, lists);
  }
  return lists;
}

/** Runs every enabled rule that applies to the model; never throws. */
export function runRules(model: DocumentModel, settings: AnalysisSettings = DEFAULT_SETTINGS, context: AnalysisContext = {}): Finding[] {
  const run = ruleRun(model, settings, Infinity, context);
  let step = run.next();
  while (!step.done) step = run.next();
  return step.value;
}

/** How a long analysis shares the thread: it yields between chunks of events and can be stopped. */
export interface RunControl {
  /** Events analysed between two yields. */
  chunkSize: number;
  /** Called between chunks with the events done so far. */
  onProgress?(done: number, total: number): void;
  /** Checked between chunks; true stops the run (the result is then undefined). */
  isCancelled?(): boolean;
  /** Gives the thread back to the host (e.g. `new Promise(r => setImmediate(r))`). */
  pause(): Promise<void>;
}

/** The same findings as runRules, computed in chunks of events so the caller's thread stays responsive. */
export async function runRulesAsync(model: DocumentModel, settings: AnalysisSettings, control: RunControl, context: AnalysisContext = {}): Promise<Finding[] | undefined> {
  const run = ruleRun(model, settings, Math.max(1, control.chunkSize), context);
  let step = run.next();
  while (!step.done) {
    control.onProgress?.(step.value.done, step.value.total);
    await control.pause();
    if (control.isCancelled?.()) return undefined;
    step = run.next();
  }
  return step.value;
}

interface Progress {
  done: number;
  total: number;
}

/**
 * The rule runner. Document and policy rules run first; event rules run event
 * by event in document order, so that once the first `maxFindings` findings are
 * known to lie before the current event, later events are only counted: their
 * findings could not be shown, and computing their ranges is what would make a
 * 40 MB log with a finding in every event slow. Log rules run last.
 */
/** What the caller knows beyond the document itself (the editor: the workspace's key policies). */
export interface AnalysisContext {
  /** Key policies known from other files and logs (access/knownPolicies.ts): events are judged against them too. */
  known?: KnownKeyPolicies;
  /** When the document holds a key's current policy: the logs whose events tell which statements were used (access/unused.ts). */
  usage?: PolicyUsage;
}

function* ruleRun(model: DocumentModel, settings: AnalysisSettings, chunkSize: number, context: AnalysisContext = {}): Generator<Progress, Finding[]> {
  const findings: Finding[] = [];
  if (model.kind === 'other') return findings;
  let policies: PolicyModel[] | undefined;
  const failed = new Set<string>();
  const fail = (ruleId: string, err: unknown): void => {
    if (failed.has(ruleId)) return;
    failed.add(ruleId);
    pushInternalError(findings, ruleId, err, settings);
  };
  const reporter = (rule: Rule, severity: Severity, mapOffset: (o: number) => number, encode: (s: string) => string, mapEdits?: PolicyModel['mapEdits']): Report => (f) => {
    findings.push({
      code: rule.id,
      severity: f.atMostInformation ? atMostInformation(severity) : severity,
      message: f.message,
      start: mapOffset(f.start),
      end: mapOffset(f.end),
      // A fix whose edit stands on a range that was not found in the text would overwrite what is there.
      fixes: f.fixes?.filter((fix) => !fix.edits.some((e) => (e as { unlocated?: true }).unlocated)).flatMap((fix) => mapFix(fix, mapOffset, encode, mapEdits) ?? []),
    });
  };
  // A policy rule speaks about a policy only within what its kind leaves to KMS Lens (policy/kmsScope.ts),
  // and where the kind is uncertain and the finding depends on it, at most as information (policy/detectKind.ts).
  const policyReporter = (rule: PolicyRule, severity: Severity, policy: PolicyModel): Report => {
    const mapEdits = policy.mapEdits?.bind(policy);
    const sure = reporter(rule, severity, policy.toDocument, policy.encode, mapEdits);
    const unsure = reporter(rule, atMostInformation(severity), policy.toDocument, policy.encode, mapEdits);
    return (f) => {
      if (!inKmsScope(policy, f)) return;
      if (!dependsOnKind(rule, policy, f)) {
        sure(f);
        return;
      }
      // Its fixes assume the kind too, so fix-all leaves them to the user.
      const fixes = f.fixes?.map((x): Fix => (FIX_ALL_SAFETIES.has(x.safety) ? { ...x, safety: 'review' } : x));
      // Worded here, not per rule and policy: most rules report nothing, and l10n.t is not free.
      const note = SEVERE.has(severity) ? l10n.t('(Information only: KMS Lens is not sure this is {0}.)', kindLabel(policy.kind, policy.decision.service)) : undefined;
      unsure({ ...f, message: note ? `${f.message} ${note}` : f.message, fixes });
    };
  };
  const policyContext = { model, usage: context.usage };
  const direct = (rule: Rule, severity: Severity): Report => reporter(rule, severity, (o) => o, (x) => x);
  const lists = enabledRules(settings);

  for (const { rule, severity } of lists.documentAndPolicy) {
    try {
      if (rule.scope === 'document') {
        if (rule.kinds.includes(model.kind)) rule.check(model, direct(rule, severity), settings);
      } else if (rule.scope === 'policy') {
        for (const policy of (policies ??= policiesOf(model))) {
          if (!rule.kinds.includes(policy.kind)) continue;
          // Made on the first finding: most rules report nothing on most policies, and each reporter is four closures.
          let report: Report | undefined;
          rule.check(policy, (f) => (report ??= policyReporter(rule, severity, policy))(f), policyContext);
        }
      }
    } catch (err) {
      fail(rule.id, err);
    }
  }

  const logRules = lists.log;
  // Damaged events too: their values are what parses of them (document/sound.ts), as the grants model reads them.
  const events = lists.event.length > 0 || logRules.length > 0 ? eventContexts(model, context.known) : [];
  const eventRules = events.length === 0 ? [] : lists.event.map((r) => ({ rule: r.rule, severity: r.severity, direct: direct(r.rule, r.severity), failed: failed.has(r.rule.id) }));
  const before = events.length === 0 ? [] : findings.map((f) => f.start).sort((a, b) => a - b);
  let omitted = 0;
  let counting = false;
  let sinceYield = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!counting && findings.length - before.length + countBelow(before, e.record.start) >= settings.maxFindings) counting = true;
    // Counting mode: the rules run as usual, but ranges are not computed and nothing is kept.
    const ctx: EventContext = counting ? { ...e, range: () => ({ start: e.record.start, end: e.record.start }) } : e;
    const report: Report = counting ? () => void omitted++ : undefined!;
    for (const r of eventRules) {
      if (r.failed) continue;
      try {
        // An event in a string (lookup-events output): replacement text is written as string content.
        const direct = e.record.inString && !counting ? reporter(r.rule, r.severity, (o) => o, encodeJsonStringContent) : r.direct;
        r.rule.check(ctx, counting ? report : direct);
      } catch (err) {
        r.failed = true;
        fail(r.rule.id, err);
      }
    }
    if (++sinceYield >= chunkSize && i + 1 < events.length) {
      sinceYield = 0;
      yield { done: i + 1, total: events.length };
    }
  }
  const inStrings = events.some((e) => e.record.inString);
  for (const { rule, severity } of logRules) {
    try {
      rule.check(events, inStrings ? stringAwareReporter(rule, severity, model, reporter) : direct(rule, severity));
    } catch (err) {
      fail(rule.id, err);
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return limit(findings, settings, omitted);
}

/** For rules that see every event: an edit inside an event held in a string is written as string content. */
function stringAwareReporter(rule: Rule, severity: Severity, model: DocumentModel, reporter: (rule: Rule, severity: Severity, map: (o: number) => number, encode: (s: string) => string) => Report): Report {
  const plain = reporter(rule, severity, (o) => o, (x) => x);
  const escaped = reporter(rule, severity, (o) => o, encodeJsonStringContent);
  return (f) => {
    const at = f.fixes?.[0]?.edits[0]?.start;
    (at !== undefined && recordAt(model, at)?.inString ? escaped : plain)(f);
  };
}

/** A fix's edits in document offsets; undefined when the policy's language cannot take them (the fix is left out). */
function mapFix(fix: Fix, mapOffset: (o: number) => number, encode: (s: string) => string, mapEdits?: PolicyModel['mapEdits']): Fix | undefined {
  if (mapEdits) {
    const edits = mapEdits(fix.edits);
    return edits ? withEdits(fix, edits) : undefined;
  }
  return withEdits(fix, fix.edits.map((e) => ({ start: mapOffset(e.start), end: mapOffset(e.end), newText: encode(e.newText) })));
}

export function eventContexts(model: DocumentModel, known?: KnownKeyPolicies): EventContext[] {
  // `range` is a closure, not a method: rules destructure it from the context.
  return eventRecords(model).map((record) => ({
    model,
    record,
    event: record.value as Record<string, unknown>,
    range: (path, target) => rangeInRecord(model, record, path, target),
    known,
  }));
}

function pushInternalError(findings: Finding[], ruleId: string, err: unknown, settings: AnalysisSettings): void {
  const severity = effectiveSeverity(internalError, settings);
  if (!severity) return;
  const detail = err instanceof Error ? err.message : String(err);
  findings.push({ code: internalError.id, severity, message: l10n.t('Rule {0} failed on this document ({1}). Other rules still ran.', ruleId, detail), start: 0, end: 0 });
}

/** `3 more findings are not shown (limit 1000). Raise --max-findings to see them.` */
function moreFindings(more: number, settings: AnalysisSettings): string {
  const shown = more === 1
    ? l10n.t('1 more finding is not shown (limit {0}).', settings.maxFindings)
    : l10n.t('{0} more findings are not shown (limit {1}).', more, settings.maxFindings);
  const name = settings.limitNames?.maxFindings;
  return name ? `${shown} ${l10n.t('Raise {0} to see them all.', name)}` : shown;
}

function limit(findings: Finding[], settings: AnalysisSettings, omitted = 0): Finding[] {
  if (findings.length + omitted <= settings.maxFindings) return findings;
  const kept = findings.slice(0, Math.max(0, settings.maxFindings));
  const severity = effectiveSeverity(tooManyFindings, settings);
  if (severity) {
    kept.push({
      code: tooManyFindings.id,
      severity,
      message: moreFindings(findings.length + omitted - kept.length, settings),
      start: 0,
      end: 0,
    });
  }
  return kept;
}
