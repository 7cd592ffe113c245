/**
 * A diagnostic's code links to its rule's page, `docs/rules/<id>.md`, shipped
 * inside the extension and opened in VS Code's Markdown preview, so the link
 * works offline, in the desktop, in code-server and in the browser build alike.
 *
 * The link is a `command:` URI: VS Code opens a diagnostic's code target with
 * commands allowed (in the hover, the Problems panel and the peek view), and
 * the command asks the built-in Markdown extension for a preview of the page.
 * Were that extension disabled, the page opens as text instead.
 *
 * The page is in VS Code's display language when KMS Lens has it (Italian or
 * Spanish, any regional form: `it-IT`, `es-419`), in English otherwise
 * (docsLanguageFor in core picks it; this only checks the file is there).
 */
import * as vscode from 'vscode';
import { allRules, docsLanguageFor, docsPath, ruleByAnyId, ruleById } from '../core';
import { COMMAND_IDS, type CommandHandlers } from './commands';

export const SHOW_RULE_DOCS_COMMAND = COMMAND_IDS.showRuleDocs;

export class RuleDocs {
  /** `language`: VS Code's display language (`vscode.env.language`), which decides the language of the pages opened. */
  constructor(private readonly extensionUri: vscode.Uri, private readonly language: string = vscode.env.language) {}

  commands(): CommandHandlers<'showRuleDocs'> {
    return { showRuleDocs: (id?: unknown) => this.show(id) };
  }

  /** The code target of a finding of rule `code`; undefined for a code that is no rule (which never happens). */
  link(code: string): vscode.Uri | undefined {
    if (!ruleById.has(code)) return undefined;
    return vscode.Uri.parse(`command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([code]))}`);
  }

  /** The page of a rule inside the installed extension, in the display language; the English page when there is none in it. */
  async page(id: string): Promise<vscode.Uri | undefined> {
    const rule = ruleByAnyId(id);
    if (!rule) return undefined;
    const english = this.file(docsPath(rule));
    const language = docsLanguageFor(this.language);
    if (language === 'en') return english;
    const translated = this.file(docsPath(rule, language));
    try {
      await vscode.workspace.fs.stat(translated);
      return translated;
    } catch {
      // A page not generated in this language (a rule added without its translation pages): the English one still documents it.
      return english;
    }
  }

  private file(relative: string): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, ...relative.split('/'));
  }

  /**
   * Opens the rule's page in the Markdown preview beside the current editor
   * (from the Command Palette without a rule: pick one). Resolves to the page
   * shown, or undefined when there was none to show.
   */
  async show(id?: unknown): Promise<vscode.Uri | undefined> {
    const ruleId = typeof id === 'string' ? id : await this.pick();
    const page = ruleId ? await this.page(ruleId) : undefined;
    if (!page) {
      if (typeof id === 'string') void vscode.window.showWarningMessage(vscode.l10n.t('KMS Lens has no rule "{0}".', id));
      return undefined;
    }
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
    } catch {
      // No Markdown preview (the built-in extension disabled): the page as text is still the documentation.
      await vscode.commands.executeCommand('vscode.open', page, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return page;
  }

  private async pick(): Promise<string | undefined> {
    const items = allRules.map((r) => ({ label: r.id, description: r.title, id: r.id }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Show KMS Lens Rule Documentation'), matchOnDescription: true });
    return picked?.id;
  }
}
