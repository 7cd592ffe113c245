/**
 * Policy templates that are not JSON until they are rendered: Terraform
 * `templatefile` sources (`.tpl`, `.tftpl`, `.json.tpl`) with `%{ if }` and
 * `%{ for }` directives and unquoted `${...}` values (`"AWS": ${jsonencode(x)}`),
 * Jinja and Ansible sources (`.j2`) with `{% for %}` blocks and `{{ ... }}`
 * expressions, Go templates (`.tmpl`, Helm) whose `{{ range }}`, `{{ if }}` and
 * `{{ end }}` are directives written with the expression braces, and ERB
 * sources (`.erb`: Chef, Puppet) with `<% ... %>` code and `<%= ... %>` values.
 * Their authors check them by rendering them; KMS Lens reads what can be read
 * without rendering, and says no more than it knows:
 *
 * - a directive (`%{ ... }`, `{% ... %}`, `{# ... #}`, `<% ... %>`, a Go
 *   `{{ range ... }}`) is left out, so the text of an `if` block or a `for`
 *   body is read once;
 * - an unquoted expression where a value (or a key) goes is read as a string
 *   holding the expression, which the value model treats as an unknown value
 *   (policy/placeholders.ts), never a format error;
 * - an unquoted expression right after a value (`{{ "," if not loop.last }}`)
 *   is a separator the template writes: left out too.
 *
 * The result is the "rendered view": its text, and where each of its
 * characters is in the document, so that findings land on the template's
 * own characters. Template syntax inside JSON strings is left alone: the
 * value model already reads `"arn:aws:iam::${account_id}:root"`.
 *
 * Valid JSON never holds these constructs outside strings, so finding one
 * is what makes a text a template; the file name is not needed.
 */

/** A template construct of the document, outside JSON strings. */
export interface TemplateConstruct {
  start: number;
  end: number;
  /** A directive or comment (left out), or an expression (read as an unknown value, or left out as a separator). */
  type: 'directive' | 'expression';
}

export interface TemplateView {
  /** The text with the constructs replaced: JSON when the template is JSON once rendered. */
  text: string;
  /** Where each character of `text` (and its end) is in the document. */
  toDocument(offset: number): number;
  constructs: TemplateConstruct[];
  /** Which template language the constructs are written in, for messages. */
  engine: 'terraform' | 'jinja' | 'go' | 'erb';
}

/** File names of templates: their text may not be JSON until rendered. */
export const TEMPLATE_EXTENSIONS: readonly string[] = ['.tpl', '.tftpl', '.j2', '.jinja', '.jinja2'];

export function isTemplateFileName(fileName: string | undefined): boolean {
  const name = (fileName ?? '').toLowerCase();
  return TEMPLATE_EXTENSIONS.some((e) => name.endsWith(e));
}

/** Where the construct opened at `i` ends (just after it), or -1: `${ }`/`%{ }` by brace depth, Jinja by its closing pair; quoted strings inside are skipped. */
function constructEnd(text: string, i: number, open: string): number {
  const close = open === '{%' ? '%}' : open === '<%' ? '%>' : open === '{#' ? '#}' : open === '{{' ? '}}' : '}';
  let depth = 0;
  // Give up on a runaway construct: real directives and expressions are short.
  const limit = Math.min(text.length, i + 4096);
  for (let j = i + 2; j < limit; j++) {
    const c = text[j];
    if (c === '"' || c === "'") {
      const q = c;
      for (j++; j < limit && text[j] !== q && text[j] !== '\n'; j++) if (text[j] === '\\') j++;
      continue;
    }
    if (close === '}') {
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) return j + 1;
        depth--;
      }
    } else if (c === close[0] && text[j + 1] === close[1]) {
      return j + 2;
    }
  }
  return -1;
}

const OPENERS = ['${', '%{', '{{', '{%', '{#', '<%'];

/**
 * Go template actions that are control, not values: `{{ range $i, $x := .Items }}`,
 * `{{- if .Values.x }}`, `{{ end }}`. Jinja writes these as `{% %}`; a Jinja
 * expression never starts with these words.
 */
