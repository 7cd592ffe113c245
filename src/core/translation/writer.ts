/**
 * Writes JSON text for a document in another language, remembering for every
 * character the source character it came from (kept monotonic, so the map can
 * be inverted by binary search), and what each JSON node was written from.
 */
import type { SourceNode } from './sourceNode';

// eslint-disable-next-line no-control-regex -- the characters JSON must escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
/** Deeper than this, a source node is written as null: no policy is this deep, and the walk must not recurse without end. */
export const MAX_DEPTH = 64;

export class Writer {
  private chunks: string[] = [];
  private length = 0;
  /** JSON offset -> YAML offset, grown as the text is written. */
  private map: Int32Array;
  private last = 0;
  readonly nodes: SourceNode[] = [];
  /** The JSON offset just past the last string or closed collection (before the space that follows it). */
  literalEnd = 0;

  /** `sizeHint`: about how long the JSON will be (it grows as needed; a module holds many policies, each a small part of it). */
  constructor(sizeHint: number) {
    this.map = new Int32Array(Math.max(64, sizeHint));
  }

  get at(): number {
    return this.length;
  }

  private room(n: number): void {
    if (this.length + n + 1 <= this.map.length) return;
    const bigger = new Int32Array(Math.max(this.map.length * 2, this.length + n + 1));
    bigger.set(this.map);
    this.map = bigger;
  }

  /** Text whose every character stands at YAML offset `yaml` (kept monotonic). */
  put(s: string, yaml: number): void {
    const o = Math.max(this.last, yaml);
    this.room(s.length);
    this.map.fill(o, this.length, this.length + s.length);
    this.last = o;
    this.chunks.push(s);
    this.length += s.length;
  }

  /**
   * A JSON string literal for `value`, each character on its own source
   * character (`map`), the quotes on `start` and `end`; what is written next
   * stands at `after` at the earliest (just past the source literal), so the
   * end of the JSON string maps to the end of the source literal.
   */
  putString(value: string, map: Int32Array | undefined, start: number, end: number, after = end): void {
    this.put('"', start);
    if (!NEEDS_ESCAPE.test(value)) {
      this.room(value.length);
      let last = this.last;
      for (let i = 0; i < value.length; i++) {
        const o = map ? map[i] : start;
        if (o > last) last = o;
        this.map[this.length + i] = last;
      }
      this.last = last;
      this.chunks.push(value);
      this.length += value.length;
    } else {
      for (let i = 0; i < value.length; i++) {
        const c = value[i];
        this.put(NEEDS_ESCAPE.test(c) ? JSON.stringify(c).slice(1, -1) : c, map ? map[i] : start);
      }
    }
    this.put('"', map ? map[value.length] : end);
    this.literalEnd = this.length;
    // A space on `after`: the JSON offset just past the string (where a range ends) is the source offset just past the literal.
    this.put(' ', after);
  }

  /** A closing bracket on `at`, and a space on `after` (so a range ending after the bracket ends after the source collection). */
  close(bracket: string, at: number, after: number): void {
    this.put(bracket, at);
    this.literalEnd = this.length;
    this.put(' ', after);
  }

  finish(): { text: string; map: Int32Array } {
    this.room(1);
    // The end of the text is the end of what was written from (not the end of the source: a policy of a
    // Terraform module ends where its block ends, and an offset after it is not in it).
    this.map[this.length] = this.last;
    return { text: this.chunks.join(''), map: this.map.subarray(0, this.length + 1) };
  }
}

