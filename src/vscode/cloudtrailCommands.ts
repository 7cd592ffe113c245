/**
 * The CloudTrail commands: Format CloudTrail log, Redact for sharing, and Open
 * CloudTrail log archive. Each works on the active editor (or the file it is
 * given from a menu), and each returns what it opened so tests and other
 * commands can follow up. Long work on big logs shows a progress notification.
 */
import * as vscode from 'vscode';
import { getKmsLensService } from '../core';
import { ARCHIVE_SCHEME, archiveUri, isArchive } from './archive';
import type { CommandHandlers } from './commands';
import { yieldToWindow, type LongWork } from './longWork';
import type { ModelCache } from './modelCache';
import { readSettings } from './settings';

const core = getKmsLensService();

/** Above this many characters, work is announced with a progress notification. */
const BIG_TEXT = 2 * 1024 * 1024;

async function targetDocument(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) {
    if (isArchive(uri)) return vscode.workspace.openTextDocument(archiveUri(uri));
    return vscode.workspace.openTextDocument(uri);
  }
  return vscode.window.activeTextEditor?.document;
}

function withBusy<T>(doc: vscode.TextDocument, title: string, work: () => T): Thenable<T> {
  if (doc.getText().length < BIG_TEXT) return Promise.resolve(work());
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async () => {
    // Let the notification appear before the synchronous work starts.
    await new Promise((r) => setTimeout(r, 50));
    return work();
  });
}

/**
 * Opens one archive as the user opens files (not through
 * workspace.openTextDocument, whose reference would keep the log, and its
 * grants in the view, alive for minutes after its tab is closed).
 */
async function openArchive(target: vscode.Uri): Promise<vscode.Uri> {
  const view = archiveUri(target);
  await vscode.commands.executeCommand('vscode.open', view, { preview: false });
  return view;
}

/** The `.json.gz` files among the targets and in the folders among them (searched recursively, dot-folders skipped). */
async function archivesIn(targets: readonly vscode.Uri[], token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found: vscode.Uri[] = [];
  const visit = async (u: vscode.Uri): Promise<void> => {
    if (token.isCancellationRequested) return;
    const stat = await vscode.workspace.fs.stat(u);
    if (stat.type & vscode.FileType.Directory) {
      const entries = (await vscode.workspace.fs.readDirectory(u)).sort(([a], [b]) => a.localeCompare(b));
      for (const [name] of entries) if (!name.startsWith('.') && name !== 'node_modules') await visit(vscode.Uri.joinPath(u, name));
    } else if (isArchive(u)) {
      found.push(u);
    }
  };
  for (const t of targets) await visit(t);
  return found;
}

/**
 * A folder of archives, or several selected: each opens in its own tab (and
 * so joins the grants view), one after another under a progress notification
 * that can be cancelled; the ones opened stay open. Resolves with the logs
 * opened.
 */
function openArchives(targets: readonly vscode.Uri[], longWork: LongWork): Thenable<vscode.Uri[]> {
  return longWork.run(vscode.l10n.t('KMS Lens: opening CloudTrail log archives'), async (progress) => {
    const archives = await archivesIn(targets, progress.token);
    if (archives.length === 0 && !progress.token.isCancellationRequested) {
      void vscode.window.showInformationMessage(vscode.l10n.t('KMS Lens: no .json.gz CloudTrail log archive there.'));
    }
    const opened: vscode.Uri[] = [];
    for (const [i, archive] of archives.entries()) {
      if (progress.token.isCancellationRequested) break;
      progress.report(i, archives.length, vscode.l10n.t('{0} of {1}: {2}', i + 1, archives.length, archive.path.split('/').pop() ?? ''));
      try {
        opened.push(await openArchive(archive));
      } catch (err) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Cannot open {0}: {1}', archive.path, err instanceof Error ? err.message : String(err)));
      }
      await yieldToWindow();
    }
    return opened;
  });
}

