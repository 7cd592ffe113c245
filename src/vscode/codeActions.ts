/**
 * Quick fixes come from the findings themselves: the provider looks each
 * diagnostic up again in the current analysis (by code and range) rather than
 * keeping state on the diagnostic. Fix-all applies the same preferred fixes as
 * `kms-lens check --fix`, as one minimal edit.
 */
import * as vscode from 'vscode';
import { fixAll, type Finding } from '../core';
import { diagnosticCode, DIAGNOSTIC_SOURCE, toWorkspaceEdit } from './convert';
import type { DiagnosticsController } from './diagnostics';
import { hintsFor } from './documents';
import { readSettings } from './settings';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('kmsLens');

export class CodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly diagnostics: DiagnosticsController) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    try {
      const result = this.diagnostics.resultFor(doc);
      if (!result) return [];
      const actions: vscode.CodeAction[] = [];
      const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind);
      if (wants(vscode.CodeActionKind.QuickFix)) {
        for (const d of context.diagnostics) {
          if (d.source !== DIAGNOSTIC_SOURCE) continue;
          const finding = findingFor(doc, result.findings, d);
          for (const fix of finding?.fixes ?? []) {
            const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            action.edit = toWorkspaceEdit(doc, fix.edits);
            action.diagnostics = [d];
            action.isPreferred = fix.preferred === true;
            actions.push(action);
          }
        }
      }
      // Source actions are only computed when asked for (on save, or from the Source Action menu).
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
}

function findingFor(doc: vscode.TextDocument, findings: readonly Finding[], d: vscode.Diagnostic): Finding | undefined {
  const code = diagnosticCode(d);
  const start = doc.offsetAt(d.range.start);
  const end = doc.offsetAt(d.range.end);
  return findings.find((f) => f.code === code && f.start === start && f.end === end);
}

/** One replacement covering what fix-all changes (common prefix and suffix kept), or undefined. */
export function fixAllEdit(doc: vscode.TextDocument, onlyCode?: string): vscode.WorkspaceEdit | undefined {
  const text = doc.getText();
  const fixed = fixAll(text, hintsFor(doc), readSettings(doc.uri).analysis, onlyCode).text;
  if (fixed === text) return undefined;
  let prefix = 0;
  const max = Math.min(text.length, fixed.length);
  while (prefix < max && text.charCodeAt(prefix) === fixed.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && text.charCodeAt(text.length - 1 - suffix) === fixed.charCodeAt(fixed.length - 1 - suffix)) suffix++;
  return toWorkspaceEdit(doc, [{ start: prefix, end: text.length - suffix, newText: fixed.slice(prefix, fixed.length - suffix) }]);
}
