import { SOURCES } from '../data/sources';
import { syntaxRule } from './syntaxRule';

export const comment = syntaxRule('comment', {
  id: 'json-comment',
  defaultSeverity: 'error',
  title: 'Comment in strict JSON',
  category: 'syntax',
  fixable: ['repair'],
  docs: {
    description: 'A `//` or `/* */` comment in a `.json` document. AWS rejects policies that contain comments. Documents in the JSON with Comments (`jsonc`) language are treated as drafts and may hold comments.',
    example: '{ "Version": "2012-10-17", // default policy\n  "Statement": [] }',
    remedy: 'Remove the comment (quick fix), or keep drafts in a `jsonc` document.',
    sources: [SOURCES.json, SOURCES.putKeyPolicy],
  },
});
