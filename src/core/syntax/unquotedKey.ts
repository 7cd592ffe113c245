import { SOURCES } from '../data/sources';
import { syntaxRule } from './syntaxRule';

export const unquotedKey = syntaxRule('unquotedKey', {
  id: 'json-unquoted-key',
  defaultSeverity: 'error',
  title: 'Property name without quotes',
  category: 'syntax',
  fixable: ['repair'],
  docs: {
    description: 'A property name written without double quotes, as JavaScript and YAML allow (`{ eventName: "Decrypt" }`). JSON does not. Only names of two or more identifier characters directly followed by a colon are reported with a fix; a name with colons in it (`aws:ecs:clusterName`) is ambiguous and is left to `json-syntax`.',
    example: '{ eventName: "Decrypt" }',
    remedy: 'Put the name in double quotes (quick fix).',
    sources: [SOURCES.json, SOURCES.putKeyPolicy],
  },
});
