import { SOURCES } from '../data/sources';
import { syntaxRule } from './syntaxRule';

export const unterminatedString = syntaxRule('unterminatedString', {
  id: 'json-unterminated-string',
  defaultSeverity: 'error',
  title: 'Unterminated string',
  category: 'syntax',
  fixable: [],
  docs: {
    description: 'A string whose closing double quote is missing before the end of the line. Everything after it on the line is misread.',
    example: '"Resource": "arn:aws:kms:us-west-2:111122223333:key/*,',
    remedy: 'Add the closing double quote where the string ends.',
    sources: [SOURCES.json, SOURCES.putKeyPolicy],
  },
});
