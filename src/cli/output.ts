/** The three output formats of `kms-lens check`. */
import * as l10n from '@vscode/l10n';
import { LineIndex, ruleById, type Finding, type Severity } from '../core';

/** A finding with its place as lines and characters (0-based): what is kept of a file once it is checked. */
export interface PlacedFinding {
  severity: Severity;
  code: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * One file's findings, placed: the text itself is not kept, so a folder of
 * thousands of logs costs its findings, not its texts (and findings made in a
 * worker thread cross to the main thread as plain data).
 */
export interface FileFindings {
  file: string;
  findings: PlacedFinding[];
  /** What the file was read as (`an IAM role trust policy`), for the text format. */
  readAs?: string;
}

export interface JsonFinding extends PlacedFinding {
  file: string;
}

/** The findings of a text with their offsets turned into lines and characters. */
export function placeFindings(text: string, findings: readonly Finding[]): PlacedFinding[] {
  if (findings.length === 0) return [];
  const index = new LineIndex(text);
  return findings.map((f) => ({ severity: f.severity, code: f.code, message: f.message, range: { start: index.positionAt(f.start), end: index.positionAt(f.end) } }));
}

export function toJsonFindings(results: readonly FileFindings[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const r of results) {
    for (const f of r.findings) out.push({ file: r.file, severity: f.severity, code: f.code, message: f.message, range: f.range });
  }
  return out;
}

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m' };

/**
 * `1 error`, `2 errors`: a count said right for one. `one` and `many` are
 * whole messages (`l10n.t('1 error')`, `l10n.t('{0} errors', n)`), so each
 * language words both forms its own way.
 */
export function counted(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** `--quiet`: the error findings only. */
export function onlyErrors(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

/** What `--fix` changed in a file: `fixed policy.json: json-trailing-comma (2), policy-version-missing (1)`. */
export function fixReport(file: string, byRule: Readonly<Record<string, number>>): string {
  const rules = Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b));
  const total = rules.reduce((n, [, c]) => n + c, 0);
  const problems = counted(total, l10n.t('1 problem'), l10n.t('{0} problems', total));
  return l10n.t('fixed {0}: {1} ({2})', file, problems, rules.map(([code, n]) => `${code} ${n}`).join(', '));
}

/**
 * Compiler style: `file:line:col severity code message`, 1-based like compilers;
 * after each file's findings, one line with what the file was read as; a count
 * of findings and of the files analysed last, with the files a limit kept
 * from being analysed (a lone file over --max-file-size is not "0 files" and
 * silence).
 */
export function formatText(results: readonly FileFindings[], colour: boolean, analysed = results.length, notAnalysed = 0): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const f of toJsonFindings([r])) {
      counts[f.severity]++;
      const sev = colour ? `${COLOURS[f.severity]}${f.severity}\x1b[0m` : f.severity;
      lines.push(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${sev} ${f.code} ${f.message}`);
    }
    if (r.readAs) {
      const n = r.findings.length;
      lines.push(l10n.t('{0}: read as {1}, {2}', r.file, r.readAs, counted(n, l10n.t('1 finding'), l10n.t('{0} findings', n))));
    }
  }
  const { error, warning, information, hint } = counts;
  const summary = l10n.t('{0}, {1}, {2}, {3} in {4}',
    counted(error, l10n.t('1 error'), l10n.t('{0} errors', error)),
    counted(warning, l10n.t('1 warning'), l10n.t('{0} warnings', warning)),
    counted(information, l10n.t('1 information'), l10n.t('{0} information', information)),
    counted(hint, l10n.t('1 hint'), l10n.t('{0} hints', hint)),
    counted(analysed, l10n.t('1 file'), l10n.t('{0} files', analysed)));
  lines.push(notAnalysed === 0 ? summary : l10n.t('{0}; {1} not analysed (over a limit, see below)', summary, counted(notAnalysed, l10n.t('1 file'), l10n.t('{0} files', notAnalysed))));
  return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, for code-scanning tools. Columns are UTF-16 code units, SARIF's default. */
export function formatSarif(results: readonly FileFindings[], version: string): string {
  const used = new Set<string>();
  const sarifResults = toJsonFindings(results).map((f) => {
    used.add(f.code);
    return {
      ruleId: f.code,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: f.file.split('\\').join('/') },
          region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
        },
      }],
    };
  });
  const rules = [...used].sort().map((id) => {
    const rule = ruleById.get(id);
    return {
      id,
      shortDescription: { text: rule?.title ?? id },
      fullDescription: { text: rule?.docs.description ?? id },
      help: { text: rule?.docs.remedy ?? '' },
      defaultConfiguration: { level: SARIF_LEVEL[rule?.defaultSeverity ?? 'warning'] },
    };
  });
  return JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'kms-lens', version, rules } }, results: sarifResults }],
  }, null, 2) + '\n';
}
