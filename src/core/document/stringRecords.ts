/**
 * Records whose JSON is the content of a string of the document: each
 * `CloudTrailEvent` of `aws cloudtrail lookup-events` output is a whole
 * CloudTrail event, escaped into one string. Such a record is read from the
 * decoded text, and everything found in it (a finding, a hover, an event's
 * place in the grants view) is mapped back onto the string's characters, so
 * that event rules and hovers work on it unchanged (JsonRecord.inString).
 *
 * The map from decoded characters to the document is made on first use: a
 * page of a thousand events is read for the grants view without it, and only
 * the events a finding or a hover lands in pay for it.
 */
import { getNodeValue, parseTree } from 'jsonc-parser';
import * as l10n from '@vscode/l10n';
import { decodeJsonString, encodeJsonStringContent } from '../policy/jsonString';
import type { JsonRecord } from './record';
import { maxDepth } from './scan';
import { isPartial, soundTree } from './sound';
import { findSyntaxProblems, MAX_NESTING, type SyntaxProblem } from './syntax';

/** Where each decoded character of the literal at [start, end) is in the document, both ways, made on first use. */
function lazyMap(documentText: string, start: number, end: number): { toDocument(offset: number): number; fromDocument(offset: number): number | undefined } {
  let map: Int32Array | undefined;
  const mapOf = (): Int32Array => (map ??= decodeJsonString(documentText.slice(start, end)).map);
  return {
    toDocument(offset) {
      const m = mapOf();
      return start + m[Math.max(0, Math.min(offset, m.length - 1))];
    },
    fromDocument(offset) {
      const m = mapOf();
      const local = offset - start;
      if (local < m[0] || local > m[m.length - 1]) return undefined;
      // The map is increasing: the last decoded character that starts at or before the offset.
      let lo = 0;
      let hi = m.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (m[mid] <= local) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
  };
}

/**
 * The record in the string literal at [start, end) of `documentText`.
 * `decoded` is the string's value when the caller already has it (the fast
 * path parsed the whole document). `label` names the string in messages
 * about JSON errors inside it ("the CloudTrailEvent string").
 */
export function stringRecord(documentText: string, start: number, end: number, index: number, label: string, decoded?: string): { record: JsonRecord; problems: SyntaxProblem[] } {
  const text = decoded ?? decodeJsonString(documentText.slice(start, end)).text;
  const map = lazyMap(documentText, start, end);
  const record: JsonRecord = { index, start, end, value: undefined, broken: false, inString: { text, ...map } };
  try {
    record.value = JSON.parse(text);
    return { record, problems: [] };
  } catch {
    record.broken = true;
  }
  // The recursive parsers are not run on absurdly deep content (the record then has no value).
  if (maxDepth(text, 0, text.length, MAX_NESTING + 1) > MAX_NESTING) return { record, problems: [] };
  const tree = soundTree(text, parseTree(text, [], { allowTrailingComma: true, disallowComments: false }));
  record.value = tree ? getNodeValue(tree) : undefined;
  record.partial = tree ? isPartial(tree) : true;
  const problems = findSyntaxProblems(text, 0, text.length, false).map((p): SyntaxProblem => ({
    ...p,
    start: map.toDocument(p.start),
    end: map.toDocument(p.end),
    message: l10n.t('In {0}: {1}', label, p.message),
    fixes: p.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ start: map.toDocument(e.start), end: map.toDocument(e.end), newText: encodeJsonStringContent(e.newText) })) })),
  }));
  return { record, problems };
}
