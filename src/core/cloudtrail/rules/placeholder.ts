import * as l10n from '@vscode/l10n';
import type { EventContext, LogRule } from '../../rules/rule';
import { isPlaceholder, obj } from '../event';
import { asString } from '../../jsonValues';
import { hasMask } from '../../text/masks';

/** Where real identifiers live in an event; documentation examples put their placeholders here. */
function identifierPaths(e: Record<string, unknown>): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [['recipientAccountId'], ['eventID'], ['requestID'], ['sharedEventID'],
    ['userIdentity', 'accountId'], ['userIdentity', 'arn'], ['userIdentity', 'accessKeyId'], ['userIdentity', 'principalId'],
    ['requestParameters', 'keyId'], ['requestParameters', 'targetKeyId'], ['requestParameters', 'destinationKeyId'], ['responseElements', 'keyId']];
  if (Array.isArray(e.resources)) e.resources.forEach((_, i) => paths.push(['resources', i, 'ARN'], ['resources', i, 'accountId']));
  return paths;
}

function valueAt(e: unknown, path: ReadonlyArray<string | number>): string | undefined {
  let v = e;
  for (const p of path) v = Array.isArray(v) ? v[p as number] : obj(v)?.[p as string];
  return asString(v);
}

export const placeholder: LogRule = {
  id: 'ct-placeholder',
  scope: 'log',
  defaultSeverity: 'information',
  title: 'Documentation placeholders or masked values in events',
  category: 'placeholder',
  fixable: [],
  docs: {
    description: 'The events use placeholders from AWS documentation (`account-id`, `111122223333`, ids with `EXAMPLE` or `SAMPLE`, the guide\'s sample key ids): they are examples, not records of real calls. Values masked before sharing (`XXXXXXXXXXXX`, `123456789XXX`, `REDACTED`, `xxxxxxxx-xxxx-...`) are read the same way: they stand for identifiers the reader cannot see. Said once per document, on the first placeholder, so an example is never mistaken for evidence, and the checks that would fail on placeholders (account id format, GUIDs) stay quiet.',
    example: '"recipientAccountId": "111122223333"',
    remedy: 'Nothing to fix in an example. In a real log, find out where the placeholders came from.',
  },
  check(events: EventContext[], report) {
    for (const e of events) {
      const found: Array<{ path: Array<string | number>; value: string }> = [];
      for (const path of identifierPaths(e.event)) {
        const v = valueAt(e.event, path);
        if (v && isPlaceholder(v)) found.push({ path, value: v });
      }
      if (found.length === 0) continue;
      const values = [...new Set(found.map((f) => f.value))];
      const shown = values.slice(0, 3).map((v) => `"${v}"`).join(', ') + (values.length > 3 ? ', ...' : '');
      const masked = found.every((f) => hasMask(f.value));
      report({
        ...e.range(found[0].path),
        message: masked
          ? l10n.t('Masked values ({0}): the event was redacted, so the checks that need the real identifiers stay quiet.', shown)
          : l10n.t('Documentation placeholders ({0}): this is an example, not a record of a real call.', shown),
      });
      return;
    }
  },
};