const GO_CONTROL = /^\{\{-?\s*(?:range|if|else|end|with|define|template|block|break|continue)\b/;
/** A Go template value: `{{ .Values.x }}`, `{{ $sa.Name }}`, `{{ include "x" . }}`. */
const GO_VALUE = /^\{\{-?\s*(?:[.$]|include\b|printf\b|toJson\b)/;

/** The last character written to the view that is not white space ('' if none). */
function lastSignificant(out: string[]): string {
  for (let k = out.length - 1; k >= 0; k--) {
    const c = out[k];
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') return c;
  }
  return '';
}

/**
 * The rendered view of a template, or undefined when the text has no template
 * construct outside JSON strings (it is then read as it is).
 */
export function templateView(text: string): TemplateView | undefined {
  // A cheap look first: most documents have none of the openers outside strings.
  if (!/[$%{]\{|\{[%#]|<%/.test(text)) return undefined;
  const out: string[] = [];
  const map: number[] = [];
  const constructs: TemplateConstruct[] = [];
  let jinja = false;
  let go = false;
  let erb = false;
  let inString = false;
  // Whether a directive was left out since the last character read: a comma written just after one
  // may be the conditional separator of a loop body (`{{ if $i }}, {{ end }}`, `{% if not loop.first %},{% endif %}`).
  let dropped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out.push(c);
      map.push(i);
      if (c === '\\' && i + 1 < text.length) {
        out.push(text[i + 1]);
        map.push(i + 1);
        i++;
      } else if (c === '"') inString = false;
      continue;
    }
    const open = text.slice(i, i + 2);
    const end = OPENERS.includes(open) ? constructEnd(text, i, open) : -1;
    if (end === -1) {
      if (c === '"') inString = true;
      // A separator the template writes only between items, read where no item precedes it: left out.
      if (c === ',' && dropped && '[{,'.includes(lastSignificant(out) || '[')) continue;
      if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') dropped = false;
      out.push(c);
      map.push(i);
      continue;
    }
    const action = text.slice(i, end);
    const goControl = open === '{{' && GO_CONTROL.test(action);
    if (open === '<%') erb = true;
    else if (open[0] === '{') {
      jinja = true;
      if (goControl || (open === '{{' && GO_VALUE.test(action))) go = true;
    }
    const expression = (open === '${' || open === '{{' || (open === '<%' && text[i + 2] === '=')) && !goControl;
    constructs.push({ start: i, end, type: expression ? 'expression' : 'directive' });
    const before = lastSignificant(out);
    if (expression && (before === ':' || before === '[' || before === ',' || before === '{' || before === '')) {
      // A value (or a key) the template fills in: a string holding the expression, on its characters.
      out.push('"');
      map.push(i);
      for (let k = i; k < end; k++) {
        const ch = text[k];
        out.push(ch === '"' ? "'" : ch === '\\' ? '/' : ch === '\n' || ch === '\r' ? ' ' : ch);
        map.push(k);
      }
      // The closing quote stands just after the expression: content ranges end where the expression ends.
      out.push('"');
      map.push(end);
    }
    // Directives, comments and separators are left out.
    dropped = !(expression && (before === ':' || before === '[' || before === ',' || before === '{' || before === ''));
    i = end - 1;
  }
  if (constructs.length === 0) return undefined;
  map.push(text.length);
  const last = map.length - 1;
  return {
    text: out.join(''),
    toDocument: (o) => map[Math.max(0, Math.min(o, last))],
    constructs,
    engine: erb ? 'erb' : go ? 'go' : jinja ? 'jinja' : 'terraform',
  };
}

/** Whether [start, end) of the document touches a template construct. */
export function touchesConstruct(view: TemplateView, start: number, end: number): boolean {
  // An insertion right after a construct is at the edge of what the view wrote for it (the quotes it puts around an
  // unquoted `${...}`): in the template it may land inside a string (`"...:${account_id}:..."` read with its quotes
  // out of step), so it is the construct's, not the JSON's.
  return view.constructs.some((c) => start < c.end && end > c.start) || view.constructs.some((c) => start === c.start || (start === end && start === c.end));
}
