/**
 * Quick fixes come from the findings themselves: the provider looks each
 * diagnostic up again in the current analysis (by code and range) rather than
 * keeping state on the diagnostic. For every KMS Lens diagnostic it also
 * offers "Fix all <rule> problems" (when the rule has more than one fixable
 * finding) and "Disable rule <rule> in workspace settings". Fix-all applies
 * the same fixes as `kms-lens check --fix` (those that cannot widen access,
 * `appliedByFixAll`), as one minimal edit; those fixes, and only those, are
 * marked preferred.
 */
import * as vscode from 'vscode';
import { getKmsLensService, appliedByFixAll, type Finding } from '../core';
import { COMMAND_IDS } from './commands';
import { diagnosticCode, DIAGNOSTIC_SOURCE, toWorkspaceEdit } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { hintsFor, isCandidate } from './documents';
import { FIX_ALL_KIND } from './registration';
import { readSettings } from './settings';

const core = getKmsLensService();



/** "Fix all problems of one rule": its edit is computed only when the user picks it. */
class FixAllOfRuleAction extends vscode.CodeAction {
  constructor(readonly doc: vscode.TextDocument, readonly code: string) {
    super(vscode.l10n.t('Fix all {0} problems', code), vscode.CodeActionKind.QuickFix);
  }
}

export class CodeActionProvider implements vscode.CodeActionProvider<vscode.CodeAction> {
  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    try {
      const settings = readSettings(doc.uri);
      if (!settings.enable || !isCandidate(doc)) return [];
      const actions: vscode.CodeAction[] = [];
      if (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix)) actions.push(...this.quickFixes(doc, context));
      // Source actions are only computed when asked for (on save, or from the Source Action menu).
      // They do not need a current analysis: fix-all analyses the text as it is now.
      if (context.only?.contains(FIX_ALL_KIND)) {
        const edit = fixAllEdit(doc);
        if (edit) {
          const action = new vscode.CodeAction(vscode.l10n.t('Fix all KMS Lens problems'), FIX_ALL_KIND);
          action.edit = edit;
          actions.push(action);
        }
      }
      return actions;
    } catch (err) {
      console.error('[kms-lens] code actions failed', err);
      return [];
    }
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    try {
      if (action instanceof FixAllOfRuleAction && !action.edit) action.edit = fixAllEdit(action.doc, action.code) ?? new vscode.WorkspaceEdit();
    } catch (err) {
      console.error('[kms-lens] resolving a code action failed', err);
    }
    return action;
  }

  private quickFixes(doc: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.diagnostics.resultFor(doc);
    const fixes: vscode.CodeAction[] = [];
    const perRule: vscode.CodeAction[] = [];
    const disable: vscode.CodeAction[] = [];
    const seenCodes = new Set<string>();
    const multiple = new Set(result ? core.fixableCodes(result.findings, 2) : []);
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const code = diagnosticCode(d);
      if (!code) continue;
      // The findings' own fixes exist only while the analysis matches the text.
      const finding = result && findingFor(doc, result.findings, d);
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(doc, fix.edits);
        action.diagnostics = [d];
        action.isPreferred = appliedByFixAll(fix);
        fixes.push(action);
      }
      if (seenCodes.has(code)) continue;
      seenCodes.add(code);
      if (multiple.has(code)) {
        const action = new FixAllOfRuleAction(doc, code);
        action.diagnostics = context.diagnostics.filter((x) => diagnosticCode(x) === code);
        perRule.push(action);
      }
      const off = new vscode.CodeAction(vscode.l10n.t('Disable rule {0} in workspace settings', code), vscode.CodeActionKind.QuickFix);
      // The command behind it: rule id, document URI.
      off.command = { title: off.title, command: COMMAND_IDS.disableRule, arguments: [code, doc.uri] };
      off.diagnostics = context.diagnostics.filter((x) => diagnosticCode(x) === code);
      disable.push(off);
    }
    return [...fixes, ...perRule, ...disable];
  }
}

function findingFor(doc: vscode.TextDocument, findings: readonly Finding[], d: vscode.Diagnostic): Finding | undefined {
  const code = diagnosticCode(d);
  const start = doc.offsetAt(d.range.start);
  const end = doc.offsetAt(d.range.end);
  return findings.find((f) => f.code === code && f.start === start && f.end === end);
}

/** What fix-all changes, as one edit, or undefined. */
export function fixAllEdit(doc: vscode.TextDocument, onlyCode?: string): vscode.WorkspaceEdit | undefined {
  const text = doc.getText();
  const fixed = core.repair(text, hintsFor(doc), readSettings(doc.uri).analysis, onlyCode).text;
  return fixed === text ? undefined : minimalEdit(doc, text, fixed);
}

/** One replacement from `text` to `fixed` (their common prefix and suffix kept), so the cursor and folds stay put. */
export function minimalEdit(doc: vscode.TextDocument, text: string, fixed: string): vscode.WorkspaceEdit {
  let prefix = 0;
  const max = Math.min(text.length, fixed.length);
  while (prefix < max && text.charCodeAt(prefix) === fixed.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && text.charCodeAt(text.length - 1 - suffix) === fixed.charCodeAt(fixed.length - 1 - suffix)) suffix++;
  return toWorkspaceEdit(doc, [{ start: prefix, end: text.length - suffix, newText: fixed.slice(prefix, fixed.length - suffix) }]);
}
