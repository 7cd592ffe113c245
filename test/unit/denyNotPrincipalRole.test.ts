/** policy-deny-not-principal-role names the sessions and the account in the role's own partition. */
import * as assert from 'node:assert/strict';
import { keyPolicy, ofCode } from './policyHelpers';

const deny = (roles: string[]): string => keyPolicy(`{"Effect":"Deny","NotPrincipal":{"AWS":${JSON.stringify(roles)}},"Action":"kms:*","Resource":"*"}`);

describe('policy-deny-not-principal-role messages', () => {
  it('a role of the aws partition: sessions and account as arn:aws:...', () => {
    const [f] = ofCode(deny(['arn:aws:iam::210987654321:role/KeyAdmin']), 'policy-deny-not-principal-role');
    assert.match(f.message, /\(arn:aws:sts::210987654321:assumed-role\/KeyAdmin\/\.\.\.\)/);
    assert.match(f.message, /\(arn:aws:iam::210987654321:root\)/);
  });

  it('a role in China or GovCloud: the session and root ARNs it names are in that partition', () => {
    const [cn] = ofCode(deny(['arn:aws-cn:iam::210987654321:role/KeyAdmin', 'arn:aws-cn:iam::210987654321:root']), 'policy-deny-not-principal-role');
    assert.match(cn.message, /\(arn:aws-cn:sts::210987654321:assumed-role\/KeyAdmin\/\.\.\.\)/);
    const [gov] = ofCode(deny(['arn:aws-us-gov:iam::210987654321:role/KeyAdmin']), 'policy-deny-not-principal-role');
    assert.match(gov.message, /\(arn:aws-us-gov:sts::210987654321:assumed-role\/KeyAdmin\/\.\.\.\)/);
    assert.match(gov.message, /\(arn:aws-us-gov:iam::210987654321:root\)/);
  });
});
