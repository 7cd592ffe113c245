/**
 * `aws kms list-grants` output -> grant facts: each entry is a grant alive
 * when the list was taken, on the key its `KeyId` names.
 */
import { isObject } from '../classify';
import type { DocumentModel } from '../document/model';
import { byTime } from '../history/events';
import { parseKeyName } from '../history/keys';
import { nonEmptyString, stringArray } from '../jsonValues';
import { timeMillis } from '../text/cloudTrailTime';
import { readConstraints } from './constraints';
import { emptyGrantFacts, type GrantFacts, type ListFact } from './facts';

export function listGrantsFacts(model: DocumentModel): GrantFacts {
  const facts = emptyGrantFacts();
  for (const record of model.records) {
    const g = record.value;
    if (!isObject(g)) continue;
    const created = creationDate(g.CreationDate);
    const keyId = nonEmptyString(g.KeyId);
    const f: ListFact = {
      kind: 'list',
      record,
      eventName: 'ListGrants',
      eventTime: created,
      ms: timeMillis(created),
      key: keyId ? parseKeyName(keyId) : undefined,
      grantId: nonEmptyString(g.GrantId),
      name: nonEmptyString(g.Name),
      granteePrincipal: nonEmptyString(g.GranteePrincipal),
      retiringPrincipal: nonEmptyString(g.RetiringPrincipal),
      issuingAccount: nonEmptyString(g.IssuingAccount),
      operations: stringArray(g.Operations),
      constraints: readConstraints(g.Constraints),
    };
    facts.events.push(f);
    if (f.key) facts.refs.push(f.key);
  }
  byTime(facts.events);
  return facts;
}

/** The AWS CLI prints CreationDate as ISO 8601 (v2) or as epoch seconds (older versions). */
function creationDate(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000).toISOString().replace('.000Z', 'Z');
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
  return undefined;
}
