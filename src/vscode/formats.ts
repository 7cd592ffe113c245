/**
 * The parsers that load asynchronously (Terraform's WebAssembly), loaded the
 * first time a document needs one, from the files shipped next to the bundle.
 */
import * as vscode from 'vscode';
import { getKmsLensService } from '../core';

let extensionUri: vscode.Uri | undefined;

export function setExtensionUri(uri: vscode.Uri): void {
  extensionUri = uri;
}

/** Where a shipped file is: a path for the Node extension host, a URL for the web one. */
function locate(file: string): string {
  if (!extensionUri) throw new Error('KMS Lens is not activated');
  const uri = vscode.Uri.joinPath(extensionUri, 'dist', ...(typeof process === 'undefined' || process.versions?.node === undefined ? ['web'] : []), file);
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}

/** Loads the parsers (once; the core keeps them). */
export function prepareFormats(): Promise<void> {
  return getKmsLensService().prepareFormats(locate);
}
