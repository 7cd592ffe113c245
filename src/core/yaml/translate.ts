/**
 * A YAML document read as the JSON the policy code already understands.
 *
 * The YAML parse (the `yaml` library, which keeps every node's source range)
 * is written out as JSON text, and every character of that text remembers the
 * YAML character it came from. jsonc-parser then gives the usual tree, so the
 * CloudFormation locator, the policy model and every rule, hover, summary and
 * semantic token run unchanged; `toDocument` puts what they report back on the
 * YAML text. A short-form tag (`!Sub "..."`, `!Ref X`, `!If [...]`) is written
 * as its long form (`{"Fn::Sub": "..."}`) on the tag's characters, so
 * intrinsics.ts reads it as it reads a JSON template.
 *
 * Fixes are made in the JSON text; `mapEdits` (translation/edits.ts) turns them into
 * YAML edits, or refuses them where YAML cannot take them as they are.
 */
import { parseTree } from 'jsonc-parser';
import type { Node as YamlNode } from 'yaml';
import type { Translation } from '../document/translation';
import { indexNodes, translateEdits, type NodeIndex, type SourceWriting } from '../translation/edits';
import { MAX_DEPTH, Writer } from '../translation/writer';
import { flowMayReplace } from './flow';
import { yamlParser } from './parser';
import { mapScalar, writeScalar, type ScalarStyle } from './scalars';

export interface YamlTranslation extends Translation {
  /** Its value (short forms as long-form objects), for the classifier. */
  value: unknown;
  /** The YAML text's parse errors. */
  errors: number;
}

/** The CloudFormation short-form tags and their long forms. */
function longForm(tag: string | undefined): string | undefined {
  if (!tag || !/^![A-Za-z]+$/.test(tag)) return undefined;
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return name;
  return FUNCTIONS.has(name) ? `Fn::${name}` : undefined;
}

const FUNCTIONS = new Set(['Sub', 'Join', 'If', 'Select', 'ImportValue', 'FindInMap', 'GetAtt', 'Split', 'Base64', 'Cidr', 'GetAZs', 'Equals', 'Not', 'And', 'Or', 'Transform', 'Length', 'ToJsonString', 'ForEach']);

/** Where the collection's last character is (a block collection's range runs on over blank lines). */
function trimmedEnd(src: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(src[e - 1])) e--;
  return e;
}

