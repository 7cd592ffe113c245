/** policy-lockout-risk: how loudly it speaks depends on whether the file can be a whole key policy. */
import * as assert from 'node:assert/strict';
import { ACCOUNT, appStatement, bareKeyPolicy, ofCode } from './policyHelpers';

/** The data perimeter examples' shape: Deny statements published to be added to an existing key policy. */
const PERIMETER = bareKeyPolicy(
  '{"Sid":"EnforceIdentityPerimeter","Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}',
  '{"Sid":"EnforceNetworkPerimeter","Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"NotIpAddressIfExists":{"aws:SourceIp":"192.0.2.0/24"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false","aws:ViaAWSService":"false"}}}',
);

describe('policy-lockout-risk', () => {
  it('a policy made only of Deny statements is information, and says they belong beside a statement that allows PutKeyPolicy', () => {
    const [f] = ofCode(PERIMETER, 'policy-lockout-risk');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /only Deny statements/);
    assert.match(f.message, /keep them beside one that allows kms:PutKeyPolicy/);
  });

  it('a policy with an Allow that leaves PutKeyPolicy to no one stays a warning', () => {
    const [f] = ofCode(bareKeyPolicy(appStatement('"Action":"kms:Decrypt","Resource":"*"'), PERIMETER.slice(PERIMETER.indexOf('{"Sid":"EnforceIdentityPerimeter"'), PERIMETER.indexOf(',{"Sid":"EnforceNetworkPerimeter"'))), 'policy-lockout-risk');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /No statement allows kms:PutKeyPolicy/);
  });

  it('a Deny of PutKeyPolicy to everyone beside an Allow stays a warning', () => {
    const [f] = ofCode(bareKeyPolicy(
      `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"kms:*","Resource":"*"}`,
      '{"Effect":"Deny","Principal":"*","Action":"kms:PutKeyPolicy","Resource":"*"}',
    ), 'policy-lockout-risk');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /A Deny takes kms:PutKeyPolicy from everyone/);
  });
});
