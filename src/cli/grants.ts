/**
 * `kms-lens grants`: the grants model of the given files, as JSON or as a
 * readable tree. Same core function as the editor's grants view.
 */
import {
  buildGrantsModel, describeActor, describeConstraints, describeNote, describeStatus, keyLabel,
  type Attempt, type EventRef, type Grant, type GrantConstraints, type GrantsModel, type GrantsSource, type KeyGrants, type KmsKey,
} from '../core/grants';
import { buildModel, DEFAULT_SETTINGS, LineIndex } from '../core';

export interface GrantsInput {
  /** The file as the user named it (shown in the output). */
  file: string;
  text: string;
  languageId: string;
  fileName: string;
}

export interface JsonEventLocation {
  file: string;
  /** 1-based line of the event's first character. */
  line: number;
}

export interface JsonGrant {
  grantId: string;
  status: Grant['status'];
  granteePrincipal: string | null;
  retiringPrincipal: string | null;
  operations: string[];
  constraints: GrantConstraints | null;
  createdAt: string | null;
  createdBy: string | null;
  retiredAt: string | null;
  revokedAt: string | null;
  events: JsonEventLocation[];
  uses: number;
}

export type JsonKeyName = { keyArn: string } | { keyId: string };

export type JsonKey = JsonKeyName & { grants: JsonGrant[] };

export type JsonAttempt = JsonKeyName & {
  eventName: string;
  errorCode: string | null;
  errorMessage: string | null;
  granteePrincipal: string | null;
  retiringPrincipal: string | null;
  operations: string[];
  constraints: GrantConstraints | null;
  attemptedAt: string | null;
  attemptedBy: string | null;
  events: JsonEventLocation[];
};

export interface JsonGrantsReport {
  keys: JsonKey[];
  attempts: JsonAttempt[];
}

/** Models of the inputs, and line lookups for their events (made only for files that have some). */
export class GrantsRun {
  readonly model: GrantsModel;
  private readonly texts = new Map<string, string>();
  private readonly lines = new Map<string, LineIndex>();

  constructor(inputs: readonly GrantsInput[], maxFileSize = DEFAULT_SETTINGS.maxFileSize) {
    const sources: GrantsSource[] = inputs.map((i) => {
      this.texts.set(i.file, i.text);
      return { id: i.file, model: buildModel(i.text, { languageId: i.languageId, fileName: i.fileName }, { maxFileSize }) };
    });
    this.model = buildGrantsModel(sources);
  }

  location(e: EventRef): JsonEventLocation {
    let index = this.lines.get(e.source);
    if (!index) {
      index = new LineIndex(this.texts.get(e.source) ?? '');
      this.lines.set(e.source, index);
    }
    return { file: e.source, line: index.positionAt(e.start).line + 1 };
  }

  keyOf(identity: string | undefined): KmsKey | undefined {
    return identity === undefined ? undefined : this.model.keys.find((k) => k.key.identity === identity)?.key;
  }
}

function keyName(key: KmsKey | undefined): JsonKeyName {
  if (key?.arn) return { keyArn: key.arn };
  return { keyId: key?.keyId ?? key?.aliasArn ?? key?.aliases[0] ?? '' };
}

function jsonGrant(run: GrantsRun, g: Grant): JsonGrant {
  return {
    grantId: g.grantId,
    status: g.status,
    granteePrincipal: g.granteePrincipal ?? null,
    retiringPrincipal: g.retiringPrincipal ?? null,
    operations: g.operations,
    constraints: g.constraints ?? null,
    createdAt: g.createdAt ?? null,
    createdBy: g.createdBy?.display ?? null,
    retiredAt: g.retiredAt ?? null,
    revokedAt: g.revokedAt ?? null,
    events: g.events.map((e) => run.location(e)),
    uses: g.uses.length,
  };
}

function jsonAttempt(run: GrantsRun, a: Attempt): JsonAttempt {
  return {
    ...keyName(run.keyOf(a.keyIdentity)),
    eventName: a.eventName,
    errorCode: a.errorCode ?? null,
    errorMessage: a.errorMessage ?? null,
    granteePrincipal: a.granteePrincipal ?? null,
    retiringPrincipal: a.retiringPrincipal ?? null,
    operations: a.operations,
    constraints: a.constraints ?? null,
    attemptedAt: a.event.eventTime ?? null,
    attemptedBy: a.event.actor?.display ?? null,
    events: [run.location(a.event)],
  };
}

/** The JSON report: keys that have grants, and every attempt. */
export function toJsonReport(run: GrantsRun): JsonGrantsReport {
  return {
    keys: run.model.keys.filter((k) => k.grants.length > 0).map((k) => ({ ...keyName(k.key), grants: k.grants.map((g) => jsonGrant(run, g)) })),
    attempts: run.model.attempts.map((a) => jsonAttempt(run, a)),
  };
}

interface TextNode {
  text: string;
  children?: TextNode[];
}

