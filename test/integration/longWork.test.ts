/**
 * Long work in the real editor: analysing a log of more than 5,000 events,
 * indexing a big log for the grants view and opening a folder of archives
 * each run under a progress notification with a Cancel button. The tests do
 * what the Cancel button does (the task's cancel, listed by the extension's
 * API) and check what follows: nothing half done, and a way back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LongWorkTask } from '../../src/vscode/longWork';
import { generateLog } from '../bench/generateLog';
import { api, closeAll, open, waitFor, waitForGrants, workspaceUri } from './helpers';

/** Resolves with the first long work whose title matches, cancelling it at once when `cancel` says so. */
async function nextLongWork(title: RegExp, cancel: boolean): Promise<{ task: Promise<LongWorkTask>; dispose: () => void }> {
  const kms = await api();
  let dispose = (): void => undefined;
  const task = new Promise<LongWorkTask>((resolve) => {
    const sub = kms.onDidStartLongWork((t) => {
      if (!title.test(t.title)) return;
      if (cancel) t.cancel();
      sub.dispose();
      resolve(t);
    });
    dispose = () => sub.dispose();
  });
  return { task, dispose };
}

async function writeLog(name: string, bytes: number, seed: number): Promise<vscode.Uri> {
  const uri = workspaceUri('long-work', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(generateLog(bytes, seed)));
  return uri;
}

describe('long work: progress and cancel', () => {
  afterEach(async () => {
    await closeAll();
  });

  it('analysing a log of more than 5,000 events shows progress and stops when cancelled; an edit analyses it again', async () => {
    const uri = await writeLog('cloudtrail-7MiB.json', 7 * 1024 * 1024, 11);
    const kms = await api();
    const watch = await nextLongWork(/^KMS Lens: analysing cloudtrail-7MiB\.json$/, true);
    const editor = await open(uri);
    const task = await watch.task;
    assert.equal(task.title, 'KMS Lens: analysing cloudtrail-7MiB.json');
    // Cancelled: no analysis is kept for this version, and it is not started again by itself.
    await waitFor(() => kms.lastRun(uri)?.version === editor.document.version && !kms.longWork().includes(task), 'the cancelled run to end');
    assert.equal(kms.analysis(uri), undefined);
    assert.equal(vscode.languages.getDiagnostics(uri).length, 0);

    // An edit is a new version: analysed again, to the end this time.
    const again = await nextLongWork(/^KMS Lens: analysing cloudtrail-7MiB\.json$/, false);
    await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().length), '\n'));
    await again.task;
    await waitFor(() => kms.analysis(uri) !== undefined, 'the analysis of the edited log', 120_000);
    assert.equal(kms.analysis(uri)?.kind, 'cloudTrail');
  });

  it('indexing a big log for the grants view can be cancelled: the view says it is left out, and Refresh indexes it', async () => {
    const uri = await writeLog('cloudtrail-3MiB-index.json', 3 * 1024 * 1024, 13);
    const kms = await api();
    const watch = await nextLongWork(/^KMS Lens: indexing cloudtrail-3MiB-index\.json for the grants view$/, true);
    await open(uri);
    await watch.task;
    const m = await kms.settledGrants();
    assert.ok(!m.sources.includes(uri.toString()), 'the cancelled log is not in the model');
    await waitFor(() => kms.grantsViewChrome().message !== undefined, 'the view to say why');
    assert.equal(kms.grantsViewChrome().message, 'Indexing was cancelled: 1 open log is not in this view. Refresh to index it.');

    await vscode.commands.executeCommand('kmsLens.grants.refresh');
    await waitForGrants((x) => x.sources.includes(uri.toString()), 'the log indexed after Refresh', 60_000);
    await waitFor(() => kms.grantsViewChrome().message === undefined, 'the message gone');
  });

  it('opens a folder of CloudTrail archives in tabs, under progress, and stops opening when cancelled', async () => {
    const archive = await vscode.workspace.fs.readFile(workspaceUri('logs', 'fargate-archive.json.gz'));
    const folder = workspaceUri('long-work', 'AWSLogs', '111122223333', 'CloudTrail', 'us-west-2', '2024', '04', '23');
    const names = ['111122223333_CloudTrail_us-west-2_20240423T1805Z_a.json.gz', '111122223333_CloudTrail_us-west-2_20240423T1810Z_b.json.gz', '111122223333_CloudTrail_us-west-2_20240423T1815Z_c.json.gz'];
    for (const n of names) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, n), archive);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'notes.txt'), new TextEncoder().encode('not an archive'));
    const root = workspaceUri('long-work', 'AWSLogs');

    // Cancelled as soon as it starts: nothing is opened.
    const cancelled = await nextLongWork(/^KMS Lens: opening CloudTrail log archives$/, true);
    const none = await vscode.commands.executeCommand<vscode.Uri[]>('kmsLens.openCloudTrailArchive', root);
    await cancelled.task;
    assert.deepEqual(none, []);

    const watch = await nextLongWork(/^KMS Lens: opening CloudTrail log archives$/, false);
    const opened = await vscode.commands.executeCommand<vscode.Uri[]>('kmsLens.openCloudTrailArchive', root);
    await watch.task;
    assert.deepEqual(opened.map((u) => u.path.split('/').pop()), names.map((n) => n.replace(/\.gz$/, '')));
    const m = await waitForGrants((x) => opened.every((u) => x.sources.includes(u.toString())), 'the three archives in the grants view');
    assert.ok(m.keys.some((k) => k.grants.length > 0));
  });
});
