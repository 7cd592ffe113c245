/**
 * The grants view, in KMS Lens's own container in the activity bar, its toolbar (refresh, filter by status, search, clear,
 * collapse all) and its context menu (copy grant id, copy the revoke-grant
 * command, reveal the creation event).
 */
import * as vscode from 'vscode';
import { getKmsLensService, type EventRef, type TimeZoneChoice } from '../core';
import type { GrantsIndex } from './grantsIndex';
import type { CommandHandlers } from './commands';
import { ALL_STATUSES, GrantNode, GrantsTreeProvider, type StatusFilter } from './grantsTree';

const core = getKmsLensService();

/** Opens the event's document and selects the whole event. */
export async function revealEvent(e: EventRef): Promise<vscode.TextEditor | undefined> {
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(e.source));
    const end = Math.min(e.end, doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end));
    const selection = new vscode.Selection(doc.positionAt(e.start), doc.positionAt(end));
    const editor = await vscode.window.showTextDocument(doc, { selection, preview: true });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  } catch (err) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Cannot show the event: {0}', err instanceof Error ? err.message : String(err)));
    return undefined;
  }
}

function statusLabel(s: StatusFilter): string {
  switch (s) {
    case 'active': return vscode.l10n.t('Active grants');
    case 'retired': return vscode.l10n.t('Retired grants');
    case 'revoked': return vscode.l10n.t('Revoked grants');
    case 'attempts': return vscode.l10n.t('Attempts (CreateGrant calls that created nothing)');
  }
}

/** The grant a context-menu command was run on (or, from the palette, the selected one). */
function grantOf(arg: unknown, views: readonly vscode.TreeView<unknown>[]): GrantNode | undefined {
  if (arg instanceof GrantNode) return arg;
  for (const v of views) {
    const selected = v.selection.find((n): n is GrantNode => n instanceof GrantNode);
    if (selected) return selected;
  }
  return undefined;
}

/** `kmsLens.timeZone`: how every date of the view reads. */
function timeZoneSetting(): TimeZoneChoice {
  return vscode.workspace.getConfiguration('kmsLens').get<string>('timeZone') === 'local' ? 'local' : 'utc';
}

export class GrantsView implements vscode.Disposable {
  readonly provider: GrantsTreeProvider;
  private readonly views: vscode.TreeView<unknown>[];
  private readonly subscriptions: vscode.Disposable[] = [];

