/**
 * Expands a VS Code snippet body the way the editor inserts it when the user
 * accepts every default: tab stops (`$1`, `${1}`), placeholders with defaults
 * (`${1:text}`, nested), choices (`${1|a,b|}`, first option), the final tab stop
 * `$0`, and escapes (`\$`, `\}`, `\\`; in choices also `\,` and `\|`).
 *
 * Same-numbered tab stops are linked as in VS Code: the first one (in text order)
 * that has a default gives its value to all of them, wherever they are.
 *
 * As a checker it is stricter than the editor: variables (`$TM_FILENAME`) and
 * transforms are refused (our snippets use neither), and an unterminated `${`
 * is an error instead of literal text, so a slip in a snippet file fails a test.
 */

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[]; choices?: string[] };

export interface Expansion {
  text: string;
  /** Tab stop numbers in the order the user visits them (0, the final one, last). */
  tabstops: number[];
  /** The default of each tab stop that has one. */
  defaults: Map<number, string>;
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): SnippetNode[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) throw this.error('unexpected "}"');
    return nodes;
  }

  private error(message: string): Error {
    return new Error(`snippet syntax: ${message} at offset ${this.pos} of ${JSON.stringify(this.src.slice(Math.max(0, this.pos - 20), this.pos + 20))}`);
  }

  /** Nodes up to the end, or (inside a placeholder) up to its closing `}`, which is left for the caller. */
  private sequence(inPlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos++;
        }
      } else if (c === '}' && inPlaceholder) {
        break;
      } else if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  /** A construct starting at `$`, or undefined when the `$` is literal text. */
  private dollar(): SnippetNode | undefined {
    const rest = this.src.slice(this.pos);
    const simple = /^\$(\d+)/.exec(rest);
    if (simple) {
      this.pos += simple[0].length;
      return { kind: 'tabstop', index: Number(simple[1]) };
    }
    if (/^\$[_a-zA-Z]/.test(rest) || /^\$\{[_a-zA-Z]/.test(rest)) throw this.error('variables are not supported');
    const open = /^\$\{(\d+)/.exec(rest);
    if (!open) return undefined;
    this.pos += open[0].length;
    const index = Number(open[1]);
    const c = this.src[this.pos];
    if (c === '}') {
      this.pos++;
      return { kind: 'tabstop', index };
    }
    if (c === ':') {
      this.pos++;
      const children = this.sequence(true);
      if (this.src[this.pos] !== '}') throw this.error(`placeholder \${${index}:...} is not closed`);
      this.pos++;
      return { kind: 'tabstop', index, children };
    }
    if (c === '|') {
      this.pos++;
      const choices = this.choices();
      return { kind: 'tabstop', index, choices };
    }
    if (c === '/') throw this.error('transforms are not supported');
    throw this.error(`unexpected ${JSON.stringify(c ?? 'end')} after \${${index}`);
  }

  private choices(): string[] {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|\\$}'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (c === '|' && this.src[this.pos + 1] === '}') {
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
    throw this.error('choice is not closed with |}');
  }
}

export function parseSnippet(body: string): SnippetNode[] {
  return new Parser(body).parse();
}

/** The inserted text with every tab stop at its default, or at `values[n]` where given (as if the user typed it). */
export function expandSnippet(body: string | readonly string[], values: Readonly<Record<number, string>> = {}): Expansion {
  const nodes = parseSnippet(typeof body === 'string' ? body : body.join('\n'));
  const definitions = new Map<number, SnippetNode & { kind: 'tabstop' }>();
  const seen = new Set<number>();
  const walk = (list: SnippetNode[]): void => {
    for (const n of list) {
      if (n.kind !== 'tabstop') continue;
      seen.add(n.index);
      if (!definitions.has(n.index) && (n.children?.length || n.choices)) definitions.set(n.index, n);
      if (n.children) walk(n.children);
    }
  };
  walk(nodes);

  const rendering = new Set<number>();
  const render = (list: SnippetNode[], typed: Readonly<Record<number, string>> = values): string => list.map((n) => {
    if (n.kind === 'text') return n.value;
    if (n.index in typed) return typed[n.index];
    if (n.index === 0) return '';
    const def = definitions.get(n.index);
    if (!def) return '';
    if (def.choices) return def.choices[0];
    if (rendering.has(n.index)) throw new Error(`snippet syntax: tab stop ${n.index} contains itself`);
    rendering.add(n.index);
    const s = render(def.children ?? [], typed);
    rendering.delete(n.index);
    return s;
  }).join('');

  const defaults = new Map<number, string>();
  for (const index of definitions.keys()) defaults.set(index, render([{ kind: 'tabstop', index }], {}));
  const order = [...seen].sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b));
  return { text: render(nodes), tabstops: order, defaults };
}
