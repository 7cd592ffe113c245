/** Typed reader for the `kmsLens.*` settings. */
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, isSeveritySetting, type AnalysisSettings, type SeveritySetting } from '../core/reading';

export interface ExtensionSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Show a plain-language summary above each policy statement. */
  summaryCodeLens: boolean;
  analysis: AnalysisSettings;
}

export function readSettings(scope?: vscode.ConfigurationScope): ExtensionSettings {
  const c = vscode.workspace.getConfiguration('kmsLens', scope);
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, value] of Object.entries(c.get<Record<string, unknown>>('rules') ?? {})) {
    if (isSeveritySetting(value)) rules[id] = value;
  }
  const maxFindings = c.get<number>('maxFindings', DEFAULT_SETTINGS.maxFindings);
  const maxFileSizeMB = c.get<number>('maxFileSizeMB', DEFAULT_SETTINGS.maxFileSize / (1024 * 1024));
  return {
    enable: c.get<boolean>('enable', true),
    run: c.get<string>('run') === 'onSave' ? 'onSave' : 'onType',
    summaryCodeLens: c.get<boolean>('summaryCodeLens', true) !== false,
    analysis: {
      rules,
      maxFindings: Number.isFinite(maxFindings) && maxFindings > 0 ? Math.floor(maxFindings) : DEFAULT_SETTINGS.maxFindings,
      maxFileSize: Number.isFinite(maxFileSizeMB) && maxFileSizeMB > 0 ? maxFileSizeMB * 1024 * 1024 : DEFAULT_SETTINGS.maxFileSize,
      // Messages about a limit name the setting that raises it (the CLI names its flags).
      limitNames: { maxFindings: 'kmsLens.maxFindings', maxFileSize: 'kmsLens.maxFileSizeMB' },
    },
  };
}
