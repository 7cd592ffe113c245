import { SOURCES } from '../data/sources';
import { syntaxRule } from './syntaxRule';

export const invalid = syntaxRule('invalid', {
  id: 'json-syntax',
  defaultSeverity: 'error',
  title: 'Invalid JSON',
  category: 'syntax',
  fixable: [],
  docs: {
    description: 'Any other JSON syntax error: a missing colon, bracket or value, an unquoted word, text after the end of the document.',
    example: '{ "Effect": Allow }',
    remedy: 'Correct the JSON at the marked position.',
    sources: [SOURCES.json, SOURCES.putKeyPolicy],
  },
});
