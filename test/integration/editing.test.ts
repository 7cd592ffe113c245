/**
 * Writing policies in the real editor: hovers, completions, quick fixes,
 * per-rule fix-all, "disable rule", fix-all on save (and that it equals
 * `kms-lens check --fix`), and the statement summaries as CodeLens. Only the
 * public VS Code API: the same commands the editor's UI runs.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/vscode/commandIds';
import { closeAll, describe as describeDiagnostic, EXTENSION_ID, open, setRuleSeverity, waitFor, waitForAnalysis, waitForDiagnostics, workspaceUri } from './helpers';

/** Writes a file into the test workspace (a temporary copy) and opens it. */
async function openNew(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri('editing', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return open(uri);
}

function positionOf(doc: vscode.TextDocument, needle: string, into = 1): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in ${doc.uri.path}`);
  return doc.positionAt(at + into);
}

async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

/** Resolves when the document's text satisfies `predicate` (after an edit the editor applies asynchronously). */
function waitForText(doc: vscode.TextDocument, predicate: (text: string) => boolean, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (predicate(doc.getText())) return resolve(doc.getText());
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && predicate(doc.getText())) {
        sub.dispose();
        clearTimeout(timer);
        resolve(doc.getText());
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; text now: ${doc.getText()}`));
    }, 20_000);
  });
}

function rangeOf(item: vscode.CompletionItem): vscode.Range {
  assert.ok(item.range, `${String(item.label)} has no range`);
  return item.range instanceof vscode.Range ? item.range : item.range.replacing;
}

async function codeActions(doc: vscode.TextDocument, range: vscode.Range, kind?: string, resolve = 0): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, kind, resolve);
}

// A key policy with nothing wrong but its two trailing commas (the root keeps kms:PutKeyPolicy: no lockout).
const TWO_COMMAS = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {"AWS": "arn:aws:iam::210987654321:root"},\n      "Action": ["kms:Decrypt", "kms:PutKeyPolicy", "kms:Encrypt",],\n      "Resource": "*",\n    }\n  ]\n}\n';

