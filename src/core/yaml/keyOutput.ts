/**
 * AWS CLI output about keys printed with `--output yaml`: `aws kms
 * list-grants` (`Grants:`), `describe-key` (`KeyMetadata:`),
 * `get-key-rotation-status` (`KeyRotationEnabled:`), `list-aliases`
 * (`Aliases:`) and `list-key-rotations` (`Rotations:`). The AWS CLI v2 writes the same members as in its JSON output,
 * as a block mapping at column 0 (timestamps and numeric ids quoted, which the
 * YAML 1.2 core schema reads as strings either way).
 *
 * The YAML is translated to JSON (yaml/translate.ts) and classified as the
 * JSON output is (classify.ts), so only outputs of these shapes are ours;
 * every other YAML stays silent. Each record (a grant, the key's metadata)
 * is read from its JSON, as a lookup-events event is read from its string
 * (JsonRecord.inString): the grants view, the key lifecycle, the rules and
 * the hovers see the same records as for the JSON form, and what they place
 * goes back onto the YAML characters.
 */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { classifyValue, isObject, type Container } from '../classify';
import type { CliOutput } from '../document/cliOutput';
import type { JsonRecord } from '../document/record';
import { tryTranslateYaml, type YamlTranslation } from './translate';

/**
 * The top-level members that name these outputs: `--output yaml` writes them at column 0,
 * `--output yaml-stream` (paginated commands) writes each page as an entry of a list (`- Grants:`).
 */
const KEY_OUTPUT_HINT = /^(?:- )?(?:Grants|KeyMetadata|KeyRotationEnabled|Aliases|Rotations)\s*:/m;

export interface YamlKeyOutput {
  translation: YamlTranslation;
  kind: 'listGrants' | 'kmsOutput';
  container: Container;
  cli?: CliOutput;
  records: JsonRecord[];
}

/**
 * The members each output has at its top level (AWS CLI v2's JSON and YAML
 * alike): YAML is everywhere, so a mapping with other members, or a `Grants:`
 * list of something other than KMS grants, is not such output.
 */
const TOP_LEVEL: Readonly<Record<string, readonly string[]>> = {
  'kms list-grants': ['Grants', 'NextMarker', 'Truncated'],
  'kms list-aliases': ['Aliases', 'NextMarker', 'Truncated'],
  'kms list-key-rotations': ['Rotations', 'NextMarker', 'Truncated'],
  'kms describe-key': ['KeyMetadata'],
  'kms get-key-rotation-status': ['KeyId', 'KeyRotationEnabled', 'RotationPeriodInDays', 'NextRotationDate', 'OnDemandRotationStartDate'],
};

/** Each entry of `Grants` is a grant: a mapping with its GrantId or KeyId. */
function isGrantList(v: unknown): boolean {
  return Array.isArray(v) && v.every((g) => isObject(g) && (typeof g.GrantId === 'string' || typeof g.KeyId === 'string'));
}

function isExactly(value: Record<string, unknown>, cli: CliOutput | undefined): boolean {
  const members = cli ? TOP_LEVEL[cli.command] : undefined;
  if (!members || !Object.keys(value).every((k) => members.includes(k))) return false;
  return cli?.command !== 'kms list-grants' || isGrantList(value.Grants);
}

/** The nodes of the records of a container, in the translation's tree. */
function recordNodes(root: Node, container: Container): Node[] {
  switch (container) {
    case 'Grants':
    case 'Aliases':
    case 'Rotations': {
      const arr = findNodeAtLocation(root, [container]);
      return arr?.type === 'array' ? (arr.children ?? []).filter((n) => n.type === 'object') : [];
    }
    case 'KeyMetadata': {
      const meta = findNodeAtLocation(root, [container]);
      return meta?.type === 'object' ? [meta] : [];
    }
    case 'single':
      return root.type === 'object' ? [root] : [];
    default:
      return [];
  }
}

/** One record: its JSON text, placed on the YAML characters it was written from (both ways). */
function yamlRecord(t: YamlTranslation, node: Node, index: number, value: unknown): JsonRecord {
  const from = node.offset;
  const length = node.length;
  const toDocument = (local: number): number => t.toDocument(from + Math.max(0, Math.min(local, length)));
  const start = toDocument(0);
  const end = toDocument(length);
  return {
    index,
    start,
    end,
    value,
    broken: false,
    inString: {
      text: t.text.slice(from, from + length),
      toDocument,
      fromDocument(offset) {
        if (offset < start || offset > end) return undefined;
        // The map is monotonic: the last JSON character written from at or before the offset.
        let lo = 0;
        let hi = length;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (toDocument(mid) <= offset) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      },
    },
  };
}

/** The values of a container's records, in the order of their nodes. */
function recordValues(value: Record<string, unknown>, container: Container): unknown[] {
  if (container === 'single') return [value];
  if (container === 'KeyMetadata') return [value.KeyMetadata];
  const list = value[container];
  return Array.isArray(list) ? list.filter((e) => isObject(e)) : [];
}

/**
 * `--output yaml-stream` of a paginated command (list-grants, list-aliases,
 * list-key-rotations): a list with one entry per page the CLI fetched, each the
 * page's response as `--output yaml` would print it (with `NextMarker` and
 * `Truncated: true` on all but the last). Read as one output whose records are
 * those of every page, in order; the last page says whether there is more.
 */
function readYamlStream(t: YamlTranslation, root: Node, pages: unknown[]): YamlKeyOutput | undefined {
  const pageNodes = root.type === 'array' ? root.children ?? [] : [];
  if (pages.length === 0 || pageNodes.length !== pages.length) return undefined;
  let first: ReturnType<typeof classifyValue> | undefined;
  let last: ReturnType<typeof classifyValue> | undefined;
  const records: JsonRecord[] = [];
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i];
    if (!isObject(page)) return undefined;
    const c = classifyValue(page);
    if ((c.kind !== 'listGrants' && c.kind !== 'kmsOutput') || !isExactly(page, c.cli) || c.container === 'KeyMetadata' || c.container === 'single') return undefined;
    if (first && (c.cli?.command !== first.cli?.command || c.container !== first.container)) return undefined;
    first ??= c;
    last = c;
    const nodes = recordNodes(pageNodes[i], c.container);
    const values = recordValues(page, c.container);
    if (nodes.length !== values.length) return undefined;
    nodes.forEach((node, j) => records.push(yamlRecord(t, node, records.length, values[j])));
  }
  if (!first || !last) return undefined;
  return { translation: t, kind: first.kind as YamlKeyOutput['kind'], container: first.container, cli: last.cli, records };
}

/** The text read as AWS CLI YAML output about keys; undefined for every other YAML. */
export function readYamlKeyOutput(text: string): YamlKeyOutput | undefined {
  if (!KEY_OUTPUT_HINT.test(text)) return undefined;
  const t = tryTranslateYaml(text);
  // Broken YAML is not read as output: what it holds is not known for certain.
  if (!t || t.errors > 0 || !t.root) return undefined;
  if (Array.isArray(t.value)) return readYamlStream(t, t.root, t.value);
  if (!isObject(t.value)) return undefined;
  const c = classifyValue(t.value);
  if ((c.kind !== 'listGrants' && c.kind !== 'kmsOutput') || !isExactly(t.value, c.cli)) return undefined;
  const nodes = recordNodes(t.root, c.container);
  const values = recordValues(t.value, c.container);
  if (nodes.length !== values.length) return undefined;
  const translation = t;
  const records = nodes.map((node, i) => yamlRecord(translation, node, i, values[i]));
  return { translation, kind: c.kind, container: c.container, cli: c.cli, records };
}
