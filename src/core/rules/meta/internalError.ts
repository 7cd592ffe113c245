import type { MetaRule } from '../rule';

export const internalError: MetaRule = {
  id: 'meta-internal-error',
  scope: 'meta',
  defaultSeverity: 'information',
  title: 'A rule failed on this document',
  category: 'analysis',
  fixable: [],
  formerIds: ['internal-error'],
  docs: {
    description: 'A rule threw an exception on this document. The other rules still ran; the editor is not affected. This is a bug in KMS Lens.',
    remedy: 'Report it with the message and, if you can, a redacted copy of the document.',
  },
};