export function cloudTrailCommands(cache: ModelCache, longWork: LongWork): CommandHandlers<'formatCloudTrailLog' | 'redactForSharing' | 'openCloudTrailArchive'> {
  return {
    formatCloudTrailLog: async (uri?: vscode.Uri): Promise<vscode.Uri | undefined> => {
      const doc = await targetDocument(uri);
      if (!doc) return undefined;
      const model = cache.get(doc, readSettings(doc.uri).analysis.maxFileSize);
      if (model.kind !== 'cloudTrail') {
        void vscode.window.showInformationMessage(vscode.l10n.t('KMS Lens: this document is not a CloudTrail log.'));
        return undefined;
      }
      if (model.format === 'jsonLines') {
        void vscode.window.showInformationMessage(vscode.l10n.t('KMS Lens: JSON Lines already hold one event per line.'));
        return undefined;
      }
      const result = await withBusy(doc, vscode.l10n.t('KMS Lens: formatting the CloudTrail log'), () => core.format(doc.getText(), { eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' }));
      if (result.tooDeep !== undefined) {
        void vscode.window.showWarningMessage(vscode.l10n.t('KMS Lens: this text is nested more than {0} levels deep; it was left as it is (no CloudTrail event is that deep).', result.tooDeep));
        return undefined;
      }
      if (result.unchanged) return doc.uri;
      // A read-only archive cannot be edited: the formatted log opens beside it.
      if (doc.uri.scheme === ARCHIVE_SCHEME) {
        const copy = await vscode.workspace.openTextDocument({ content: result.text, language: 'json' });
        await vscode.window.showTextDocument(copy, { preview: false });
        return copy.uri;
      }
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.text);
      await vscode.workspace.applyEdit(edit);
      return doc.uri;
    },

    redactForSharing: async (uri?: vscode.Uri): Promise<vscode.Uri | undefined> => {
      const doc = await targetDocument(uri);
      if (!doc) return undefined;
      const redaction = await withBusy(doc, vscode.l10n.t('KMS Lens: redacting'), () => core.redact(doc.getText()));
      // Nothing was redacted: no copy that could be mistaken for a redacted one.
      if (redaction.tooDeep !== undefined) {
        void vscode.window.showWarningMessage(vscode.l10n.t('KMS Lens: this text is nested more than {0} levels deep; nothing was redacted (no CloudTrail event is that deep).', redaction.tooDeep));
        return undefined;
      }
      // The original stays untouched: the copy is a new untitled document the user can share.
      const copy = await vscode.workspace.openTextDocument({ content: redaction.text, language: doc.languageId === 'plaintext' ? 'json' : doc.languageId });
      await vscode.window.showTextDocument(copy, { preview: false });
      const summary = core.describeRedaction(redaction);
      void vscode.window.showInformationMessage(summary
        ? vscode.l10n.t('KMS Lens: redacted copy opened; replaced {0} (the same value always by the same fake). Check it before sharing: names in free text are not redacted.', summary)
        : vscode.l10n.t('KMS Lens: nothing to redact was found; the copy is identical.'));
      return copy.uri;
    },

    openCloudTrailArchive: async (uri?: unknown, selected?: unknown): Promise<vscode.Uri | vscode.Uri[] | undefined> => {
      // From the explorer: the clicked item and the whole selection; from the palette: pick files.
      let targets = Array.isArray(selected) && selected.every((u) => u instanceof vscode.Uri) && selected.length > 0
        ? (selected as vscode.Uri[])
        : uri instanceof vscode.Uri ? [uri] : [];
      if (targets.length === 0) {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: vscode.l10n.t('Open logs'), filters: { [vscode.l10n.t('CloudTrail log archives')]: ['gz'] } });
        targets = picked ?? [];
      }
      if (targets.length === 0) return undefined;
      if (targets.length === 1 && isArchive(targets[0])) return openArchive(targets[0]);
      return openArchives(targets, longWork);
    },
  };
}
