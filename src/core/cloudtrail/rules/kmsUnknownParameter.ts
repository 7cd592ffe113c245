import { t } from '../../l10n';
import type { EventRule } from '../../rules/rule';
import { GRANT_CONSTRAINT_MEMBERS, KMS_OPERATION_BY_NAME } from '../data/kmsOperations';
import { isKmsEvent, obj, suggestNames } from '../event';

export const kmsUnknownParameter: EventRule = {
  id: 'ct-kms-unknown-parameter',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Request parameter or response element the operation does not have',
  docs: {
    description: 'Each KMS operation has its own request parameters and response elements (from the KMS API model; CloudTrail writes them in camelCase). A key the operation does not have, such as `keyID` or `encryptionContexts`, or a grant constraint other than `encryptionContextSubset`, `encryptionContextEquals` and `sourceArn`, means the event was edited, or the parameter is misspelt in a test fixture.',
    example: '"eventName": "Decrypt", "requestParameters": { "keyID": "..." }',
    remedy: 'Use the parameter name the operation has (the quick fix offers the nearest).',
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event) || typeof event.eventName !== 'string') return;
    const op = KMS_OPERATION_BY_NAME.get(event.eventName);
    if (!op) return;
    // `where` is a function: the words are only needed when something is reported.
    const groups: Array<{ path: string[]; known: readonly string[]; where: () => string }> = [
      { path: ['requestParameters'], known: op.request, where: () => t('request parameter of {0}', op.name) },
      { path: ['responseElements'], known: op.response, where: () => t('response element of {0}', op.name) },
    ];
    if (op.name === 'CreateGrant') groups.push({ path: ['requestParameters', 'constraints'], known: GRANT_CONSTRAINT_MEMBERS, where: () => t('grant constraint') });
    for (const g of groups) {
      let o: unknown = event;
      for (const p of g.path) o = obj(o)?.[p];
      const members = obj(o);
      if (!members) continue;
      for (const key of Object.keys(members)) {
        if (g.known.includes(key)) continue;
        const near = suggestNames(key, g.known, 2).filter((n) => !(n in members));
        const r = range([...g.path, key], 'key');
        const hint = near.length > 0 ? t(' Did you mean "{0}"?', near[0]) : '';
        report({
          ...r,
          message: t('"{0}" is not a {1}.', key, g.where()) + hint,
          fixes: near.map((n, i) => ({ title: t('Rename to "{0}"', n), edits: [{ ...r, newText: JSON.stringify(n) }], preferred: i === 0 && n.toLowerCase() === key.toLowerCase() })),
        });
      }
    }
  },
};
