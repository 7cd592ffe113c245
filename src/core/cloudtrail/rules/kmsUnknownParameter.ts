import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { GRANT_CONSTRAINT_MEMBERS, KMS_OPERATION_BY_NAME } from '../data/kmsOperations';
import { isKmsEvent, obj, suggestNames, type Obj } from '../event';

export const kmsUnknownParameter: EventRule = {
  id: 'ct-kms-unknown-parameter',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Request parameter or response element the operation does not have',
  category: 'record',
  fixable: ['neutral', 'review'],
  docs: {
    description: 'Each KMS operation has its own request parameters and response elements (from the KMS API model; CloudTrail writes them in camelCase). A key the operation does not have, such as `keyID` or `encryptionContexts`, or a grant constraint other than `encryptionContextSubset`, `encryptionContextEquals` and `sourceArn`, means the event was edited, or the parameter is misspelt in a test fixture.',
    example: '"eventName": "Decrypt", "requestParameters": { "keyID": "..." }',
    remedy: 'Use the parameter name the operation has (the quick fix offers the nearest).',
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event) || typeof event.eventName !== 'string') return;
    const op = KMS_OPERATION_BY_NAME.get(event.eventName);
    if (!op) return;
    const rp = obj(event.requestParameters);
    const check = (members: Obj | undefined, path: string[], known: readonly string[], where: () => string): void => {
      if (!members) return;
      for (const key in members) {
        if (known.includes(key)) continue;
        const near = suggestNames(key, known, 2).filter((n) => !(n in members));
        const r = range([...path, key], 'key');
        const hint = near.length > 0 ? l10n.t(' Did you mean "{0}"?', near[0]) : '';
        report({
          ...r,
          message: l10n.t('"{0}" is not a {1}.', key, where()) + hint,
          fixes: near.map((n, i) => ({ title: l10n.t('Rename to "{0}"', n), edits: [{ ...r, newText: JSON.stringify(n) }], safety: i === 0 && n.toLowerCase() === key.toLowerCase() ? 'neutral' : 'review' })),
        });
      }
    };
    // The words are functions: they are only needed when something is reported.
    check(rp, ['requestParameters'], op.request, () => l10n.t('request parameter of {0}', op.name));
    check(obj(event.responseElements), ['responseElements'], op.response, () => l10n.t('response element of {0}', op.name));
    if (op.name === 'CreateGrant') check(obj(rp?.constraints), ['requestParameters', 'constraints'], GRANT_CONSTRAINT_MEMBERS, () => l10n.t('grant constraint'));
  },
};
