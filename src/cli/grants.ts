/**
 * `kms-lens grants`: the grants model of the given files, as JSON or as a
 * readable tree. Same core function as the editor's grants view.
 */
import { describeConstraints, describeNote, describeStatus, type Attempt, type Grant, type GrantConstraints } from '../core/grants';
import { describeActor, keyLabel, type EventRef, type KmsKey } from '../core/history';
import { buildGrantsModel, type GrantsModel, type GrantsSource, type KeyGrants } from '../core/keys';
import { buildModel, DEFAULT_SETTINGS, LineIndex } from '../core';
import { describeLifecycleEvent, describeRotation, describeState, type KeyLifecycle, type KeyState } from '../core/lifecycle';

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

/** One event of a key's own life, in time order. */
export interface JsonLifecycleEvent extends JsonEventLocation {
  eventName: string;
  eventTime: string | null;
  by: string | null;
  /** Set when the call failed: it changed nothing. */
  errorCode: string | null;
  /** The state the key is in after this event, when the event sets one. */
  stateAfter: KeyState | null;
  /** The event in words, e.g. `Deletion scheduled (7-day window): deleted on ... at the earliest, up to 24 h later`. */
  description: string;
}

export interface JsonDeletion {
  pendingWindowInDays: number;
  /** ISO 8601; null for a multi-Region primary key waiting for its replicas. */
  deletionDate: string | null;
  /** deletionDate + 24 h: the deletion can come that much later. */
  latestDeletion: string | null;
  /** The date as KMS logged it, e.g. "Apr 12, 2021 18:58:30 PM". */
  deletionDateLogged: string | null;
}

export interface JsonRotation {
  automatic: boolean | null;
  since: string | null;
  periodInDays: number | null;
  lastRotation: string | null;
  onDemandRotations: number;
}

export interface JsonRefusal extends JsonEventLocation {
  eventName: string;
  eventTime: string | null;
  by: string | null;
  errorCode: string | null;
}

export type JsonKey = JsonKeyName & {
  /** The last state the logs show (Enabled, Disabled, PendingDeletion, ...), or null when they show none. */
  state: KeyState | null;
  /** When the key entered that state (eventTime of the event that shows it). */
  stateSince: string | null;
  /** Set while the key is pending deletion. */
  deletion: JsonDeletion | null;
  rotation: JsonRotation | null;
  lifecycle: JsonLifecycleEvent[];
  /** Calls refused because of the key's state. */
  refused: JsonRefusal[];
  grants: JsonGrant[];
};

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

function hasLife(lc: KeyLifecycle | undefined): lc is KeyLifecycle {
  return !!lc && (lc.events.length > 0 || lc.refused.length > 0);
}

function jsonLifecycle(run: GrantsRun, lc: KeyLifecycle | undefined): Omit<JsonKey, keyof JsonKeyName | 'grants'> {
  if (!hasLife(lc)) return { state: null, stateSince: null, deletion: null, rotation: null, lifecycle: [], refused: [] };
  const r = lc.rotation;
  const rotationKnown = r.enabled !== undefined || r.lastRotation !== undefined || r.onDemand > 0;
  return {
    state: lc.state ?? null,
    stateSince: lc.stateSince ?? null,
    deletion: lc.deletion ? {
      pendingWindowInDays: lc.deletion.pendingWindowInDays,
      deletionDate: lc.deletion.deletionDate ?? null,
      latestDeletion: lc.deletion.latestDeletion ?? null,
      deletionDateLogged: lc.deletion.deletionDateLogged ?? null,
    } : null,
    rotation: rotationKnown ? {
      automatic: r.enabled ?? null,
      since: r.since ?? null,
      periodInDays: r.periodInDays ?? null,
      lastRotation: r.lastRotation?.at ?? null,
      onDemandRotations: r.onDemand,
    } : null,
    lifecycle: lc.events.map((e) => ({
      eventName: e.event.eventName,
      eventTime: e.event.eventTime ?? null,
      by: e.event.actor?.display ?? null,
      errorCode: e.errorCode ?? null,
      stateAfter: e.stateAfter ?? null,
      description: describeLifecycleEvent(e),
      ...run.location(e.event),
    })),
    refused: lc.refused.map((e) => ({ eventName: e.eventName, eventTime: e.eventTime ?? null, by: e.actor?.display ?? null, errorCode: e.errorCode ?? null, ...run.location(e) })),
  };
}

