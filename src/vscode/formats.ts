/**
 * The parsers that load asynchronously (Terraform's WebAssembly), loaded the
 * first time a document needs one, from the files shipped next to the bundle.
 */
import * as vscode from 'vscode';
import { prepareFormats as prepareCoreFormats } from '../core/reading';

let extensionUri: vscode.Uri | undefined;

export function setExtensionUri(uri: vscode.Uri): void {
  extensionUri = uri;
}

const inBrowser = typeof process === 'undefined' || process.versions?.node === undefined;

/**
 * A shipped file: its path for the Node extension host (web-tree-sitter reads it); its bytes for the web
 * one, fetched when the extension is served over http(s) (vscode.dev) and read through VS Code's file
 * system otherwise (a `vscode-remote:` extension in code-server or Codespaces, which the browser cannot fetch).
 */
function locate(file: string): string | Promise<Uint8Array> {
  if (!extensionUri) throw new Error('KMS Lens is not activated');
  const uri = vscode.Uri.joinPath(extensionUri, 'dist', ...(inBrowser ? ['web'] : []), file);
  if (uri.scheme === 'file' && !inBrowser) return uri.fsPath;
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    return fetch(uri.toString(true)).then(async (r) => {
      if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    });
  }
  return Promise.resolve(vscode.workspace.fs.readFile(uri));
}

/** Loads the parsers (once; the core keeps them). */
export function prepareFormats(): Promise<void> {
  return prepareCoreFormats(locate);
}
