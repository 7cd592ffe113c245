import { syntaxRule } from './syntaxRule';

export const tooDeep = syntaxRule('tooDeep', {
  id: 'json-too-deep',
  defaultSeverity: 'warning',
  title: 'Nesting too deep to analyse',
  category: 'analysis',
  fixable: [],
  docs: {
    description: 'JSON nested more than 512 levels deep. No policy or CloudTrail event is, so KMS Lens does not analyse the document rather than risk running out of stack.',
    remedy: 'Check that this is the file you meant to open.',
  },
});
