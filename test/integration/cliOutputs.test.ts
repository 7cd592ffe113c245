/**
 * AWS CLI outputs in the real editor: get-key-policy output gets its finding
 * and quick fix on the characters inside the Policy string; lookup-events,
 * describe-key and list-aliases output fill the grants view (the events inside
 * the CloudTrailEvent strings, the key's state and its alias).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { child, children, closeAll, describe as show, open, waitForAnalysis, waitForDiagnostics, waitForGrants, workspaceUri } from './helpers';

const KEY_ARN = 'arn:aws:kms:eu-west-1:482913650217:key/5f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

describe('AWS CLI outputs', () => {
  afterEach(async () => {
    await closeAll();
  });

  it('get-key-policy output: the misspelt action inside the Policy string has its diagnostic and quick fix there', async () => {
    const editor = await open(workspaceUri('cli', 'get-key-policy.json'));
    const doc = editor.document;
    assert.equal(await waitForAnalysis(doc), 'keyPolicy');
    const text = doc.getText();
    const at = text.indexOf('kms:Decrpyt') + 'kms:'.length;
    const start = doc.positionAt(at);
    const end = doc.positionAt(at + 'Decrpyt'.length);
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => show(x).startsWith('policy-unknown-action@')), 'the misspelt action');
    assert.deepEqual(ds.map(show), [`policy-unknown-action@${start.line}:${start.character}-${end.line}:${end.character}`]);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(start, end));
    const fix = actions.find((a) => /kms:Decrypt/.test(a.title));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    const edits = fix.edit.get(doc.uri);
    assert.ok(edits.length > 0);
    // Applied to the text, the output stays valid JSON and its policy allows kms:Decrypt.
    let fixed = text;
    for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) {
      fixed = fixed.slice(0, doc.offsetAt(e.range.start)) + e.newText + fixed.slice(doc.offsetAt(e.range.end));
    }
    const output = JSON.parse(fixed) as { Policy: string; PolicyName: string };
    assert.equal(output.PolicyName, 'default');
    assert.ok(JSON.stringify(JSON.parse(output.Policy)).includes('"kms:Decrypt"'));
    assert.ok(!output.Policy.includes('Decrpyt'));
  });

  it('lookup-events, describe-key and list-aliases output fill the grants view', async () => {
    const events = workspaceUri('cli', 'lookup-events.json');
    const described = workspaceUri('cli', 'describe-key.json');
    const aliases = workspaceUri('cli', 'list-aliases.json');
    await open(events);
    await open(described);
    await open(aliases);
    const m = await waitForGrants((x) => [events, described, aliases].every((u) => x.sources.includes(u.toString())), 'the three outputs indexed');
    const key = m.keys.find((k) => k.key.arn === KEY_ARN);
    assert.ok(key, JSON.stringify(m.keys.map((k) => k.key.identity)));
    assert.deepEqual(key.grants.map((g) => g.status), ['active']);
    assert.equal(key.lifecycle?.state, 'PendingDeletion');

    const roots = await children();
    assert.ok(roots.some((r) => r.label === 'alias/payments-archive'), JSON.stringify(roots.map((r) => r.label)));
    const row = await child(undefined, 'alias/payments-archive');
    assert.equal(row.item.description, 'Pending deletion · 1 grant, 1 active');
    const state = await child(row.node, 'Pending deletion');
    assert.equal(state.item.description, 'deleted 2024-06-17 09:15:00 UTC at the earliest');
  });
});

describe('templates that are not JSON until rendered', () => {
  afterEach(async () => {
    await closeAll();
  });

  it('a Terraform template opened as plain text gets no JSON error, only information on its template syntax', async () => {
    const editor = await open(workspaceUri('templates', 'reader-key-policy.json.tpl'));
    const doc = editor.document;
    assert.equal(await waitForAnalysis(doc), 'keyPolicy');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => show(x).startsWith('meta-template@')), 'the template finding');
    assert.ok(ds.every((d) => d.severity === vscode.DiagnosticSeverity.Information), JSON.stringify(ds.map(show)));
    const text = doc.getText();
    const at = (s: string): string => {
      const i = text.indexOf(s);
      const a = doc.positionAt(i);
      const b = doc.positionAt(i + s.length);
      return `${a.line}:${a.character}-${b.line}:${b.character}`;
    };
    assert.deepEqual(ds.map(show).sort(), [`meta-template@${at('%{ for arn in reader_arns }')}`, `policy-placeholder@${at('${account_id}')}`, `policy-placeholder@${at('${jsonencode(arn)}')}`].sort());
  });
});