  /**
   * `views`: the views of GRANTS_VIEW_IDS, created at activation (registration.ts, lazyProviders.ts) with a provider that
   * hands every request to `this.provider`.
   */
  constructor(private readonly index: GrantsIndex, views: readonly vscode.TreeView<unknown>[]) {
    this.provider = new GrantsTreeProvider(index.model, () => index.sources);
    this.provider.setTimeZone(timeZoneSetting());
    this.views = [...views];
    this.subscriptions.push(
      this.provider,
      index.onDidChange((m) => {
        this.provider.setModel(m);
        this.updateChrome();
      }),
      // The time zone applies at once, without a reload.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kmsLens.timeZone')) this.provider.setTimeZone(timeZoneSetting());
      }),
    );
    this.updateChrome();
  }

  /** The view's toolbar and context-menu commands (registered with every other command, in extension.ts). */
  commands(): CommandHandlers<'grantsRefresh' | 'grantsFilter' | 'grantsSearch' | 'grantsClearFilter' | 'grantsCopyGrantId' | 'grantsCopyRevokeCommand' | 'grantsRevealCreation' | 'grantsRevealEvent'> {
    return {
      // Refresh also indexes again the logs whose indexing was cancelled.
      grantsRefresh: () => this.index.refresh(true),
      grantsFilter: (statuses?: StatusFilter[]) => this.pickStatuses(statuses),
      grantsSearch: (text?: string) => this.search(text),
      grantsClearFilter: () => this.applyFilter({ statuses: new Set(ALL_STATUSES), search: '' }),
      grantsCopyGrantId: async (arg?: unknown) => {
        const node = grantOf(arg, this.views);
        if (node) await vscode.env.clipboard.writeText(node.grant.grantId);
      },
      grantsCopyRevokeCommand: async (arg?: unknown) => {
        const node = grantOf(arg, this.views);
        if (node) await vscode.env.clipboard.writeText(core.revokeGrantCommand(node.grant, node.key));
      },
      grantsRevealCreation: async (arg?: unknown) => {
        const creation = grantOf(arg, this.views)?.grant.creation;
        if (creation) await revealEvent(creation);
        else void vscode.window.showInformationMessage(vscode.l10n.t('The creation of this grant is not in the open files.'));
      },
      grantsRevealEvent: (e: EventRef) => revealEvent(e),
    };
  }

  private applyFilter(filter: { statuses?: ReadonlySet<StatusFilter>; search?: string }): void {
    this.provider.setFilter(filter);
    this.updateChrome();
  }

  private async pickStatuses(given?: StatusFilter[]): Promise<void> {
    if (Array.isArray(given)) {
      this.applyFilter({ statuses: new Set(given.filter((s) => ALL_STATUSES.includes(s))) });
      return;
    }
    const current = this.provider.filter.statuses;
    const items = ALL_STATUSES.map((s) => ({ label: statusLabel(s), status: s, picked: current.has(s) }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Show grants that are') });
    if (picked) this.applyFilter({ statuses: new Set(picked.map((p) => p.status)) });
  }

  private async search(given?: string): Promise<void> {
    const text = typeof given === 'string' ? given : await vscode.window.showInputBox({
      title: vscode.l10n.t('Search grants'),
      prompt: vscode.l10n.t('Part of a grant id or of a principal (grantee, retiring principal, creator); empty to clear'),
      value: this.provider.filter.search,
    });
    if (text !== undefined) this.applyFilter({ search: text });
  }

  /**
   * While a filter or a search is on, the view says so where it cannot be
   * missed: its title reads "KMS Grants (filtered)" (in KMS Lens's own
   * container the view's title is the container's, and a description is not
   * shown there), its message above the tree says what is left out, and in
   * the Explorer its description repeats it. So a short list is never taken
   * for all there is. A cancelled indexing is said the same way.
   */
  private updateChrome(): void {
    const f = this.provider.filter;
    const parts: string[] = [];
    if (ALL_STATUSES.some((s) => !f.statuses.has(s))) parts.push(ALL_STATUSES.filter((s) => f.statuses.has(s)).join(', ') || vscode.l10n.t('nothing'));
    if (f.search) parts.push(vscode.l10n.t('search "{0}"', f.search));
    const filtered = parts.length > 0;
    const what = parts.join(' · ');
    const empty = this.provider.getChildren().length === 0;
    const skipped = this.index.skippedCount;
    const messages: string[] = [];
    if (skipped === 1) messages.push(vscode.l10n.t('Indexing was cancelled: 1 open log is not in this view. Refresh to index it.'));
    else if (skipped > 1) messages.push(vscode.l10n.t('Indexing was cancelled: {0} open logs are not in this view. Refresh to index them.', skipped));
    if (filtered) {
      messages.push(empty
        ? vscode.l10n.t('Nothing matches the filter ({0}). Clear it with the button in the title bar.', what)
        : vscode.l10n.t('Filtered: {0}. Clear the filter with the button in the title bar.', what));
    }
    for (const v of this.views) {
      v.title = filtered ? vscode.l10n.t('KMS Grants (filtered)') : vscode.l10n.t('KMS Grants');
      v.description = filtered ? what : undefined;
      v.message = messages.length > 0 ? messages.join(' ') : undefined;
    }
    void vscode.commands.executeCommand('setContext', 'kmsLens.grants.filtered', filtered);
  }

  /** What the views show as their title, beside it and as their message (the integration tests read it). */
  get chrome(): { title: string | undefined; description: string | undefined; message: string | undefined } {
    return { title: this.views[0].title, description: this.views[0].description, message: this.views[0].message };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
