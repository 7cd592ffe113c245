/**
 * One finding per token: where two rules would say the same thing about the
 * same token, the more specific one speaks and the other stays quiet.
 */
import * as assert from 'node:assert/strict';
import { ACCOUNT, keyPolicy } from './policyHelpers';
import { findings } from './helpers';

const HINTS = { languageId: 'json', fileName: 'key-policy.json' };

function on(text: string, token: string): string[] {
  const at = text.indexOf(token);
  return findings(text, HINTS).filter((f) => f.start === at && f.end === at + token.length).map((f) => f.code).sort();
}

describe('one finding per token', () => {
  it('an unlimited kms:CreateGrant is policy-create-grant-unrestricted\'s, not also policy-sensitive-permissions\'', () => {
    const text = keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":["kms:Decrypt","kms:CreateGrant"],"Resource":"*"}`);
    assert.deepEqual(on(text, '"kms:CreateGrant"'), ['policy-create-grant-unrestricted']);
  });

  it('policy-sensitive-permissions still names CreateGrant among other administration actions, on another token', () => {
    const text = keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":["kms:PutKeyPolicy","kms:CreateGrant"],"Resource":"*"}`);
    assert.deepEqual(on(text, '"kms:CreateGrant"'), ['policy-create-grant-unrestricted']);
    assert.deepEqual(on(text, '"kms:PutKeyPolicy"'), ['policy-sensitive-permissions']);
    const f = findings(text, HINTS).find((x) => x.code === 'policy-sensitive-permissions');
    assert.doesNotMatch(f!.message, /CreateGrant/);
  });

  it('a CreateGrant hidden in a wildcard (kms:Create*) is still policy-sensitive-permissions\'', () => {
    const text = keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":["kms:Create*"],"Resource":"*"}`);
    assert.deepEqual(on(text, '"kms:Create*"'), ['policy-sensitive-permissions']);
  });

  it('aws:ResourceTag in a key policy is policy-key-policy-condition-key\'s, whatever the actions', () => {
    const text = keyPolicy(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:role/App"},"Action":"kms:ListAliases","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}}`);
    assert.deepEqual(on(text, '"aws:ResourceTag/team"'), ['policy-key-policy-condition-key']);
  });
});
