/**
 * `kms-lens grants`: the keys model of the given files, as the JSON report or
 * as a text rendering of the keys outline, the same outline the editor's
 * grants view renders as a tree.
 */
import * as l10n from '@vscode/l10n';
import { DEFAULT_SETTINGS, getKmsLensService, LineIndex, type DocumentModel, type EventRef, type GrantsModel, type JsonEventLocation, type JsonGrantsReport, type OutlineItem, type SourceFacts } from '../core';
import type { EventLines } from './fileWork';
import { counted } from './output';

const core = getKmsLensService();

export interface GrantsInput {
  /** The file as the user named it (shown in the output). */
  file: string;
  text: string;
  languageId: string;
  fileName: string;
}

/** A keys model, and where each of its events is: what the reports print. */
export interface KeysRun {
  readonly model: GrantsModel;
  location(e: EventRef): JsonEventLocation;
}

/** Models of the inputs, and line lookups for their events (made only for files that have some). */
export class GrantsRun implements KeysRun {
  readonly model: GrantsModel;
  /** Each input's document model, by file (what it was read as). */
  readonly models = new Map<string, DocumentModel>();
  private readonly texts = new Map<string, string>();
  private readonly lines = new Map<string, LineIndex>();

  constructor(inputs: readonly GrantsInput[], maxFileSize = DEFAULT_SETTINGS.maxFileSize) {
    const facts: SourceFacts[] = inputs.map((i) => {
      this.texts.set(i.file, i.text);
      const hints = { languageId: i.languageId, fileName: i.fileName };
      // The keys report says nothing about syntax: a big log's events are not counted for duplicate keys,
      // and its records are parsed one at a time as its facts are read (never the whole log at once).
      let model = core.parse(i.text, hints, { maxFileSize, duplicateKeys: false, recordValues: false });
      let read = core.streamedKeyFacts({ id: i.file, model });
      if (!read) {
        // A record that does not parse: the log is read as a whole, as the editor reads it.
        model = core.parse(i.text, hints, { maxFileSize, duplicateKeys: false });
        read = core.streamedKeyFacts({ id: i.file, model }) as SourceFacts;
      }
      this.models.set(i.file, model);
      return read;
    });
    this.model = core.grantsFromFacts(facts);
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

/**
 * The keys model of files read one at a time (a folder of archives): built
 * from each file's facts, with the lines of their events, and nothing of the
 * texts; the model is the one GrantsRun builds from the texts.
 */
export class FactsRun implements KeysRun {
  readonly model: GrantsModel;
  private readonly lines = new Map<string, EventLines>();

  constructor(files: ReadonlyArray<{ facts: SourceFacts; lines: EventLines }>) {
    for (const f of files) this.lines.set(f.facts.source, f.lines);
    this.model = core.grantsFromFacts(files.map((f) => f.facts));
  }

  location(e: EventRef): JsonEventLocation {
    const { starts, lines } = this.lines.get(e.source) ?? { starts: [], lines: [] };
    // Binary search: every event of the model starts at an offset its file's facts gave.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= e.start) lo = mid;
      else hi = mid - 1;
    }
    return { file: e.source, line: lines[lo] ?? 1 };
  }
}

/** The JSON report: keys that have grants or a lifecycle in the logs, and every attempt. */
export function toJsonReport(run: KeysRun): JsonGrantsReport {
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
export function toTextReport(run: KeysRun): string {
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
  const grants = counted(t.grants, l10n.t('1 grant ({0} active)', t.active), l10n.t('{0} grants ({1} active)', t.grants, t.active));
  const keys = counted(t.keysWithGrants, l10n.t('on 1 key'), l10n.t('on {0} keys', t.keysWithGrants));
  const attempts = counted(t.attempts, l10n.t('1 attempt'), l10n.t('{0} attempts', t.attempts));
  const files = counted(t.sources, l10n.t('in 1 file'), l10n.t('in {0} files', t.sources));
  const life = t.keysWithLife === 0 ? '' : `, ${counted(t.keysWithLife, l10n.t('lifecycle events of 1 key'), l10n.t('lifecycle events of {0} keys', t.keysWithLife))}`;
  // Each piece is a whole message, so every language words its counts; the commas between them are the same in all three.
  out.push(`${grants} ${keys}, ${attempts}${life}, ${files}`);
  return out.join('\n') + '\n';
}
