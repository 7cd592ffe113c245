/** policy-condition-key-not-applicable says what a condition on a key that is never in the request does, by effect and operator. */
import * as assert from 'node:assert/strict';
import { identityPolicy, keyPolicy, ofCode } from './policyHelpers';

const CODE = 'policy-condition-key-not-applicable';

describe('condition keys never in the request', () => {
  it('an Allow with a positive operator never applies', () => {
    const [f] = ofCode(identityPolicy('{"Effect":"Allow","Action":["kms:CreateAlias","kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"payments"}}}'), CODE);
    assert.equal(f.message, 'aws:RequestTag/team applies to none of this statement\'s actions, so it is never in the request: the condition is never true and this Allow never applies. The key applies to CreateKey, TagResource.');
  });

  it('a Deny with a negated operator applies to every request, naming the actions', () => {
    const [f] = ofCode(keyPolicy('{"Effect":"Deny","Principal":"*","Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestTag/team":"payments"}}}'), CODE);
    assert.equal(f.message, 'aws:RequestTag/team applies to none of this statement\'s actions, so it is never in the request: with StringNotEquals the condition is always true and this Deny applies to every request for Decrypt, Encrypt. The key applies to CreateKey, TagResource.');
  });

  it('a Deny with a positive operator never applies', () => {
    const [f] = ofCode(keyPolicy('{"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"team"}}}'), CODE);
    assert.match(f.message, /the condition is never true and this Deny never applies\. The key applies to CreateKey, TagResource, UntagResource\.$/);
  });

  it('the same outcome for kms: keys: ForAllValues on an absent key limits nothing', () => {
    const [f] = ofCode(identityPolicy('{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt"]}}}'), CODE);
    assert.match(f.message, /with ForAllValues:StringEquals the condition is always true and limits nothing/);
  });
});
