/** policy-iam-only-action says what an action KMS never checks against a key policy fails to do, Allow or Deny. */
import * as assert from 'node:assert/strict';
import { keyPolicy, ofCode } from './policyHelpers';

describe('policy-iam-only-action messages', () => {
  it('in an Allow: a key policy cannot grant it', () => {
    const [f] = ofCode(keyPolicy('{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Admin"},"Action":"kms:CreateKey","Resource":"*"}'), 'policy-iam-only-action');
    assert.match(f.message, /a key policy cannot grant it/);
  });

  it('in a Deny: never "cannot grant", but that the Deny has no effect on it, and where to deny it', () => {
    const [f] = ofCode(keyPolicy('{"Effect":"Deny","Principal":"*","Action":"kms:CreateKey","Resource":"*"}'), 'policy-iam-only-action');
    assert.doesNotMatch(f.message, /grant/);
    assert.match(f.message, /this Deny has no effect on it\. Deny it in an IAM policy or a service control policy\./);
  });
});
