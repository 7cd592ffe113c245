import type { MetaRule } from '../rule';

export const tooManyFindings: MetaRule = {
  id: 'meta-too-many-findings',
  scope: 'meta',
  defaultSeverity: 'information',
  title: 'More findings than the limit',
  category: 'analysis',
  fixable: [],
  formerIds: ['too-many-findings'],
  docs: {
    description: 'The document has more findings than `kmsLens.maxFindings` (`--max-findings` in the CLI). The first ones are shown, and this finding says how many were left out.',
    remedy: 'Fix the first findings, turn off rules you do not need, or raise the limit.',
  },
};