describe('editing policies', () => {
  afterEach(async () => {
    // The tests edit files of the temporary workspace: save them so that closing asks nothing.
    await vscode.workspace.saveAll(false);
    await setRuleSeverity(undefined);
    await vscode.workspace.getConfiguration('kmsLens').update('summaryCodeLens', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('a syntax error VS Code itself reports in a .json file is said once; a JSON Lines log, which VS Code does not validate, keeps json-syntax', async () => {
    const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);
    // A key policy with a missing colon and a misspelt action: KMS Lens reads it as a key policy all the same.
    const policy = await openNew('missing-colon.json', '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {"AWS": "arn:aws:iam::210987654321:root"},\n      "Action": ["kms:Decrpyt", "kms:PutKeyPolicy"],\n      "Resource" "*"\n    }\n  ]\n}\n');
    const ours = await waitForDiagnostics(policy.document.uri, (ds) => ds.some((d) => codeOf(d) === 'policy-unknown-action'), 'the misspelt action');
    await waitFor(() => vscode.languages.getDiagnostics(policy.document.uri).some((d) => d.source === 'json'), "VS Code's own JSON diagnostic");
    assert.deepEqual(ours.filter((d) => codeOf(d) === 'json-syntax').map(describeDiagnostic), []);
    // The same kind of error on a line of a CloudTrail JSON Lines log: nobody else reports it.
    const event = '{"eventVersion":"1.08","eventSource":"kms.amazonaws.com","eventName":"Decrypt","awsRegion":"us-east-1","eventTime":"2024-04-23T18:08:11Z","userIdentity":{"type":"AWSService","invokedBy":"s3.amazonaws.com"},"recipientAccountId":"111122223333"}';
    const log = await openNew('missing-colon.jsonl', `${event}\n${event.replace('"eventName":', '"eventName"')}\n`);
    await waitForDiagnostics(log.document.uri, (ds) => ds.some((d) => codeOf(d) === 'json-syntax' && d.range.start.line === 1), 'json-syntax on the damaged line');
  });

  it('hovers explain actions, principals and the statement', async () => {
    const editor = await open(workspaceUri('policies', 'default-key-policy.json'));
    const doc = editor.document;
    await waitForAnalysis(doc);
    assert.match(await hoverText(doc, positionOf(doc, '"kms:*"', 2)), /Matches every KMS action \(56\)/);
    assert.match(await hoverText(doc, positionOf(doc, 'arn:aws:iam::111122223333:root')), /does not mean only the root user/);
    assert.match(await hoverText(doc, positionOf(doc, '"Sid"')), /Allows account `111122223333` to perform every KMS action \(`kms:\*`\) on this key/);
    const seed = await open(workspaceUri('policies', 'deadline-read-write.json'));
    assert.match(await hoverText(seed.document, positionOf(seed.document, 'deadline.us-west-2')), /Requests that Deadline Cloud makes to KMS on the caller's behalf, in `us-west-2`/);
  });

  it('completes actions, condition keys and values, inserting valid JSON', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"},\n      "Action": ["kms:Decrypt" ],\n      "Resource": "*",\n      "Condition": {"StringEquals": {}}\n    }\n  ]\n}\n';
    const editor = await openNew('complete.json', text);
    const doc = editor.document;
    await waitForAnalysis(doc);

    const afterDecrypt = positionOf(doc, '"kms:Decrypt" ', '"kms:Decrypt" '.length);
    const actions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, afterDecrypt);
    const encrypt = actions.items.find((i) => i.label === 'kms:Encrypt');
    assert.ok(encrypt, `no kms:Encrypt among ${actions.items.length} items`);
    assert.ok(actions.items.some((i) => i.label === 'kms:GenerateDataKey*' && i.documentation && /GenerateDataKeyPair/.test((i.documentation as vscode.MarkdownString).value)));
    const range = rangeOf(encrypt);
    await editor.edit((b) => b.replace(range, typeof encrypt.insertText === 'string' ? encrypt.insertText : (encrypt.insertText?.value ?? '')));
    assert.match(doc.getText(), /"Action": \["kms:Decrypt" , "kms:Encrypt"\]/);
    assert.doesNotThrow(() => JSON.parse(doc.getText()));

    const inCondition = positionOf(doc, '"StringEquals": {}', '"StringEquals": {'.length);
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, inCondition);
    const via = keys.items.find((i) => i.label === 'kms:ViaService');
    assert.ok(via && via.insertText instanceof vscode.SnippetString, 'kms:ViaService is offered as a snippet');
    assert.ok(!keys.items.some((i) => i.label === 'kms:GrantOperations'), 'a key that no action of the statement takes is not offered');
    editor.selection = new vscode.Selection(inCondition, inCondition);
    await editor.insertSnippet(via.insertText as vscode.SnippetString, rangeOf(via));
    await waitForText(doc, (t) => t.includes('"kms:ViaService": ""'), 'the inserted condition key');
    assert.doesNotThrow(() => JSON.parse(doc.getText()));
  });

  it('applies the trailing comma quick fix, and offers fix-all of the rule and "disable rule"', async () => {
    const editor = await openNew('quickfix.json', TWO_COMMAS);
    const doc = editor.document;
    const diagnostics = await waitForDiagnostics(doc.uri, (ds) => ds.filter((d) => (d.code as { value: string }).value === 'json-trailing-comma').length === 2, 'two trailing commas');
    const first = diagnostics[0];
    const actions = await codeActions(doc, first.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Fix all json-trailing-comma problems'), titles.join(' | '));
    assert.ok(titles.includes('Disable rule json-trailing-comma in workspace settings'), titles.join(' | '));
    const fix = actions.find((a) => a.title === 'Remove the trailing comma');
    assert.ok(fix?.edit && fix.isPreferred, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), TWO_COMMAS.replace('"kms:Encrypt",]', '"kms:Encrypt"]'));

    // The rule's fix-all, resolved the way the light bulb menu resolves it.
    await openNew('quickfix-all.json', TWO_COMMAS);
    const all = vscode.window.activeTextEditor?.document as vscode.TextDocument;
    const [d] = await waitForDiagnostics(all.uri, (ds) => ds.length === 2, 'two trailing commas');
    const resolved = (await codeActions(all, d.range, undefined, 10)).find((a) => a.title === 'Fix all json-trailing-comma problems');
    assert.ok(resolved?.edit, 'the per-rule fix-all resolves to an edit');
    assert.ok(await vscode.workspace.applyEdit(resolved.edit));
    assert.equal(all.getText(), TWO_COMMAS.replace('"kms:Encrypt",]', '"kms:Encrypt"]').replace('"*",\n', '"*"\n'));
  });

  it('"Disable rule" writes the rule off in workspace settings and the diagnostics go', async () => {
    const editor = await openNew('disable.json', TWO_COMMAS);
    const doc = editor.document;
    const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.length === 2, 'two trailing commas');
    const disable = (await codeActions(doc, d.range)).find((a) => a.title === 'Disable rule json-trailing-comma in workspace settings');
    assert.ok(disable?.command, 'the action runs a command');
    await vscode.commands.executeCommand(disable.command.command, ...(disable.command.arguments ?? []));
    const rules = vscode.workspace.getConfiguration('kmsLens').inspect<Record<string, string>>('rules');
    assert.deepEqual(rules?.workspaceValue, { 'json-trailing-comma': 'off' });
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics once the rule is off');
  });

  it('fixes everything on save with editor.codeActionsOnSave, exactly as kms-lens check --fix does', async () => {
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', { 'source.fixAll.kmsLens': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    // The web editor may save by itself after a delay; this test is about the save the user asks for.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    // A sound key policy (root delegation, a Deny for everyone) typed with five slips that fix-all repairs.
    const broken = '{\n  "Version": "2012-10-17" // draft\n  "Statement": [\n    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": ["kms:*",], "Resource": "*"}\n    {"Effect": "Deny", "Principal": "*", "Action": "kms:ScheduleKeyDeletion", "Resource": "*",}\n  ]\n}\n';
    const editor = await openNew('onsave.json', broken);
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 5, 'five fixable syntax problems');
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), '\n'));
    await vscode.commands.executeCommand('workbench.action.files.save');
    const saved = await waitForText(doc, (t) => !t.includes('// draft'), 'the fixes applied on save');
    assert.doesNotThrow(() => JSON.parse(saved));
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics after the fixes');

    // The CLI, on the same text, writes the same file.
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-cli-')), 'onsave.json');
    fs.writeFileSync(tmp, `${broken}\n`);
    const r = spawnSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'check', '--fix', tmp], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.equal(fs.readFileSync(tmp, 'utf8'), saved);

    // Running it again changes nothing.
    const again = await codeActions(doc, new vscode.Range(0, 0, 0, 0), 'source.fixAll.kmsLens');
    assert.deepEqual(again.map((a) => a.title), []);
  });

  it('never lets Fix all widen access: the review sample keeps ebs, and the quick fix to ec2 says whom it lets do what', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const text = fs.readFileSync(path.join(ext.extensionPath, 'samples', 'key-policy-review.json'), 'utf8');
    const editor = await openNew('review.json', text);
    const doc = editor.document;
    const via = (ds: vscode.Diagnostic[]): vscode.Diagnostic[] => ds.filter((x) => (x.code as { value: string }).value === 'policy-via-service-unsupported');
    const [d] = await waitForDiagnostics(doc.uri, (ds) => via(ds).length === 1, 'the ebs endpoint name').then(via);
    const quick = (await codeActions(doc, d.range)).find((a) => a.title.startsWith('Change to "ec2.us-west-2.amazonaws.com"'));
    assert.ok(quick?.edit, 'the repair is offered');
    assert.equal(quick.title, 'Change to "ec2.us-west-2.amazonaws.com" — Allows anyone to Decrypt and CreateGrant with this key, only when called through EC2 (including EBS) in us-west-2.');
    assert.ok(!quick.isPreferred, 'a fix that widens access is not the preferred one');

    const [all] = await codeActions(doc, new vscode.Range(0, 0, 0, 0), 'source.fixAll.kmsLens');
    assert.ok(all?.edit, 'fix-all has something to do (the Effect case, a redundant action)');
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    const fixed = await waitForText(doc, (t) => !t.includes('"Effect": "allow"'), 'the fix-all edit');
    assert.ok(fixed.includes('"kms:ViaService": "ebs.us-west-2.amazonaws.com"'), 'the statement for everyone still matches nothing');
    assert.ok(fixed.includes('"kms:Decrpyt"') && fixed.includes('"kms:CallerAcount"') && fixed.includes('"kms:GrantIsForAWSResource": "yes"'));
  });

  it('shows the statement summary as a CodeLens, and hides it when the setting is off', async () => {
    const editor = await open(workspaceUri('policies', 'default-key-policy.json'));
    const doc = editor.document;
    await waitForAnalysis(doc);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    const ours = lenses.filter((l) => l.command?.title.startsWith('Allows '));
    assert.equal(ours.length, 1);
    // One line short enough not to be cut at the editor's edge (a lens never wraps); the whole summary in its tooltip.
    const whole = 'Allows account 111122223333 to perform every KMS action (kms:*) on this key. The account principal delegates to IAM: users and roles of account 111122223333 get this access when their IAM policies allow it.';
    assert.equal(ours[0].command?.title, 'Allows account 111122223333 to perform every KMS action (kms:*) on this key. (1 note)');
    assert.equal(ours[0].command?.tooltip, whole);
    const brace = positionOf(doc, '{\n      "Sid"', 0);
    assert.equal(ours[0].range.start.line, brace.line);
    // A click on it goes to the statement, whose hover has the whole summary.
    await vscode.commands.executeCommand(ours[0].command?.command ?? '', ...(ours[0].command?.arguments ?? []));
    assert.deepEqual(vscode.window.activeTextEditor?.selection.active, brace);
    const hover = await hoverText(doc, brace);
    assert.match(hover, /Allows account `111122223333` to perform every KMS action/);
    assert.match(hover, /The account principal delegates to IAM: users and roles of account `111122223333` get this access when their IAM policies allow it\./, 'the hover has the notes the lens only counts');
    await vscode.workspace.getConfiguration('kmsLens').update('summaryCodeLens', false, vscode.ConfigurationTarget.Workspace);
    const off = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    assert.equal(off.filter((l) => l.command?.title.startsWith('Allows ')).length, 0);
  });

  it('registers every command of the table (commands as data)', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(COMMAND_IDS)) assert.ok(registered.has(id), `${id} is not registered`);
  });

  it('"Fix all KMS Lens problems" from the Command Palette applies what source.fixAll.kmsLens applies, and says what it fixed', async () => {
    const editor = await openNew('palette-fixall.json', TWO_COMMAS);
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 2, 'two trailing commas');
    // The source action on a copy of the same text: the two must agree.
    const copy = (await openNew('palette-fixall-source.json', TWO_COMMAS)).document;
    await waitForDiagnostics(copy.uri, (ds) => ds.length === 2, 'two trailing commas in the copy');
    const [source] = await codeActions(copy, new vscode.Range(0, 0, 0, 0), 'source.fixAll.kmsLens');
    assert.ok(source?.edit && (await vscode.workspace.applyEdit(source.edit)));

    await vscode.window.showTextDocument(doc);
    const summary = await vscode.commands.executeCommand<{ applied: number; byRule: Record<string, number> }>('kmsLens.fixAll');
    assert.deepEqual(summary, { applied: 2, byRule: { 'json-trailing-comma': 2 } });
    assert.equal(doc.getText(), copy.getText());
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics after Fix all');
    // Nothing left: it says so and changes nothing.
    assert.deepEqual(await vscode.commands.executeCommand('kmsLens.fixAll'), { applied: 0, byRule: {} });
  });

  it('"Repair pasted JSON" makes pasted text JSON again, shows it as JSON, and leaves the rest to Fix all', async () => {
    const pasted = '{eventVersion: “1.08”, “eventSource”: “kms.amazonaws.com”, “eventName”: “CreateGrant”, “awsRegion”: “us-west-2”, “eventTime”: “2024-04-23T18:08:13Z”,\n “requestParameters”: {“keyId”: “arn:aws::kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab”, “operations”: [“Decrypt”,],},}';
    const doc = await vscode.workspace.openTextDocument({ content: pasted });
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'plaintext');
    const summary = await vscode.commands.executeCommand<{ applied: number; byRule: Record<string, number> }>('kmsLens.repairPastedJson');
    assert.deepEqual(summary?.byRule, { 'json-unquoted-key': 1, 'json-smart-quotes': 1, 'json-trailing-comma': 3 });
    const shown = vscode.window.activeTextEditor?.document as vscode.TextDocument;
    const event = JSON.parse(shown.getText());
    assert.equal(event.eventName, 'CreateGrant');
    assert.equal(event.requestParameters.keyId, 'arn:aws::kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'not a JSON problem: left to Fix all');
    assert.equal(shown.languageId, 'json');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
