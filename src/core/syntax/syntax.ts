import { SOURCES } from '../data/sources';
import { syntaxRule } from './syntaxRule';

export const invalid = syntaxRule('invalid', {
  id: 'json-syntax',
  defaultSeverity: 'error',
  title: 'Invalid JSON',
  category: 'syntax',
  fixable: [],
  docs: {
    description: 'Any other JSON syntax error: a missing colon, bracket or value, an unquoted word, text after the end of the document. In VS Code, a file the editor itself reads as JSON or JSON with Comments already gets VS Code\'s own message for these errors (unless `json.validate.enable` is off), so KMS Lens does not repeat it there; JSON Lines, log files and the CLI get this finding.',
    example: '{ "Effect": Allow }',
    remedy: 'Correct the JSON at the marked position.',
    sources: [SOURCES.json, SOURCES.putKeyPolicy],
  },
});
