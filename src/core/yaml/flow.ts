/** Where YAML takes a one-line flow value in place of a block collection. */
import type { SourceNode } from '../translation/sourceNode';

/** Can a one-line flow value replace this block collection? Where it follows `- ` on its line, or sits below its key, indented deeper. */
export function flowMayReplace(src: string, node: SourceNode): boolean {
  if (node.inFlow) return true;
  let i = node.yamlStart - 1;
  let newline = false;
  while (i >= 0 && /\s/.test(src[i])) {
    if (src[i] === '\n') newline = true;
    i--;
  }
  if (src[i] === '-' && !newline) return true;
  if (src[i] !== ':' || !newline) return false;
  const keyLine = src.lastIndexOf('\n', i) + 1;
  const keyIndent = /^[ ]*/.exec(src.slice(keyLine, i))![0].length;
  const column = node.yamlStart - (src.lastIndexOf('\n', node.yamlStart - 1) + 1);
  return column > keyIndent;
}

