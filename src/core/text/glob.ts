/**
 * File globs as VS Code settings write them (`**` for any folders, `*` and `?`
 * within a name, `{a,b}` alternatives, `[abc]` classes), for matching the
 * user's `kmsLens.policyKinds` patterns the same way in the editor and the CLI.
 * A pattern without a `/` matches the file's name in any folder.
 */

function escape(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** The regular expression of a glob; undefined for a pattern that is not one (an unclosed `[`). */
export function globToRegExp(glob: string): RegExp | undefined {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:[^/]*/)*';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) return undefined;
      const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      re += `[${body}]`;
      i = close;
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else re += escape(c);
  }
  if (braces > 0) return undefined;
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return undefined;
  }
}

/** Whether `path` (with `/` or `\` separators) matches `glob`; a glob without `/` is matched against the file name. */
export function matchesGlob(path: string, glob: string): boolean {
  const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const re = globToRegExp(glob.replace(/^\.\//, ''));
  if (!re) return false;
  if (!glob.includes('/')) return re.test(normalized.slice(normalized.lastIndexOf('/') + 1));
  return re.test(normalized);
}
