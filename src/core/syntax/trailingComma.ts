import { SOURCES } from '../data/sources';
import { syntaxRule } from './syntaxRule';

export const trailingComma = syntaxRule('trailingComma', {
  id: 'json-trailing-comma',
  defaultSeverity: 'error',
  title: 'Trailing comma',
  category: 'syntax',
  fixable: ['repair'],
  docs: {
    description: 'A comma before `]` or `}`. JSON does not allow it, and AWS rejects the policy with a syntax error. The Deadline Cloud read-write policy in the AWS guide has one.',
    example: '"Action": [ "kms:Decrypt", "kms:DescribeKey", ]',
    remedy: 'Remove the comma (quick fix).',
    sources: [SOURCES.json, SOURCES.putKeyPolicy],
  },
});
