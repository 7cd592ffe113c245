/**
 * One parse per document version: diagnostics, code actions, hovers and the
 * grants view all read the model from here.
 */
import * as vscode from 'vscode';
import { buildModel, type DocumentModel } from '../core/reading';
import { hintsFor } from './documents';

interface Entry {
  /**
   * The document object itself: VS Code reuses a closed untitled document's URI
   * (Untitled-1) for the next one, which starts again at version 1, so URI and
   * version alone would hand a new paste the old paste's model.
   */
  doc: vscode.TextDocument;
  version: number;
  maxFileSize: number;
  languageId: string;
  /** The kind `kmsLens.policyKinds` gave the document: a new setting means a new model. */
  policyKind: string | undefined;
  model: DocumentModel;
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();

  get(doc: vscode.TextDocument, maxFileSize: number): DocumentModel {
    const key = doc.uri.toString();
    const hints = hintsFor(doc);
    const hit = this.entries.get(key);
    if (hit && this.current(hit, doc, maxFileSize, hints.policyKind)) return hit.model;
    const model = buildModel(doc.getText(), hints, { maxFileSize });
    // A model made before its parser loaded (Terraform) is not kept: the next request reads the text again.
    if (model.pending) return model;
    this.entries.set(key, { doc, version: doc.version, maxFileSize, languageId: doc.languageId, policyKind: hints.policyKind, model });
    return model;
  }

  /** The model of the document's current version if it is already built (never parses). */
  fresh(doc: vscode.TextDocument, maxFileSize: number): DocumentModel | undefined {
    const hit = this.entries.get(doc.uri.toString());
    return hit && this.current(hit, doc, maxFileSize, hintsFor(doc).policyKind) ? hit.model : undefined;
  }

  private current(hit: Entry, doc: vscode.TextDocument, maxFileSize: number, policyKind: string | undefined): boolean {
    return hit.doc === doc && hit.version === doc.version && hit.maxFileSize === maxFileSize && hit.languageId === doc.languageId && hit.policyKind === policyKind;
  }

  /** The cached model for a URI, whatever its version (for views that only read). */
  peek(uri: vscode.Uri): DocumentModel | undefined {
    return this.entries.get(uri.toString())?.model;
  }

  delete(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }
}
