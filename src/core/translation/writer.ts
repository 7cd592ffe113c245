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

  constructor(private readonly src: string) {
    this.map = new Int32Array(Math.max(64, src.length * 2));
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

  /** A JSON string literal for `value`, each character on its own YAML character (`map`), the quotes on `start` and `end`. */
  putString(value: string, map: Int32Array | undefined, start: number, end: number): void {
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
  }

  finish(): { text: string; map: Int32Array } {
    this.room(1);
    this.map[this.length] = Math.max(this.last, this.src.length);
    return { text: this.chunks.join(''), map: this.map.subarray(0, this.length + 1) };
  }
}