function at(run: GrantsRun, e: EventRef): string {
  const l = run.location(e);
  return `${l.file}:${l.line}`;
}

/** For what only the (absent) creation event would say. */
const UNKNOWN = '(not in these logs)';

function grantNode(run: GrantsRun, g: Grant): TextNode {
  const children: TextNode[] = [];
  if (g.name) children.push({ text: `name: ${g.name}` });
  children.push({ text: `grantee: ${g.granteePrincipal ?? UNKNOWN}` });
  if (g.retiringPrincipal) children.push({ text: `retiring principal: ${g.retiringPrincipal}` });
  children.push({ text: `operations: ${g.operations.join(', ') || UNKNOWN}` });
  const constraints = describeConstraints(g.constraints);
  children.push({ text: `constraints: ${constraints.length ? constraints.join('; ') : 'none'}` });
  if (g.creation) children.push({ text: `created ${g.createdAt ?? '?'} by ${describeActor(g.createdBy)} (${at(run, g.creation)})` });
  else if (g.listing) children.push({ text: `created ${g.createdAt ?? '?'} (listed by list-grants, ${at(run, g.listing)})` });
  else if (g.createdBeforeLogs) children.push({ text: 'created before these logs' });
  if (g.retirement) children.push({ text: `retired ${g.retiredAt ?? '?'} by ${describeActor(g.retiredBy)} (${at(run, g.retirement)})` });
  if (g.revocation) children.push({ text: `revoked ${g.revokedAt ?? '?'} by ${describeActor(g.revokedBy)} (${at(run, g.revocation)})` });
  for (const e of g.events) {
    // The creation, the end and the listing are above; the rest are repeats and failed calls.
    if (e === g.creation || e === g.retirement || e === g.revocation || e === g.listing) continue;
    children.push({ text: `${e.eventName}${e.errorCode ? ` failed (${e.errorCode})` : ''} ${e.eventTime ?? '?'} by ${describeActor(e.actor)} (${at(run, e)})` });
  }
  for (const n of g.notes) children.push({ text: `note: ${describeNote(n)}` });
  children.push({ text: `uses: ${g.uses.length}`, children: g.uses.slice(0, 20).map((u) => ({ text: `${u.eventName} ${u.eventTime ?? '?'} by ${describeActor(u.actor)} (${at(run, u)})` })).concat(g.uses.length > 20 ? [{ text: `… ${g.uses.length - 20} more` }] : []) });
  return { text: `grant ${g.grantId} [${describeStatus(g.status)}]`, children };
}

function attemptText(run: GrantsRun, a: Attempt): string {
  return `attempt: ${a.eventName} ${a.errorCode ?? 'no grant id'} ${a.event.eventTime ?? '?'} by ${describeActor(a.event.actor)} (${at(run, a.event)})`;
}

function keyNode(run: GrantsRun, k: KeyGrants): TextNode {
  const name = k.key.arn ?? k.key.keyId ?? k.key.aliasArn ?? keyLabel(k.key);
  const aliases = k.key.aliases.length ? ` (${k.key.aliases.join(', ')})` : '';
  const children: TextNode[] = k.grants.map((g) => grantNode(run, g));
  for (const a of k.attempts) children.push({ text: attemptText(run, a) });
  if (k.orphans.length) children.push({ text: `${k.orphans.length} retirement(s) or revocation(s) naming no grant id` });
  if (k.otherUses.length) children.push({ text: `${k.otherUses.length} use(s) not through a grant in these logs` });
  return { text: `key ${name}${aliases}`, children };
}

function render(nodes: TextNode[], prefix: string, out: string[]): void {
  nodes.forEach((n, i) => {
    const last = i === nodes.length - 1;
    out.push(`${prefix}${last ? '└─ ' : '├─ '}${n.text}`);
    if (n.children?.length) render(n.children, prefix + (last ? '   ' : '│  '), out);
  });
}

/** A readable tree: keys, their grants with details and events, attempts, other uses. */
export function toTextReport(run: GrantsRun): string {
  const out: string[] = [];
  const keys = run.model.keys.filter((k) => k.grants.length || k.attempts.length || k.otherUses.length || k.orphans.length);
  for (const k of keys) {
    const node = keyNode(run, k);
    out.push(node.text);
    render(node.children ?? [], '', out);
  }
  const unkeyed = run.model.attempts.filter((a) => a.keyIdentity === undefined);
  for (const a of unkeyed) out.push(attemptText(run, a));
  const grants = keys.reduce((n, k) => n + k.grants.length, 0);
  const active = keys.reduce((n, k) => n + k.grants.filter((g) => g.status === 'active').length, 0);
  out.push(`${grants} grant(s) (${active} active) on ${keys.filter((k) => k.grants.length).length} key(s), ${run.model.attempts.length} attempt(s), in ${run.model.sources.length} file(s)`);
  return out.join('\n') + '\n';
}
