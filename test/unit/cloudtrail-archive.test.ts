/** Both gunzip implementations of the extension (Node host and browser build) read a CloudTrail archive alike. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { gunzip as nodeGunzip } from '../../src/vscode/platform/gunzip';
import { gunzip as webGunzip } from '../../src/vscode/platform/gunzip.web';
import { FIXTURES, fixture } from './helpers';

describe('.json.gz decompression', () => {
  const log = fixture('workspace', 'logs', 'fargate-log.json');
  const archive = gzipSync(Buffer.from(log, 'utf8'));

  it('gives back the log, byte for byte, with node:zlib and with DecompressionStream', async () => {
    for (const gunzip of [nodeGunzip, webGunzip]) {
      const out = await gunzip(new Uint8Array(archive));
      assert.equal(new TextDecoder().decode(out), log);
    }
  });

  it('matches the fixture archive the integration tests open', async () => {
    const stored = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'workspace', 'logs', 'fargate-archive.json.gz')));
    assert.equal(new TextDecoder().decode(await webGunzip(stored)), log);
  });

  it('rejects what is not gzip, in both', async () => {
    for (const gunzip of [nodeGunzip, webGunzip]) await assert.rejects(gunzip(new TextEncoder().encode('{"Records": []}')));
  });
});
