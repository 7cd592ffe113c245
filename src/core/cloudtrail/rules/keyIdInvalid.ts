import * as l10n from '@vscode/l10n';
import { SOURCES } from '../../data/sources';
import type { EventContext, LogRule } from '../../rules/rule';
import { isDocumentationExample, isExampleEvent, isFillerId, isKmsEvent, keyMentions, type KeyMention } from '../event';

/** A key id as KMS forms it: a GUID, or `mrk-` and 32 hex digits for a multi-Region key (any case: only the form is judged here). */
const KEY_ID_FORM = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;

/** Masked on purpose: runs of x or *, an ellipsis, "REDACTED" and the like. Such logs are shared anonymised; say it quietly. */
const REDACTED = /x{3,}|\*{2,}|#{3,}|\.{3}|\u2026|redacted|masked|hidden|anonymi[sz]ed/i;

/** The key id a mention names: the id part of a key ARN, or a bare value that is neither an ARN nor an alias. */
function namedKeyId(k: KeyMention): string | undefined {
  if (k.ref.kind === 'keyArn') return k.ref.keyId;
  if (k.ref.kind !== 'other' || k.value.startsWith('arn:') || k.value.startsWith('alias/')) return undefined;
  // Request parameters take a key id, key ARN, alias name or alias ARN: a bare value without ':' or '/' is meant as a key id.
  return /[:/]/.test(k.value) || /\s/.test(k.value) ? undefined : k.value;
}

export const keyIdInvalid: LogRule = {
  id: 'ct-key-id-invalid',
  // Per log: a value repeated on every record (an anonymised log) is said once.
  scope: 'log',
  defaultSeverity: 'warning',
  title: 'A key id that is not one',
  category: 'record',
  fixable: [],
  docs: {
    description: 'KMS key ids are GUIDs (`1234abcd-12ab-34cd-56ef-1234567890ab`), or `mrk-` and 32 hexadecimal digits for multi-Region keys (KMS Developer Guide, key identifiers). A value in a key id\'s place (`requestParameters.keyId`, a key ARN in `responseElements` or `resources`) that has neither form cannot be what CloudTrail wrote: which key the record names is unknown, and the grants view and the lifecycle cannot follow it. A value masked on purpose (`...XXXXX`, `****`, `REDACTED`) is reported as information, once per document and value, so shared anonymised logs stay quiet; any other is a warning, also once per value. Documentation placeholders are left to `ct-placeholder`. In an event whose account is a documentation placeholder (`111122223333`, `123456789012`: an example, or a detection rule\'s test data, where `"keyId": "1"` is common) a value that does not try the key id form is information too; a key id cut short stays a warning. KMS Lens\'s own "Redact for sharing" keeps key ids as they are, so its output raises nothing here.',
    example: '"requestParameters": { "keyId": "1234abcd-12ab-34cd-56ef-XXXXXXXXXXXX" }',
    remedy: 'In a real log, get the record as CloudTrail delivered it. To share a log, redact with KMS Lens (account ids, access keys and names are replaced; key ids are kept).',
    sources: [SOURCES.kmsKeyIdentifiers, SOURCES.cloudTrailRecord],
  },
  check(events: EventContext[], report) {
    const seen = new Map<string, { ctx: EventContext; mention: KeyMention; count: number }>();
    for (const ctx of events) {
      if (!isKmsEvent(ctx.event)) continue;
      const m = keyMentions(ctx.event);
      for (const group of [m.request, m.response, m.resources]) for (const k of group) {
        const id = namedKeyId(k);
        if (id === undefined || KEY_ID_FORM.test(id) || isDocumentationExample(k.value) || isDocumentationExample(id)) continue;
        const first = seen.get(id);
        if (first) first.count++;
        else seen.set(id, { ctx, mention: k, count: 1 });
      }
    }
    for (const [id, { ctx, mention, count }] of seen) {
      const times = count > 1 ? l10n.t(' ({0} places in this document.)', count) : '';
      const redacted = REDACTED.test(id);
      report({
        ...ctx.range(mention.path),
        atMostInformation: redacted || (isFillerId(id) && isExampleEvent(ctx.event)),
        message: (redacted
          ? l10n.t('"{0}" is a masked key id, not a key id: which key this names cannot be told, so the grants view and the key\'s lifecycle do not follow it.', id)
          : l10n.t('"{0}" is not a KMS key id (a GUID, or mrk- and 32 hexadecimal digits): CloudTrail did not write it, and which key this names is unknown.', id)) + times,
      });
    }
  },
};