/** The JSON report: keys that have grants or a lifecycle in the logs, and every attempt. */
export function toJsonReport(run: GrantsRun): JsonGrantsReport {
  return {
    keys: run.model.keys
      .filter((k) => k.grants.length > 0 || hasLife(k.lifecycle))
      .map((k) => ({ ...keyName(k.key), ...jsonLifecycle(run, k.lifecycle), grants: k.grants.map((g) => jsonGrant(run, g)) })),
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

/** State, rotation, timeline and refused calls of a key, before its grants. */
function lifecycleNodes(run: GrantsRun, lc: KeyLifecycle | undefined): TextNode[] {
  if (!hasLife(lc)) return [];
  const out: TextNode[] = [];
  const state = describeState(lc);
  if (state) out.push({ text: `state: ${state}${lc.stateEvent ? ` (${lc.stateEvent.eventName} ${lc.stateSince ?? '?'} by ${describeActor(lc.stateEvent.actor)}, ${at(run, lc.stateEvent)})` : ''}` });
  const rotation = describeRotation(lc.rotation);
  if (rotation) out.push({ text: `rotation: ${rotation}` });
  if (lc.events.length) {
    out.push({
      text: `timeline: ${lc.events.length} event(s)`,
      children: lc.events.map((e) => ({ text: `${e.event.eventTime ?? '?'} ${describeLifecycleEvent(e)}, ${e.event.eventName} by ${describeActor(e.event.actor)} (${at(run, e.event)})` })),
    });
  }
  if (lc.refused.length) {
    const shown = lc.refused.slice(0, 20).map((e) => ({ text: `${e.eventName} ${e.errorCode ?? ''} ${e.eventTime ?? '?'} by ${describeActor(e.actor)} (${at(run, e)})` }));
    if (lc.refused.length > 20) shown.push({ text: `… ${lc.refused.length - 20} more` });
    out.push({ text: `refused because of the key's state: ${lc.refused.length}`, children: shown });
  }
  return out;
}

function keyNode(run: GrantsRun, k: KeyGrants): TextNode {
  const name = k.key.arn ?? k.key.keyId ?? k.key.aliasArn ?? keyLabel(k.key);
  const aliases = k.key.aliases.length ? ` (${k.key.aliases.join(', ')})` : '';
  const children: TextNode[] = [...lifecycleNodes(run, k.lifecycle), ...k.grants.map((g) => grantNode(run, g))];
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
  const keys = run.model.keys.filter((k) => k.grants.length || k.attempts.length || k.otherUses.length || k.orphans.length || hasLife(k.lifecycle));
  for (const k of keys) {
    const node = keyNode(run, k);
    out.push(node.text);
    render(node.children ?? [], '', out);
  }
  const unkeyed = run.model.attempts.filter((a) => a.keyIdentity === undefined);
  for (const a of unkeyed) out.push(attemptText(run, a));
  const grants = keys.reduce((n, k) => n + k.grants.length, 0);
  const active = keys.reduce((n, k) => n + k.grants.filter((g) => g.status === 'active').length, 0);
  const lives = keys.filter((k) => hasLife(k.lifecycle)).length;
  out.push(`${grants} grant(s) (${active} active) on ${keys.filter((k) => k.grants.length).length} key(s), ${run.model.attempts.length} attempt(s)${lives > 0 ? `, lifecycle events of ${lives} key(s)` : ''}, in ${run.model.sources.length} file(s)`);
  return out.join('\n') + '\n';
}
