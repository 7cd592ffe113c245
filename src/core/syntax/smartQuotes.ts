import { SOURCES } from '../data/sources';
import { syntaxRule } from './syntaxRule';

export const smartQuotes = syntaxRule('smartQuotes', {
  id: 'json-smart-quotes',
  defaultSeverity: 'error',
  title: 'Curly quotes instead of straight quotes',
  category: 'syntax',
  fixable: ['repair'],
  docs: {
    description: 'Chat tools, word processors and some wikis turn `"` into “ ” (and `\'` into ‘ ’) when JSON is pasted through them. JSON only knows the straight double quote, so AWS rejects the document and tools cannot read the event. Curly quotes inside a real string ("it’s") are text and are left alone. Reported once per document, with a fix that replaces them all.',
    example: '{ “eventName”: “Decrypt” }',
    remedy: 'Replace the curly quotes with straight double quotes (quick fix).',
    sources: [SOURCES.json, SOURCES.putKeyPolicy],
  },
});
