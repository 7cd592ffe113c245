/**
 * Every user-facing string of the core goes through `t`, so translations can be
 * added later without touching a rule. The extension loads the bundle for the
 * user's language into @vscode/l10n at activation; the CLI uses the English text.
 */
import * as l10n from '@vscode/l10n';

export function t(message: string, ...args: Array<string | number | boolean>): string {
  return l10n.t(message, ...args);
}
