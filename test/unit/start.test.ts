/** `npm start` opens a fresh copy of samples/, so that what a user tries (and auto-save writes) never changes the repository. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freshSamples, SAMPLES } from '../host/samples';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

describe('npm start', () => {
  it('copies every sample, byte for byte, and an edit of the copy leaves samples/ as it was', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-lens-start-test-'));
    const copy = freshSamples(parent);
    assert.equal(copy, path.join(parent, 'samples'));
    assert.deepEqual(files(copy), files(SAMPLES));
    for (const f of files(SAMPLES)) assert.ok(fs.readFileSync(path.join(copy, f)).equals(fs.readFileSync(path.join(SAMPLES, f))), f);
    const policy = path.join(copy, 'key-policy-review.json');
    const original = fs.readFileSync(path.join(SAMPLES, 'key-policy-review.json'), 'utf8');
    fs.writeFileSync(policy, '{}');
    assert.equal(fs.readFileSync(path.join(SAMPLES, 'key-policy-review.json'), 'utf8'), original);
    // A second start gets a fresh copy again, not the edited one.
    assert.equal(fs.readFileSync(path.join(freshSamples(parent), 'key-policy-review.json'), 'utf8'), original);
  });

  it('opens the copy, not the repository\'s samples/', () => {
    const r = spawnSync(process.execPath, [path.resolve(__dirname, '..', 'host', 'start.js'), '--dry-run'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const opened = r.stdout.trim().split('\n').pop() as string;
    assert.notEqual(path.resolve(opened), path.resolve(SAMPLES));
    assert.ok(!path.resolve(opened).startsWith(path.resolve(SAMPLES, '..') + path.sep + 'samples'), opened);
    assert.deepEqual(files(opened), files(SAMPLES));
  });
});
