import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, type Node } from 'jsonc-parser';
import { plainTree } from '../../src/core/document/plainTree';
import { FIXTURES } from './helpers';

/**
 * The node as a plain value (its members, its children's, and whether each child's parent
 * is this node), so that two trees compare member by member.
 */
function shape(node: Node, parent?: Node): unknown {
  const own = Object.keys(node).sort();
  return {
    own,
    type: node.type,
    offset: node.offset,
    length: node.length,
    value: node.value,
    colonOffset: node.colonOffset,
    parentIsRight: parent === undefined ? !('parent' in node) : node.parent === parent,
    children: node.children?.map((c) => shape(c, node)),
  };
}

function sameTree(text: string): void {
  const expected = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const actual = plainTree(text);
  assert.ok(actual, `a tree for ${JSON.stringify(text.slice(0, 80))}`);
  assert.deepEqual(shape(actual), shape(expected!));
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) jsonFiles(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

describe('plainTree: the tree of valid JSON in one loop (document/plainTree.ts)', () => {
  it('gives the same nodes as jsonc-parser on every valid JSON file of the fixtures and corpus', () => {
    let compared = 0;
    for (const file of jsonFiles(FIXTURES)) {
      const text = fs.readFileSync(file, 'utf8');
      try {
        JSON.parse(text);
      } catch {
        continue;
      }
      sameTree(text);
      compared++;
    }
    assert.ok(compared > 300, `${compared} files compared`);
  });

  it('gives the same nodes on escapes, numbers, literals, empty containers, nesting and every JSON space', () => {
    for (const text of [
      '{}',
      '[]',
      ' \t\r\n{ } \n',
      '"just a string"',
      '42',
      '-0',
      '1.5e-7',
      'true',
      'null',
      '[1, -2.5, 3E+2, true, false, null, "x"]',
      '{"a\\"b": "c\\\\d\\u00e9\\n\\/", "e": {"f": [[], {}, [{}]]}}',
      '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}',
      '{\r\n\t"k" :\t[ 1 ,2 ] ,\r\n "l":"\\ud83d\\ude00" }',
      '{"__proto__": {"constructor": 1}, "": ""}',
    ]) {
      sameTree(text);
    }
  });

  it('gives nothing for text JSON.parse refuses, so that the tolerant tree is used', () => {
    for (const text of ['', ' ', '{', '[1,]', '{"a": 1,}', '{"a" 1}', '{a: 1}', '[1 2]', '{"a": 1}}', '{"a": 1} x', 'nul', 'Infinity', "{'a': 1}", '"open', '[1]]', '{"a": [1}', '// c\n{}']) {
      assert.equal(plainTree(text), undefined, JSON.stringify(text));
    }
  });

  it('is not limited by depth (no recursion)', () => {
    const deep = '['.repeat(100000) + ']'.repeat(100000);
    let node = plainTree(deep);
    let depth = 0;
    while (node?.children?.length) {
      node = node.children[0];
      depth++;
    }
    assert.equal(depth, 99999);
  });
});
