import { SOURCES } from '../data/sources';
import { syntaxRule } from './syntaxRule';

export const missingComma = syntaxRule('missingComma', {
  id: 'json-missing-comma',
  defaultSeverity: 'error',
  title: 'Missing comma',
  category: 'syntax',
  fixable: ['repair'],
  docs: {
    description: 'Two elements or properties with no comma between them, a common slip when pasting statements or events together.',
    example: '{ "Effect": "Allow" "Action": "kms:Decrypt" }',
    remedy: 'Insert the comma after the previous element (quick fix).',
    sources: [SOURCES.json, SOURCES.putKeyPolicy],
  },
});
