/**
 * Terraform's JSON syntax seen as the HCL tree syntax.ts makes, so that the
 * policy reader (translate.ts) and the grant reader (grants.ts) read a
 * `*.tf.json` module as they read a `.tf` one, on the JSON's characters.
 *
 * The mapping is Terraform's own (JSON Configuration Syntax): a top-level
 * `resource` or `data` object holds type, then name, then the block's
 * arguments; an object, or an array of objects, under a name is a nested
 * block (`statement`, `principals`, `condition`, `constraints`); anything else
 * is an argument. A JSON string is an HCL string (its escapes are HCL's); one
 * that is a whole `${...}` is the expression it holds (a reference such as
 * `data.aws_iam_policy_document.key.json`, unknown as in HCL). CDKTF's `//`
 * metadata is not read.
 */
import type { Node } from 'jsonc-parser';
import type { HclNode } from './syntax';

const node = (type: string, start: number, end: number, children: HclNode[] = []): HclNode => ({ type, startIndex: start, endIndex: end, children });

/** The name a property's key gives, on the characters between its quotes. */
const identifier = (key: Node): HclNode => node('identifier', key.offset + 1, key.offset + key.length - 1);

/** A label (`"aws_kms_key"`): a string node with its quotes, as blockHead reads labels. */
const label = (key: Node): HclNode => node('string_lit', key.offset, key.offset + key.length);

/** An object, or each object of an array: the bodies of blocks of one name. */
function objectsOf(v: Node | undefined): Node[] {
  if (!v) return [];
  if (v.type === 'object') return [v];
  return v.type === 'array' ? (v.children ?? []).filter((c) => c.type === 'object') : [];
}

function properties(o: Node): Array<{ key: Node; value: Node }> {
  return (o.children ?? []).flatMap((p) => (p.children?.length === 2 ? [{ key: p.children[0], value: p.children[1] }] : []));
}

/** A whole interpolation, `"${expression}"` with no escape and no other `${` in it. */
const WHOLE_INTERPOLATION = /^\$\{(?:(?!\$\{)[^\\"])*\}$/;

function expression(src: string, v: Node): HclNode {
  const end = v.offset + v.length;
  switch (v.type) {
    case 'string':
      return WHOLE_INTERPOLATION.test(src.slice(v.offset + 1, end - 1)) ? node('variable_expr', v.offset + 3, end - 2) : node('string_lit', v.offset, end);
    case 'number':
      return node('numeric_lit', v.offset, end);
    case 'boolean':
      return node('bool_lit', v.offset, end);
    case 'null':
      return node('null_lit', v.offset, end);
    case 'array':
      return node('tuple', v.offset, end, (v.children ?? []).map((c) => expression(src, c)));
    default:
      return node('object', v.offset, end, properties(v).map(({ key, value }) => node('object_elem', key.offset, value.offset + value.length, [label(key), expression(src, value)])));
  }
}

/** Is the value a nested block (an object, or a non-empty array of objects) rather than an argument? */
function isBlock(v: Node): boolean {
  return v.type === 'object' || (v.type === 'array' && (v.children ?? []).length > 0 && (v.children ?? []).every((c) => c.type === 'object'));
}

function body(src: string, o: Node, depth: number): HclNode {
  const children: HclNode[] = [];
  for (const { key, value } of properties(o)) {
    const name = key.value as string;
    if (name === '//') continue;
    if (isBlock(value) && depth < 16) {
      // A block starts on its name, as in HCL (`statement {`); each block of an array on its own object.
      for (const b of objectsOf(value)) children.push(node('block', value.type === 'array' ? b.offset : key.offset + 1, b.offset + b.length, [identifier(key), body(src, b, depth + 1)]));
    } else children.push(node('attribute', key.offset, value.offset + value.length, [identifier(key), expression(src, value)]));
  }
  return node('body', o.offset, o.offset + o.length, children);
}

/** The module's `resource` and `data` blocks as an HCL tree (config_file > body > blocks); the rest of the file is not in it. */
export function hclTreeOfJson(src: string, root: Node): HclNode {
  const blocks: HclNode[] = [];
  for (const top of objectsOf(root)) {
    for (const { key: kindKey, value: byType } of properties(top)) {
      if (kindKey.value !== 'resource' && kindKey.value !== 'data') continue;
      for (const types of objectsOf(byType)) {
        for (const { key: typeKey, value: byName } of properties(types)) {
          for (const names of objectsOf(byName)) {
            for (const { key: nameKey, value: block } of properties(names)) {
              for (const b of objectsOf(block)) blocks.push(node('block', nameKey.offset, b.offset + b.length, [identifier(kindKey), label(typeKey), label(nameKey), body(src, b, 0)]));
            }
          }
        }
      }
    }
  }
  const all = node('body', root.offset, root.offset + root.length, blocks);
  return node('config_file', root.offset, root.offset + root.length, [all]);
}
