import * as assert from 'node:assert/strict';
import { buildModel, DEFAULT_SETTINGS } from '../../src/core';
import { findings, fixture } from './helpers';

const kindOf = (text: string, languageId = 'json', fileName = 'x.json'): string => buildModel(text, { languageId, fileName }, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }).kind;
const event = (name: string): string => `{"eventVersion":"1.08","eventSource":"kms.amazonaws.com","eventName":"${name}","eventTime":"2024-04-23T18:08:13Z"}`;

describe('classifier', () => {
  it('calls a policy with a Principal a key policy, and one without an identity policy', () => {
    assert.equal(kindOf(fixture('workspace', 'policies', 'default-key-policy.json')), 'keyPolicy');
    assert.equal(kindOf(fixture('corpus', 'seeds', 'deadline-policy-read-only.json')), 'identityPolicy');
    assert.equal(kindOf('{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}'), 'keyPolicy');
  });

  it('still recognises a policy that is not valid JSON (the read-write seed)', () => {
    assert.equal(kindOf(fixture('corpus', 'seeds', 'deadline-policy-read-write.json')), 'identityPolicy');
  });

  it('recognises every shape of CloudTrail data', () => {
    assert.equal(kindOf(fixture('corpus', 'seeds', 'fargate-creategrant.json')), 'cloudTrail');
    assert.equal(kindOf(`{"Records":[${event('Decrypt')},${event('Encrypt')}]}`), 'cloudTrail');
    assert.equal(kindOf('{"Records":[]}'), 'cloudTrail');
    assert.equal(kindOf(`[${event('Decrypt')}]`), 'cloudTrail');
    assert.equal(kindOf(`${event('Decrypt')}\n${event('Encrypt')}\n`, 'jsonl', 'e.jsonl'), 'cloudTrail');
    assert.equal(kindOf(`${event('Decrypt')}\n${event('Encrypt')}\n`, 'plaintext', 'Untitled-1'), 'cloudTrail');
    assert.equal(kindOf(`2024-04-23 started\n${event('Decrypt')}\nother line\n`, 'log', 'trail.log'), 'cloudTrail');
  });

  it('recognises aws kms list-grants output', () => {
    assert.equal(kindOf('{"Grants":[{"KeyId":"arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab","GrantId":"abc","Operations":["Decrypt"]}],"Truncated":false}'), 'listGrants');
  });

  it('leaves the event notifications AWS services send to Lambda alone: their eventSource is aws:s3, aws:dynamodb, ...', () => {
    const s3 = '{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1","eventTime":"2025-03-15T10:07:40.118Z","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"}}}]}';
    const dynamodb = '{"Records":[{"eventID":"1","eventVersion":"1.1","eventSource":"aws:dynamodb","eventName":"INSERT","awsRegion":"eu-west-1","dynamodb":{}}]}';
    const kinesis = '{"Records":[{"eventVersion":"1.0","eventSource":"aws:kinesis","eventName":"aws:kinesis:record","kinesis":{"data":"SGVsbG8="}}]}';
    for (const text of [s3, dynamodb, kinesis]) {
      assert.equal(kindOf(text), 'other', text);
      assert.deepEqual(findings(text), []);
    }
    // The same shape with a CloudTrail eventSource is CloudTrail.
    assert.equal(kindOf(s3.replace('aws:s3', 's3.amazonaws.com')), 'cloudTrail');
  });

  it('leaves other JSON alone', () => {
    assert.equal(kindOf('{"name":"app","version":"1.0.0","dependencies":{}}'), 'other');
    assert.equal(kindOf('[1,2,3]'), 'other');
    assert.equal(kindOf(''), 'other');
    assert.equal(kindOf('not json at all'), 'other');
    assert.equal(kindOf('{"Version":"latest"}'), 'other');
  });

  it('treats binary content as other', () => {
    assert.equal(kindOf('{"Records":[\u0000\u0001\u0002]}'), 'other');
  });
});
