import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { KMS_OPERATIONS, KMS_OPERATION_BY_NAME } from '../data/kmsOperations';
import { isKmsEvent, suggestNames } from '../event';

const NAMES = KMS_OPERATIONS.map((o) => o.name);

export const kmsOperation: EventRule = {
  id: 'ct-kms-operation',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'eventName is not a KMS operation',
  category: 'record',
  fixable: ['neutral', 'review'],
  docs: {
    description: 'In an event from `kms.amazonaws.com`, `eventName` is a KMS API operation (`Decrypt`, `CreateGrant`, ...) or one of the events KMS logs itself (`RotateKey`, `DeleteKey`, `DeleteExpiredKeyMaterial`, `SynchronizeMultiRegionKey`). CloudTrail logs one `ReEncrypt` event, never `ReEncryptFrom`/`ReEncryptTo` (those are IAM permissions). Anything else, including the IAM form `kms:Decrypt`, is a typo or an edit.',
    example: '"eventSource": "kms.amazonaws.com", "eventName": "Decrpyt"',
    remedy: 'Use the operation name as CloudTrail writes it (the quick fix offers the nearest).',
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event)) return;
    const v = event.eventName;
    if (typeof v !== 'string' || KMS_OPERATION_BY_NAME.has(v)) return;
    const r = range(['eventName']);
    const bare = v.replace(/^kms:/i, '');
    const near = /^ReEncrypt(From|To)$/i.test(bare) ? ['ReEncrypt'] : KMS_OPERATION_BY_NAME.has(bare) ? [bare] : suggestNames(bare, NAMES, 3);
    const hint = near.length > 0 ? l10n.t(' Did you mean {0}?', near.map((n) => `"${n}"`).join(', ')) : '';
    report({
      ...r,
      message: l10n.t('"{0}" is not a KMS operation that CloudTrail logs.', v) + hint,
      fixes: near.map((n, i) => ({ title: l10n.t('Change to "{0}"', n), edits: [{ ...r, newText: JSON.stringify(n) }], safety: i === 0 && near.length === 1 && n.toLowerCase() === bare.toLowerCase() ? 'neutral' : 'review' })),
    });
  },
};
