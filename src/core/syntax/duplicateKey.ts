import { syntaxRule } from './syntaxRule';

export const duplicateKey = syntaxRule('duplicateKey', {
  id: 'json-duplicate-key',
  defaultSeverity: 'error',
  title: 'Duplicate key in one object',
  category: 'syntax',
  fixable: [],
  docs: {
    description: 'The same key twice in one object. Parsers keep only one of the two values, so half of what was written is silently lost: two `Condition` blocks in one statement, for example, leave only the last in force.',
    example: '{ "Effect": "Allow", "Action": "kms:Decrypt", "Action": "kms:Encrypt" }',
    remedy: 'Merge the two values into one key, or delete the one that is wrong.',
  },
});
