/**
 * One parse per document version: diagnostics, code actions, hovers and the
 * grants view all read the model from here.
 */
import * as vscode from 'vscode';
import { getKmsLensService, type DocumentModel } from '../core';
import { hintsFor } from './documents';

const core = getKmsLensService();

interface Entry {
  version: number;
  maxFileSize: number;
  languageId: string;
  model: DocumentModel;
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();

  get(doc: vscode.TextDocument, maxFileSize: number): DocumentModel {
    const key = doc.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === doc.version && hit.maxFileSize === maxFileSize && hit.languageId === doc.languageId) return hit.model;
    const model = core.parse(doc.getText(), hintsFor(doc), { maxFileSize });
    this.entries.set(key, { version: doc.version, maxFileSize, languageId: doc.languageId, model });
    return model;
  }

  /** The model of the document's current version if it is already built (never parses). */
  fresh(doc: vscode.TextDocument, maxFileSize: number): DocumentModel | undefined {
    const hit = this.entries.get(doc.uri.toString());
    return hit && hit.version === doc.version && hit.maxFileSize === maxFileSize && hit.languageId === doc.languageId ? hit.model : undefined;
  }

  /** The cached model for a URI, whatever its version (for views that only read). */
  peek(uri: vscode.Uri): DocumentModel | undefined {
    return this.entries.get(uri.toString())?.model;
  }

  delete(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }
}
