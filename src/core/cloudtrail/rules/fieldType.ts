import * as l10n from '@vscode/l10n';
import type { EventRule } from '../../rules/rule';
import { type FieldType } from '../data/recordFields';
import { obj, topLevelFields } from '../event';

function fits(v: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'array': return Array.isArray(v);
    case 'object': return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'objectOrNull': return v === null || (typeof v === 'object' && !Array.isArray(v));
  }
}

const TYPE_WORDS: Record<FieldType, string> = {
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  objectOrNull: 'an object or null',
};

export const fieldType: EventRule = {
  id: 'ct-field-type',
  scope: 'event',
  defaultSeverity: 'warning',
  title: 'Record field of the wrong type',
  category: 'record',
  fixable: ['neutral'],
  docs: {
    description: 'A CloudTrail field whose JSON type is not the one CloudTrail writes: `readOnly` as the string `"true"`, `resources` as an object, `requestParameters` as a string. Tools that read logs (Athena, jq filters, SIEM parsers) then skip or misread the event. `userIdentity.sessionContext.attributes.mfaAuthenticated` is the exception the other way: CloudTrail writes it as the string `"true"` or `"false"`.',
    example: '"readOnly": "true"',
    remedy: 'Write the value with the type CloudTrail uses.',
  },
  check({ event, range }, report) {
    const { names, fields } = topLevelFields(event);
    for (let i = 0; i < names.length; i++) {
      const f = fields[i];
      if (!f) continue;
      const name = names[i];
      const v = event[name];
      if (fits(v, f.type)) continue;
      report({ ...range([f.name]), message: l10n.t('"{0}" should be {1} in a CloudTrail record.', f.name, TYPE_WORDS[f.type]) });
    }
    const attrs = obj(obj(obj(event.userIdentity)?.sessionContext)?.attributes);
    const mfa = attrs?.mfaAuthenticated;
    if (typeof mfa === 'boolean') {
      const at = range(['userIdentity', 'sessionContext', 'attributes', 'mfaAuthenticated']);
      report({ ...at, message: l10n.t('CloudTrail writes mfaAuthenticated as a string, "{0}", not a boolean.', String(mfa)), fixes: [{ title: l10n.t('Write it as "{0}"', String(mfa)), edits: [{ ...at, newText: `"${mfa}"` }], safety: 'neutral' }] });
    }
  },
};
