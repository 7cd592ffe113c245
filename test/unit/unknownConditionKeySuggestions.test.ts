/**
 * What policy-unknown-condition-key suggests: a key close to the one written
 * by its own name (not only by the `aws:` both start with), or the keys that
 * carry what a key that does not exist was meant to say (`aws:Service`).
 */
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core';
import { ACCOUNT, JSON_HINTS } from './policyHelpers';

function messageFor(key: string): string {
  const text = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Service', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { [key]: 's3.amazonaws.com', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    ],
  });
  const found = analyze(text, JSON_HINTS).findings.filter((f) => f.code === 'policy-unknown-condition-key');
  assert.equal(found.length, 1, key);
  return found[0].message;
}

describe('policy-unknown-condition-key suggestions', () => {
  it('aws:Service gets the keys that name a calling service, not aws:username', () => {
    const m = messageFor('aws:Service');
    assert.doesNotMatch(m, /aws:username/);
    assert.match(m, /did you mean "aws:PrincipalServiceName", "aws:CalledVia", "kms:ViaService"\?/);
  });

  it('a key close only through its aws: prefix gets no suggestion; a misspelt name still does', () => {
    assert.doesNotMatch(messageFor('aws:Sender'), /did you mean/);
    assert.match(messageFor('aws:PrincipleArn'), /did you mean "aws:PrincipalArn"/);
    assert.match(messageFor('kms:CallerAcount'), /did you mean "kms:CallerAccount"\?/);
  });

  it('aws:SourceVpcEndpoint is aws:SourceVpce', () => {
    assert.match(messageFor('aws:SourceVpcEndpoint'), /did you mean "aws:SourceVpce"\?/);
  });
});
