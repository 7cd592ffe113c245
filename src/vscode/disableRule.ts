/**
 * "Disable rule X in workspace settings": writes `"X": "off"` into
 * `kmsLens.rules` of the workspace (Error Lens writes its exclusions the same
 * way; strict JSON policies cannot carry suppression comments).
 */
import * as vscode from 'vscode';
import { getKmsLensService } from '../core';

const core = getKmsLensService();

export async function disableRule(ruleId: unknown, uri?: unknown): Promise<void> {
  if (typeof ruleId !== 'string' || ruleId.length === 0) return;
  const scope = uri instanceof vscode.Uri ? uri : undefined;
  const config = vscode.workspace.getConfiguration('kmsLens', scope);
  const inspected = config.inspect<Record<string, unknown>>('rules');
  try {
    if (vscode.workspace.workspaceFolders?.length) {
      await config.update('rules', core.withRuleDisabled(inspected?.workspaceValue, ruleId), vscode.ConfigurationTarget.Workspace);
      // A folder setting for the same rule would still win over the workspace one.
      if (core.setsRuleOn(inspected?.workspaceFolderValue, ruleId)) {
        await config.update('rules', core.withRuleDisabled(inspected?.workspaceFolderValue, ruleId), vscode.ConfigurationTarget.WorkspaceFolder);
      }
    } else {
      // No workspace (a single file): user settings are the only place to write.
      await config.update('rules', core.withRuleDisabled(inspected?.globalValue, ruleId), vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(vscode.l10n.t('No workspace is open: rule {0} was turned off in your user settings.', ruleId));
    }
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not turn off rule {0}: {1}', ruleId, err instanceof Error ? err.message : String(err)));
  }
}
