import * as l10n from '@vscode/l10n';
import { ANALYSED_KINDS } from '../../syntax/syntaxRule';
import type { DocumentRule } from '../rule';

function megabytes(chars: number): string {
  return (chars / (1024 * 1024)).toFixed(1);
}

export const fileTooLarge: DocumentRule = {
  id: 'meta-file-too-large',
  scope: 'document',
  kinds: ANALYSED_KINDS,
  defaultSeverity: 'information',
  title: 'File too large to analyse',
  category: 'analysis',
  fixable: [],
  formerIds: ['file-too-large'],
  docs: {
    description: 'The document is larger than the size limit (`kmsLens.maxFileSizeMB`, or `--max-file-size` in the CLI), so it was not analysed. Said once, so a skipped log is never mistaken for a clean one.',
    remedy: 'Raise the limit if the machine can take it, or split the log (for example with `jq -c ".Records[]"` into JSON Lines).',
  },
  check(model, report, settings) {
    if (model.skipped !== 'tooLarge') return;
    const size = megabytes(model.text.length);
    const limit = megabytes(settings.maxFileSize);
    const name = settings.limitNames?.maxFileSize;
    report({
      start: 0,
      end: 0,
      message: name
        ? l10n.t('Not analysed: this file is {0} MB, over the size limit of {1} MB. Raise {2} to analyse it.', size, limit, name)
        : l10n.t('Not analysed: this file is {0} MB, over the size limit of {1} MB. Raise the limit to analyse it.', size, limit),
    });
  },
};
