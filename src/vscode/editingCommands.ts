/**
 * The editing commands of the Command Palette: "Fix all KMS Lens problems"
 * (the same fixes, from the same core function, as the source action
 * `source.fixAll.kmsLens` and `kms-lens check --fix`) and "Repair pasted
 * JSON" (only the JSON syntax repairs); and the commands behind the quick fix
 * "Disable rule" and the statement summary CodeLens. Each returns what it did,
 * for tests and for commands that follow up.
 */
import * as vscode from 'vscode';
import { getKmsLensService, type FixAllResult } from '../core';
import { minimalEdit } from './codeActions';
import type { CommandHandlers } from './commands';
import { disableRule } from './disableRule';
import { hintsFor, isCandidate } from './documents';
import { readSettings } from './settings';

const core = getKmsLensService();

/** What a repair command changed: the number of fixes, by rule. */
export interface RepairSummary {
  applied: number;
  byRule: Record<string, number>;
}

function fixedMessage(applied: number): string {
  return applied === 1 ? vscode.l10n.t('KMS Lens: fixed 1 problem.') : vscode.l10n.t('KMS Lens: fixed {0} problems.', applied);
}

/** The document a command works on: the one it was given (a menu), else the active editor's. */
async function targetDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  return vscode.window.activeTextEditor?.document;
}

/** JSON when the whole text parses, JSON Lines when every line does: the language a repaired paste is shown in. */
function languageOf(text: string): string | undefined {
  try {
    JSON.parse(text);
    return 'json';
  } catch {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    return lines.length > 1 && lines.every((l) => {
      try {
        JSON.parse(l);
        return true;
      } catch {
        return false;
      }
    }) ? 'jsonl' : undefined;
  }
}

/**
 * Runs a repair on the document and applies it as one edit the user can
 * undo; says what it did. `repair` is the core function that decides.
 */
async function runRepair(
  uri: unknown,
  repair: (doc: vscode.TextDocument) => FixAllResult,
  nothing: string,
): Promise<RepairSummary | undefined> {
  const doc = await targetDocument(uri);
  if (!doc) {
    void vscode.window.showInformationMessage(vscode.l10n.t('KMS Lens: open a policy, a CloudTrail log or pasted text first.'));
    return undefined;
  }
  if (!isCandidate(doc) || !readSettings(doc.uri).enable) {
    void vscode.window.showInformationMessage(vscode.l10n.t('KMS Lens works on JSON, JSON Lines, .log files and untitled (pasted) text; this document is none of them, or KMS Lens is turned off for it.'));
    return undefined;
  }
  const text = doc.getText();
  const result = repair(doc);
  if (result.text === text) {
    void vscode.window.showInformationMessage(nothing);
    return { applied: 0, byRule: {} };
  }
  const applied = await vscode.workspace.applyEdit(minimalEdit(doc, text, result.text));
  if (!applied) {
    void vscode.window.showWarningMessage(vscode.l10n.t('KMS Lens: this document cannot be edited (a read-only archive?). Nothing was changed.'));
    return undefined;
  }
  vscode.window.setStatusBarMessage(fixedMessage(result.applied), 5000);
  return { applied: result.applied, byRule: result.byRule };
}

/** Opens the statement and shows its hover, which has the whole summary (the CodeLens shows one short line). */
async function showStatementSummary(uri: unknown, offset: unknown): Promise<void> {
  if (!(uri instanceof vscode.Uri) || typeof offset !== 'number') return;
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = doc.positionAt(offset);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
  await vscode.commands.executeCommand('editor.action.showHover');
}

export function editingCommands(): CommandHandlers<'fixAll' | 'repairPastedJson' | 'disableRule' | 'showStatementSummary'> {
  return {
    fixAll: (uri?: unknown) => runRepair(
      uri,
      (doc) => core.repair(doc.getText(), hintsFor(doc), readSettings(doc.uri).analysis),
      vscode.l10n.t('KMS Lens: nothing to fix here. (Fixes that could let anyone do more are never applied by Fix all: pick them one by one from the light bulb.)'),
    ),
    repairPastedJson: async (uri?: unknown) => {
      const result = await runRepair(
        uri,
        (doc) => core.repairJson(doc.getText(), hintsFor(doc), readSettings(doc.uri).analysis),
        vscode.l10n.t('KMS Lens: no JSON to repair here (curly quotes, bare property names, missing or trailing commas, comments).'),
      );
      // Pasted text lands in a plain-text editor: once it is JSON again, show it as JSON.
      const doc = await targetDocument(uri);
      if (result && doc && doc.isUntitled && doc.languageId === 'plaintext') {
        const language = languageOf(doc.getText());
        if (language) await vscode.languages.setTextDocumentLanguage(doc, language);
      }
      return result;
    },
    disableRule,
    showStatementSummary,
  };
}
