/**
 * `kms-lens grants`: the keys model of the given files, as the JSON report or
 * as a text rendering of the keys outline, the same outline the editor's
 * grants view renders as a tree.
 */
import { DEFAULT_SETTINGS, getKmsLensService, LineIndex, type DocumentModel, type EventRef, type GrantsModel, type GrantsSource, type JsonEventLocation, type JsonGrantsReport, type OutlineItem } from '../core';
import { plural } from './output';

const core = getKmsLensService();

export interface GrantsInput {
  /** The file as the user named it (shown in the output). */
  file: string;
  text: string;
  languageId: string;
  fileName: string;
}

/** Models of the inputs, and line lookups for their events (made only for files that have some). */
export class GrantsRun {
  readonly model: GrantsModel;
  /** Each input's document model, by file (what it was read as). */
  readonly models = new Map<string, DocumentModel>();
  private readonly texts = new Map<string, string>();
  private readonly lines = new Map<string, LineIndex>();

  constructor(inputs: readonly GrantsInput[], maxFileSize = DEFAULT_SETTINGS.maxFileSize) {
    const sources: GrantsSource[] = inputs.map((i) => {
      this.texts.set(i.file, i.text);
      const model = core.parse(i.text, { languageId: i.languageId, fileName: i.fileName }, { maxFileSize });
      this.models.set(i.file, model);
      return { id: i.file, model };
    });
    this.model = core.grants(sources);
  }

  location(e: EventRef): JsonEventLocation {
    let index = this.lines.get(e.source);
    if (!index) {
      index = new LineIndex(this.texts.get(e.source) ?? '');
      this.lines.set(e.source, index);
    }
    return { file: e.source, line: index.positionAt(e.start).line + 1 };
  }
}

/** The JSON report: keys that have grants or a lifecycle in the logs, and every attempt. */
export function toJsonReport(run: GrantsRun): JsonGrantsReport {
  return core.grantsReport(run.model, (e) => run.location(e));
}

/** An item's line and its children's, drawn as a tree; an item without a line is replaced by its children. */
function render(items: readonly OutlineItem[], prefix: string, at: (e: EventRef) => string, out: string[]): void {
  const shown = items.flatMap((i) => (i.line ? [i] : (i.children?.() ?? [])));
  shown.forEach((item, i) => {
    const last = i === shown.length - 1;
    out.push(`${prefix}${last ? '└─ ' : '├─ '}${item.line ? item.line(at) : item.label}`);
    render(item.children?.() ?? [], prefix + (last ? '   ' : '│  '), at, out);
  });
}

/** A readable tree: each key, its life and its grants with details and events, attempts, other uses. */
export function toTextReport(run: GrantsRun): string {
  const at = (e: EventRef): string => {
    const l = run.location(e);
    return `${l.file}:${l.line}`;
  };
  const outline = core.outline(run.model);
  const out: string[] = [];
  for (const root of outline.roots) {
    if (root.line) {
      out.push(root.line(at));
      render(root.children?.() ?? [], '', at, out);
    } else {
      // Attempts that name no key: one line each, after the keys.
      for (const item of root.children?.() ?? []) out.push(item.line?.(at) ?? item.label);
    }
  }
  const t = outline.totals;
  const life = t.keysWithLife > 0 ? `, lifecycle events of ${plural(t.keysWithLife, 'key', 'keys')}` : '';
  out.push(`${plural(t.grants, 'grant', 'grants')} (${t.active} active) on ${plural(t.keysWithGrants, 'key', 'keys')}, ${plural(t.attempts, 'attempt', 'attempts')}${life}, in ${plural(t.sources, 'file', 'files')}`);
  return out.join('\n') + '\n';
}
