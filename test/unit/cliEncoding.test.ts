/**
 * Files saved on Windows: UTF-8 with a byte order mark (Notepad, PowerShell's
 * `Out-File -Encoding utf8`) and UTF-16 (Windows PowerShell 5.1's `>`
 * redirection: `aws kms get-key-policy ... > policy.json`). The CLI reads
 * them as the editor shows them, with the same findings as the same text in
 * plain UTF-8, and `--fix` writes them back in their own encoding.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeText, encodeText, type TextEncoding } from '../../src/cli/encoding';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'kms:*', Resource: '*' },
    // Two findings: a public principal (a warning) and an action in the wrong case (fixed by --fix).
    { Sid: 'Everyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:decrypt', Resource: '*' },
  ],
}, null, 2).replace(/\n/g, '\r\n');

const ENCODINGS: TextEncoding[] = ['utf8', 'utf8bom', 'utf16le', 'utf16be'];

function check(args: string[]): { status: number | null; findings: Array<{ code: string; range: unknown }> } {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { encoding: 'utf8' });
  return { status: r.status, findings: JSON.parse(r.stdout || '[]') as Array<{ code: string; range: unknown }> };
}

describe('files in the encodings Windows writes', function () {
  this.timeout(60_000);

  it('decodes and encodes each encoding back to the same bytes', () => {
    for (const e of ENCODINGS) {
      const bytes = encodeText(POLICY, e);
      assert.deepEqual(decodeText(bytes), { text: POLICY, encoding: e }, e);
      assert.ok(encodeText(decodeText(bytes).text, decodeText(bytes).encoding).equals(bytes), e);
    }
    // A file without a byte order mark is UTF-8, as before.
    assert.deepEqual(decodeText(Buffer.from('{"a":"é"}', 'utf8')), { text: '{"a":"é"}', encoding: 'utf8' });
  });

  it('gets the same findings, at the same places, as the UTF-8 file; --fix keeps the encoding', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-enc-'));
    const files = new Map(ENCODINGS.map((e) => [e, path.join(dir, `policy-${e}.json`)]));
    for (const [e, f] of files) fs.writeFileSync(f, encodeText(POLICY, e));
    const expected = check([files.get('utf8') as string]);
    assert.deepEqual(expected.findings.map((f) => f.code).sort(), ['policy-noncanonical-case', 'policy-public-principal']);
    for (const [e, f] of files) {
      const got = check([f]);
      assert.deepEqual(got.findings.map((x) => [x.code, x.range]), expected.findings.map((x) => [x.code, x.range]), e);
    }
    for (const [e, f] of files) {
      spawnSync(process.execPath, [CLI, 'check', '--fix', f], { encoding: 'utf8' });
      const { text, encoding } = decodeText(fs.readFileSync(f));
      assert.equal(encoding, e);
      assert.equal(text, POLICY.replace('kms:decrypt', 'kms:Decrypt'), e);
    }
  });
});
