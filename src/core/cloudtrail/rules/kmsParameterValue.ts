import { KMS_ENUMS, type KmsEnumName } from '../../data/kmsFacts';
import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { EventRule } from '../../rules/rule';
import { EXTRA_ENUMS, KMS_OPERATION_BY_NAME, paramSpec, type ParamSpec } from '../data/kmsOperations';
import { isFailedCall, isKmsEvent, obj, suggestNames } from '../event';
import { display } from '../../text/display';

function enumValues(name: NonNullable<ParamSpec['enum']>): readonly string[] {
  return (KMS_ENUMS as Record<string, readonly string[]>)[name as KmsEnumName] ?? EXTRA_ENUMS[name] ?? [];
}

function typeOk(v: unknown, type: ParamSpec['type']): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'boolean': return typeof v === 'boolean';
    case 'array': return Array.isArray(v);
    case 'object': return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'stringOrNumber': return typeof v === 'string' || typeof v === 'number';
  }
}

export const kmsParameterValue: EventRule = {
  id: 'ct-kms-parameter-value',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Request parameter value KMS would reject',
  category: 'record',
  fixable: ['review'],
  docs: {
    description: 'A request parameter of a KMS call that succeeded (or passed as a dry run) with a value the KMS API rejects: an unknown `encryptionAlgorithm`, `keySpec`, `signingAlgorithm` or grant operation, `numberOfBytes` outside 1-1024, `pendingWindowInDays` outside 7-30, `rotationPeriodInDays` outside 90-2560, or the wrong JSON type. KMS would have answered with a ValidationException, so a successful event with such a value was edited. Failed calls are not checked: a rejected value is what made them fail.',
    example: '"eventName": "ScheduleKeyDeletion", "requestParameters": { "keyId": "...", "pendingWindowInDays": 3 }',
    remedy: 'Check the value against the KMS API reference; in a real log, find out who edited the record.',
    sources: [SOURCES.generateRandom, SOURCES.scheduleKeyDeletion, SOURCES.enableKeyRotation, SOURCES.createGrant],
  },
  check({ event, range }, report) {
    if (!isKmsEvent(event) || typeof event.eventName !== 'string' || isFailedCall(event)) return;
    const op = KMS_OPERATION_BY_NAME.get(event.eventName);
    const rp = obj(event.requestParameters);
    if (!op || !rp) return;
    for (const name in rp) {
      const v = rp[name];
      if (v === null || !op.request.includes(name)) continue;
      const spec = paramSpec(op.name, name);
      if (!spec) continue;
      const path = ['requestParameters', name];
      if (!typeOk(v, spec.type)) {
        report({ ...range(path), message: l10n.t('{0} of {1} should be {2}, not {3}.', name, op.name, spec.type, Array.isArray(v) ? 'array' : typeof v) });
        continue;
      }
      if (typeof v === 'number' && ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))) {
        report({ ...range(path), message: l10n.t('{0} must be between {1} and {2}; KMS rejects {3}.', name, String(spec.min), String(spec.max), display(v)) });
      }
      if (Array.isArray(v) && spec.max !== undefined && v.length > spec.max) {
        report({ ...range(path), message: l10n.t('{0} holds at most {1} values; KMS rejects {2}.', name, String(spec.max), String(v.length)) });
      }
      if (!spec.enum) continue;
      const allowed = enumValues(spec.enum);
      if (typeof v === 'string' && allowed.includes(v)) continue;
      const items: Array<{ value: unknown; path: Array<string | number> }> = Array.isArray(v) ? v.map((x, i) => ({ value: x, path: [...path, i] })) : [{ value: v, path }];
      for (const item of items) {
        if (typeof item.value === 'string' && allowed.includes(item.value)) continue;
        const shown = typeof item.value === 'string' ? item.value : JSON.stringify(item.value);
        const near = typeof item.value === 'string' ? suggestNames(item.value, allowed, 3) : [];
        const r = range(item.path);
        const hint = near.length > 0 ? l10n.t(' Did you mean {0}?', near.map((n) => `"${n}"`).join(', ')) : '';
        report({
          ...r,
          message: l10n.t('"{0}" is not a valid {1} for {2}: KMS accepts {3}.', shown, name, op.name, allowed.join(', ')) + hint,
          fixes: near.map((n) => ({ title: l10n.t('Change to "{0}"', n), edits: [{ ...r, newText: JSON.stringify(n) }], safety: 'review' })),
        });
      }
    }
  },
};
