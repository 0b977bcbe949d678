import * as Y from 'yjs';
import { actionsOf, agendaOf, decisionsOf, notesOf, plain, removedOf } from '../../src/lib/meeting-doc/schema';

/**
 * Reading a version of a meeting document as it was, and bringing one item
 * of it back into the live document. Plain readings of the document, not the
 * projection: a version shows what people wrote, including what SQL would
 * skip (a decision with no lead yet).
 */

export type RestoreKind = 'agenda_item' | 'decision' | 'action';
export const RESTORE_KINDS: RestoreKind[] = ['agenda_item', 'decision', 'action'];

export interface OutlineAction {
	id: string;
	title: string;
	description: string;
	leadOrgId: string | null;
	assigneeId: string | null;
	dueOn: string | null;
}
export interface OutlineDecision {
	id: string;
	text: string;
	leadOrgId: string | null;
	supportingOrgIds: string[];
	actions: OutlineAction[];
}
export interface OutlineItem {
	id: string;
	title: string;
	minutes: number | null;
	notes: string;
	decisions: OutlineDecision[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const idOrNull = (v: unknown) => (typeof v === 'string' && v ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (node instanceof Y.XmlText) return (node.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
	if (node instanceof Y.XmlElement)
		return node
			.toArray()
			.map(textOf)
			.join(node.nodeName === 'paragraph' ? '' : '\n');
	return '';
}

/** The notes of an agenda item as plain text, one line per block. */
export function notesText(doc: Y.Doc, itemId: string): string {
	return notesOf(doc, itemId).toArray().map(textOf).join('\n').trim();
}

/** Agenda items in order, each with its decisions and their action items. */
export function outline(doc: Y.Doc): OutlineItem[] {
	const actions = [...actionsOf(doc).values()].map(plain);
	const decisions = [...decisionsOf(doc).values()].map(plain).sort((a, b) => num(a.order) - num(b.order));
	return [...agendaOf(doc).values()]
		.map(plain)
		.sort((a, b) => num(a.order) - num(b.order) || str(a.id).localeCompare(str(b.id)))
		.map((a) => ({
			id: str(a.id),
			title: str(a.title),
			minutes: typeof a.minutes === 'number' ? a.minutes : null,
			notes: notesText(doc, str(a.id)),
			decisions: decisions
				.filter((d) => d.agendaItemId === a.id)
				.map((d) => ({
					id: str(d.id),
					text: str(d.text),
					leadOrgId: idOrNull(d.leadOrgId),
					supportingOrgIds: Array.isArray(d.supportingOrgIds) ? d.supportingOrgIds.filter((o): o is string => typeof o === 'string') : [],
					actions: actions
						.filter((x) => x.decisionId === d.id)
						.map((x) => ({
							id: str(x.id),
							title: str(x.title),
							description: str(x.description),
							leadOrgId: idOrNull(x.leadOrgId),
							assigneeId: idOrNull(x.assigneeId),
							dueOn: idOrNull(x.dueOn)
						}))
				}))
		}));
}

const collectionOf = (doc: Y.Doc, kind: RestoreKind) => (kind === 'agenda_item' ? agendaOf(doc) : kind === 'decision' ? decisionsOf(doc) : actionsOf(doc));

/** How an entity of a version stands in the live document: as it was, changed since, or gone. */
export function compare(live: Y.Doc, kind: RestoreKind, id: string, fields: Record<string, unknown>): 'same' | 'changed' | 'gone' {
	const now = collectionOf(live, kind).get(id);
	if (!now) return 'gone';
	const current = plain(now);
	return Object.entries(fields).every(([k, v]) => JSON.stringify(current[k]) === JSON.stringify(v)) ? 'same' : 'changed';
}

/** The plain fields of one entity of a version, or undefined when the version does not hold it. */
export function entityIn(doc: Y.Doc, kind: RestoreKind, id: string): Record<string, unknown> | undefined {
	const map = collectionOf(doc, kind).get(id);
	return map ? plain(map) : undefined;
}

export type RestoreResult = { ok: true; ids: string[] } | { ok: false; reason: 'not_in_version' | 'parent_missing' };

/** Writes an entity as the version had it: changed fields only when it is still there, whole when it is gone. */
function put(collection: Y.Map<Y.Map<unknown>>, id: string, fields: Record<string, unknown>) {
	const existing = collection.get(id);
	if (existing) {
		for (const [k, v] of Object.entries(fields)) if (JSON.stringify(existing.get(k)) !== JSON.stringify(v)) existing.set(k, v);
		return;
	}
	const map = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(fields)) map.set(k, v);
	collection.set(id, map);
}

/**
 * Brings one item back into `target` as `source` (a version) holds it: an
 * agenda item with its notes, decisions and their action items; a decision
 * with its action items; or one action item. Entities added since stay; a
 * tombstone of anything brought back is cleared. A decision or action item
 * whose parent is no longer in the meeting is refused, so nothing comes back
 * hanging from nothing: restore the parent first.
 */
export function restoreItem(source: Y.Doc, target: Y.Doc, kind: RestoreKind, id: string): RestoreResult {
	const root = collectionOf(source, kind).get(id);
	if (!root) return { ok: false, reason: 'not_in_version' };
	const parent =
		kind === 'decision'
			? agendaOf(target).has(String(root.get('agendaItemId')))
			: kind === 'action'
				? decisionsOf(target).has(String(root.get('decisionId')))
				: true;
	if (!parent) return { ok: false, reason: 'parent_missing' };

	const picks: [RestoreKind, string, Record<string, unknown>][] = [[kind, id, plain(root)]];
	const decisionIds =
		kind === 'agenda_item'
			? [...decisionsOf(source).entries()].filter(([, d]) => d.get('agendaItemId') === id).map(([did]) => did)
			: kind === 'decision'
				? [id]
				: [];
	for (const did of decisionIds) {
		if (did !== id) picks.push(['decision', did, plain(decisionsOf(source).get(did)!)]);
		for (const [aid, a] of actionsOf(source)) if (a.get('decisionId') === did) picks.push(['action', aid, plain(a)]);
	}
	target.transact(() => {
		for (const [k, eid, fields] of picks) {
			put(collectionOf(target, k), eid, { ...fields, id: eid });
			removedOf(target).delete(eid);
		}
		if (kind === 'agenda_item') {
			const from = notesOf(source, id);
			const to = notesOf(target, id);
			if (from.toString() !== to.toString()) {
				to.delete(0, to.length);
				to.insert(0, from.toArray().map((n) => n.clone()) as (Y.XmlElement | Y.XmlText)[]);
			}
		}
	});
	return { ok: true, ids: picks.map(([, eid]) => eid) };
}
