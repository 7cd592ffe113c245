/**
 * A plain JavaScript copy of the parts of a tree-sitter HCL tree that the
 * policy reader needs, read with one TreeCursor walk.
 *
 * Why: every read of a tree-sitter node crosses the WebAssembly boundary and
 * makes new node objects, which made reading a module cost more than parsing
 * it. The walk reads each kept node once (type, offsets), keeps only named
 * nodes, and does not enter what the reader never looks into:
 * - top-level blocks the reader does not want (a VPC, a bucket without a
 *   policy) are kept as their head only;
 * - strings, numbers, references and other leaves are kept without their
 *   children: their text is taken from the source by offsets.
 */
import type { Tree, TreeCursor } from 'web-tree-sitter';

export interface HclNode {
  type: string;
  /** UTF-16 offsets in the source (tree-sitter's indexes, as the source was given as a string). */
  startIndex: number;
  endIndex: number;
  /** The named children kept (comments and brackets left out); empty for a leaf or a skipped body. */
  children: HclNode[];
}

/** The node types whose children the reader looks at. */
const CONTAINERS = new Set([
  'config_file',
  'body',
  'block',
  'attribute',
  'expression',
  'literal_value',
  'collection_value',
  'template_expr',
  'tuple',
  'object',
  'object_elem',
  'function_call',
  'function_arguments',
  'heredoc_template',
]);

/** Named nodes that carry nothing the reader needs. */
const DROPPED = new Set(['comment', 'tuple_start', 'tuple_end', 'object_start', 'object_end', 'block_start', 'block_end']);

/**
 * The labels of a block's head: quoted (`resource "aws_kms_key" "main"`) or bare identifiers, which HCL
 * accepts as well (`data aws_iam_policy_document key`).
 */
export function blockLabels(src: string, head: readonly HclNode[]): string[] {
  return head.slice(1).flatMap((p) => {
    if (p.type === 'string_lit') return [src.slice(p.startIndex + 1, p.endIndex - 1)];
    return p.type === 'identifier' ? [src.slice(p.startIndex, p.endIndex)] : [];
  });
}

/** Is this top-level block (`resource "aws_kms_key" "main"` -> resource, [aws_kms_key, main]) worth reading inside? */
export type BlockFilter = (type: string, labels: readonly string[]) => boolean;

/** The tree as HclNodes, top-level blocks the filter rejects without their body. */
export function readSyntax(src: string, tree: Tree, wanted: BlockFilter): HclNode {
  const language = tree.language;
  const types = language.types;
  const named: boolean[] = [];
  const isNamed = (id: number): boolean => (named[id] ??= language.nodeTypeIsNamed(id));
  const cursor = tree.walk();
  try {
    return walk(src, cursor, types, isNamed, wanted, 0);
  } finally {
    cursor.delete();
  }
}

/** The node under the cursor (named, not dropped), its kept children read; the cursor is back on it at the end. */
function walk(src: string, cursor: TreeCursor, types: readonly string[], isNamed: (id: number) => boolean, wanted: BlockFilter, depth: number): HclNode {
  const type = types[cursor.nodeTypeId] ?? 'ERROR';
  const node: HclNode = { type, startIndex: cursor.startIndex, endIndex: cursor.endIndex, children: [] };
  if (!CONTAINERS.has(type) || !cursor.gotoFirstChild()) return node;
  // config_file > body > block: depth 2 is a top-level block.
  const topBlock = type === 'block' && depth === 2;
  do {
    const id = cursor.nodeTypeId;
    const childType = types[id] ?? 'ERROR';
    if (!isNamed(id) || DROPPED.has(childType)) continue;
    if (topBlock && childType === 'body') {
      const head = node.children;
      const blockType = head[0]?.type === 'identifier' ? src.slice(head[0].startIndex, head[0].endIndex) : '';
      const labels = blockLabels(src, head);
      if (!wanted(blockType, labels)) {
        node.children.push({ type: childType, startIndex: cursor.startIndex, endIndex: cursor.endIndex, children: [] });
        continue;
      }
    }
    node.children.push(walk(src, cursor, types, isNamed, wanted, depth + 1));
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return node;
}