/** The offset of a node's tag (`!Sub`), which the parser's range leaves out. */
function tagStart(src: string, valueStart: number, tag: string): number {
  let i = valueStart - 1;
  while (i >= 0 && /\s/.test(src[i])) i--;
  const end = i + 1;
  while (i >= 0 && !/[\s[{,]/.test(src[i])) i--;
  return src.slice(i + 1, end) === tag ? i + 1 : valueStart;
}

function emit(w: Writer, src: string, node: YamlNode | null | undefined, fallback: number, inFlow: boolean, depth: number, tagRead = false): void {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlParser();
  if (!node || isAlias(node) || depth > MAX_DEPTH) {
    // CloudFormation takes no aliases; an empty value is null.
    const at = node?.range?.[0] ?? fallback;
    w.put('null', at);
    return;
  }
  const [start, valueEnd] = node.range ?? [fallback, fallback];
  const fn = tagRead ? undefined : longForm(node.tag);
  if (fn) {
    const ts = tagStart(src, start, node.tag!);
    const jsonStart = w.at;
    w.put('{', ts);
    w.putString(fn, undefined, ts, ts);
    w.put(':', start);
    emit(w, src, node, start, inFlow, depth + 1, true);
    w.put('}', valueEnd);
    w.nodes.push({ kind: 'function', jsonStart, jsonEnd: w.at, yamlStart: ts, yamlEnd: end(src, node), inFlow });
    return;
  }
  if (isScalar(node)) {
    const jsonStart = w.at;
    const style = (node.type ?? 'PLAIN') as ScalarStyle;
    if (typeof node.value === 'string') {
      const { map, exact } = mapScalar(src, start, valueEnd, node.value, style);
      w.putString(node.value, map, start, valueEnd);
      w.nodes.push({ kind: 'scalar', jsonStart, jsonEnd: w.literalEnd, yamlStart: start, yamlEnd: valueEnd, style, value: node.value, exact, inFlow });
    } else {
      const v = node.value;
      const json = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'boolean' ? String(v) : v === null || v === undefined ? 'null' : JSON.stringify(String(v));
      w.put(json, start);
      w.nodes.push({ kind: 'scalar', jsonStart, jsonEnd: w.at, yamlStart: start, yamlEnd: valueEnd, style, inFlow });
    }
    return;
  }
  if (isMap(node)) {
    const flow = node.flow === true;
    const jsonStart = w.at;
    w.put('{', start);
    node.items.forEach((pair, i) => {
      if (!isPair(pair)) return;
      if (i > 0) w.put(',', -1);
      const key = pair.key as YamlNode | null;
      const keyStart = key?.range?.[0] ?? start;
      const keyEnd = key?.range?.[1] ?? keyStart;
      const propStart = w.at;
      const name = isScalar(key) ? String(key.value ?? '') : key ? src.slice(keyStart, keyEnd) : '';
      const keyMap = isScalar(key) && typeof key.value === 'string' ? mapScalar(src, keyStart, keyEnd, key.value, (key.type ?? 'PLAIN') as ScalarStyle) : undefined;
      const keyJsonStart = w.at;
      w.putString(name, keyMap?.map, keyStart, keyEnd);
      if (isScalar(key) && typeof key.value === 'string') {
        w.nodes.push({ kind: 'scalar', jsonStart: keyJsonStart, jsonEnd: w.literalEnd, yamlStart: keyStart, yamlEnd: keyEnd, style: (key.type ?? 'PLAIN') as ScalarStyle, value: key.value, exact: keyMap?.exact, inFlow: flow || inFlow });
      }
      w.put(':', keyEnd);
      emit(w, src, pair.value as YamlNode | null, keyEnd, flow || inFlow, depth + 1);
      const value = pair.value as YamlNode | null;
      w.nodes.push({ kind: 'property', jsonStart: propStart, jsonEnd: w.at, yamlStart: keyStart, yamlEnd: value ? end(src, value) : keyEnd, inFlow: flow || inFlow });
    });
    w.put('}', flow ? valueEnd - 1 : trimmedEnd(src, start, valueEnd));
    w.nodes.push({ kind: 'map', jsonStart, jsonEnd: w.at, yamlStart: start, yamlEnd: end(src, node), inFlow: flow || inFlow, flow });
    return;
  }
  if (isSeq(node)) {
    const flow = node.flow === true;
    const jsonStart = w.at;
    w.put('[', start);
    node.items.forEach((item, i) => {
      if (i > 0) w.put(',', -1);
      emit(w, src, item as YamlNode | null, start, flow || inFlow, depth + 1);
    });
    w.put(']', flow ? valueEnd - 1 : trimmedEnd(src, start, valueEnd));
    w.nodes.push({ kind: 'seq', jsonStart, jsonEnd: w.at, yamlStart: start, yamlEnd: end(src, node), inFlow: flow || inFlow, flow });
    return;
  }
  w.put('null', start);
}

/** Where a node's own characters end. */
function end(src: string, node: YamlNode): number {
  const { isMap, isSeq } = yamlParser();
  const [start, valueEnd] = node.range ?? [0, 0];
  return isMap(node) || isSeq(node) ? (node.flow ? valueEnd : trimmedEnd(src, start, valueEnd)) : valueEnd;
}

/** Strings in the scalar's own style; a collection replaced by flow JSON only where YAML takes a flow value there. */
const YAML_WRITING: SourceWriting = {
  string: (node, v) => writeScalar(v, (node.style ?? 'PLAIN') as ScalarStyle, node.inFlow),
  flowMayReplace,
};

/** A YAML text translated to JSON with a map back; undefined when it is not one YAML document. */
function translateYaml(src: string): YamlTranslation | undefined {
  const { isMap, isSeq, parseDocument } = yamlParser();
  const doc = parseDocument(src, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false, strict: false });
  const contents = doc.contents as YamlNode | null;
  if (!contents || !(isMap(contents) || isSeq(contents))) return undefined;
  const w = new Writer(src.length * 2);
  emit(w, src, contents, 0, false, 0);
  return finish(src, w, doc.errors.length);
}

/** translateYaml for a document's readers: the parser never throws on bad YAML; should it on some input, the text is not read, rather than an error in the editor. */
export function tryTranslateYaml(src: string): YamlTranslation | undefined {
  try {
    return translateYaml(src);
  } catch {
    return undefined;
  }
}

/**
 * A YAML stream (documents separated by `---`, as Kubernetes manifests are
 * kept) translated to JSON: one document as `translateYaml` writes it, several
 * as a JSON array of their contents (documents that are not a mapping or a
 * sequence are left out). Undefined when no document is a collection.
 */
export function translateYamlStream(src: string): YamlTranslation | undefined {
  const { isMap, isSeq, parseAllDocuments } = yamlParser();
  const parsed = parseAllDocuments(src, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false, strict: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const contents = docs.map((d) => d.contents as YamlNode | null).filter((c): c is YamlNode => c !== null && (isMap(c) || isSeq(c)));
  if (contents.length === 0) return undefined;
  const errors = docs.reduce((n, d) => n + d.errors.length, 0);
  const w = new Writer(src.length * 2);
  if (contents.length === 1) {
    emit(w, src, contents[0], 0, false, 0);
    return finish(src, w, errors);
  }
  w.put('[', contents[0].range?.[0] ?? 0);
  contents.forEach((c, i) => {
    if (i > 0) w.put(',', -1);
    emit(w, src, c, c.range?.[0] ?? 0, false, 1);
  });
  w.put(']', src.length);
  return finish(src, w, errors);
}

function finish(src: string, w: Writer, errors: number): YamlTranslation {
  const { text, map } = w.finish();
  const root = parseTree(text, [], { allowTrailingComma: true });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const nodes = w.nodes.sort((a, b) => a.jsonStart - b.jsonStart || b.jsonEnd - a.jsonEnd);
  const last = map.length - 1;
  let index: NodeIndex | undefined;
  return {
    text,
    root,
    value,
    toDocument: (o) => map[Math.max(0, Math.min(o, last))],
    mapEdits: (edits) => translateEdits(src, text, (index ??= indexNodes(nodes)), edits, YAML_WRITING),
    errors,
  };
}
