/** What the extension exports: a read-only window on its analysis, used by the integration tests. */
import type * as vscode from 'vscode';
import type { DocumentModel, Finding, GrantsModel } from '../core';
import type { AnalysisEvent } from './diagnostics';
import type { GrantsNode } from './grantsTree';
import type { LongWorkTask } from './longWork';

export interface KmsLensApi {
  /** The current analysis of an open document, or undefined if it is not a KMS document. */
  analysis(uri: vscode.Uri): { kind: DocumentModel['kind']; findings: readonly Finding[] } | undefined;
  /** The last analysis run of a document: its version and what it was found to be. */
  lastRun(uri: vscode.Uri): AnalysisEvent | undefined;
  /** Fires after each analysis run, also for documents that turned out not to be KMS documents. */
  onDidAnalyze: vscode.Event<AnalysisEvent>;
  /** The grants model of the open documents, as the grants view shows it (each key with its `lifecycle`, when the logs show one). */
  grants(): GrantsModel;
  /** The grants model once every pending rebuild (documents opened, changed or closed) is done. */
  settledGrants(): Promise<GrantsModel>;
  /** Resolves when the workspace's key policy index (kmsLens.keyPolicies, open logs) is up to date; the number of keys it knows a policy for. */
  settledKeyPolicies(): Promise<number>;
  /** Fires after each rebuild that changed the grants model. */
  onDidChangeGrants: vscode.Event<GrantsModel>;
  /** The grants view's tree data provider (the one both grants views use). */
  grantsTree: vscode.TreeDataProvider<GrantsNode>;
  /** What the grants views show as their title, beside it and as their message (the filter indicator). */
  grantsViewChrome(): { title: string | undefined; description: string | undefined; message: string | undefined };
  /** The long work running now (each under a progress notification), with what its Cancel button does. */
  longWork(): LongWorkTask[];
  /** Fires when long work starts. */
  onDidStartLongWork: vscode.Event<LongWorkTask>;
}
