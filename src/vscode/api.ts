/** What the extension exports: a read-only window on its analysis, used by the integration tests. */
import type * as vscode from 'vscode';
import type { DocumentModel, Finding } from '../core';
import type { AnalysisEvent } from './diagnostics';

export interface KmsLensApi {
  /** The current analysis of an open document, or undefined if it is not a KMS document. */
  analysis(uri: vscode.Uri): { kind: DocumentModel['kind']; findings: readonly Finding[] } | undefined;
  /** The last analysis run of a document: its version and what it was found to be. */
  lastRun(uri: vscode.Uri): AnalysisEvent | undefined;
  /** Fires after each analysis run, also for documents that turned out not to be KMS documents. */
  onDidAnalyze: vscode.Event<AnalysisEvent>;
}
