/**
 * CloudTrail delivers logs as `.json.gz`. These are shown decompressed and
 * read-only, without writing any file: a file system provider serves
 * `kms-lens-archive:<path without .gz>?<original URI>` by decompressing the
 * original on read, and a custom editor for `*.json.gz` sends a double click
 * in the explorer there. The document is an ordinary JSON document to the rest
 * of the extension, so diagnostics, hovers and the grants view all work on it.
 */
import * as vscode from 'vscode';
import { gunzip } from './platform/gunzip';

export const ARCHIVE_SCHEME = 'kms-lens-archive';
export const ARCHIVE_EDITOR = 'kmsLens.cloudTrailArchive';

/** The read-only decompressed view of a `.json.gz` file. */
export function archiveUri(original: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: ARCHIVE_SCHEME, path: original.path.replace(/\.gz$/i, ''), query: original.toString() });
}

export function originalUri(archive: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(archive.query, true);
}

export function isArchive(uri: vscode.Uri): boolean {
  return /\.json\.gz$/i.test(uri.path);
}

export class ArchiveFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** The last few decompressed archives: stat and readFile both need the bytes. */
  private readonly cache = new Map<string, { mtime: number; bytes: Uint8Array }>();

  private async load(uri: vscode.Uri): Promise<{ stat: vscode.FileStat; bytes: Uint8Array }> {
    const original = originalUri(uri);
    const stat = await vscode.workspace.fs.stat(original);
    const key = original.toString();
    let hit = this.cache.get(key);
    if (!hit || hit.mtime !== stat.mtime) {
      let bytes: Uint8Array;
      try {
        bytes = await gunzip(await vscode.workspace.fs.readFile(original));
      } catch (err) {
        throw vscode.FileSystemError.Unavailable(vscode.l10n.t('{0} is not a gzip archive ({1}).', original.path, err instanceof Error ? err.message : String(err)));
      }
      hit = { mtime: stat.mtime, bytes };
      this.cache.set(key, hit);
      while (this.cache.size > 2) this.cache.delete(this.cache.keys().next().value as string);
    }
    return { stat: { type: vscode.FileType.File, ctime: stat.ctime, mtime: stat.mtime, size: hit.bytes.byteLength, permissions: vscode.FilePermission.Readonly }, bytes: hit.bytes };
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return (await this.load(uri)).stat;
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.load(uri)).bytes;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    throw vscode.FileSystemError.FileNotADirectory();
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }

  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('CloudTrail log archives are shown read-only.'));
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions();
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }

  dispose(): void {
    this.changed.dispose();
    this.cache.clear();
  }
}

/** Opening a `.json.gz` from the explorer: show the decompressed log as text instead of a binary file. */
export class ArchiveEditorProvider implements vscode.CustomReadonlyEditorProvider {
  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.html = `<!DOCTYPE html><html><body><p>${escapeHtml(vscode.l10n.t('Opening {0} as a read-only CloudTrail log...', document.uri.path.split('/').pop() ?? ''))}</p></body></html>`;
    try {
      // vscode.open, not showTextDocument: closing the tab must close the log (see cloudtrailCommands.ts).
      await vscode.commands.executeCommand('vscode.open', archiveUri(document.uri), { viewColumn: panel.viewColumn, preview: false });
      panel.dispose();
    } catch (err) {
      panel.webview.html = `<!DOCTYPE html><html><body><p>${escapeHtml(err instanceof Error ? err.message : String(err))}</p></body></html>`;
    }
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
