import * as Y from 'yjs';
import {
	ABSENCE_REASON_MAX,
	actionsOf,
	agendaOf,
	ATTENDANCE_STATUSES,
	attendanceOf,
	decisionsOf,
	FIELD_MAX,
	GUEST_FIELD_MAX,
	guestsOf,
	plain,
	removedOf,
	type AttendanceStatus,
	type RemovedKind,
	type StandingKind
} from '../../src/lib/meeting-doc/schema';
import * as field from '../validate';
import { agendaMinutes, agendaStanding } from './template';

/** What the projection needs to know beyond the document. */
export interface ProjectionContext {
	meetingId: string;
	bodyId: string;
	/** Organisations that may be named in this meeting (the body's members). */
	organisationIds: ReadonlySet<string>;
	/** People who may be named as an action's representative. */
	userIds: ReadonlySet<string>;
	/**
	 * The organisations and people SQL already names on each of this meeting's
	 * rows (by row id). They stay valid on that row even when they do not sit
	 * on the body (any more), so a document mirroring the row never erases them.
	 */
	named?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Whether a row may name this organisation or person. */
const mayName = (ctx: ProjectionContext, known: ReadonlySet<string>, rowId: string, v: string) => known.has(v) || !!ctx.named?.get(rowId)?.has(v);

export interface AgendaRow {
	id: string;
	meeting_id: string;
	title: string;
	position: number;
	minutes: number | null;
	presenter_organisation_id: string | null;
	standing: StandingKind | null;
	links: { url: string; label: string }[];
}
export interface DecisionRow {
	id: string;
	meeting_id: string;
	agenda_item_id: string | null;
	text: string;
	position: number;
	lead: string;
	supporting: string[];
}
export interface ActionRow {
	id: string;
	body_id: string;
	meeting_id: string;
	decision_id: string | null;
	title: string;
	description: string;
	lead_organisation_id: string;
	assignee_id: string | null;
	due_on: string | null;
	supporting: string[];
}
export interface AttendanceRow {
	meeting_id: string;
	organisation_id: string;
	status: AttendanceStatus;
	arrived_at: Date | null;
	left_at: Date | null;
	reason: string | null;
}
export interface GuestRow {
	id: string;
	meeting_id: string;
	name: string;
	position: string;
	organisation: string;
	sort_order: number;
}
export interface Problem {
	entity: 'agenda_item' | 'decision' | 'action' | 'attendance' | 'guest' | 'removed';
	id: string;
	reason: string;
}

/** Ids the document removed (a tombstone, and no live entry): the only rows the projection may delete. */
export interface Removals {
	agendaItems: string[];
	decisions: string[];
	actions: string[];
}

export interface Projection {
	agendaItems: AgendaRow[];
	decisions: DecisionRow[];
	actions: ActionRow[];
	attendance: AttendanceRow[];
	/**
	 * Everyone the document lists as attending without being a member. Guests
	 * live only in the document (nothing else writes them after it exists), so
	 * this is the whole list: a guest it no longer holds leaves SQL.
	 */
	guests: GuestRow[];
	removed: Removals;
	/** Content skipped or trimmed because it did not fit the schema. */
	problems: Problem[];
}

/** An entity's fields; anything but a map (which a stock client can write) reads as empty and fails validation. */
const fieldsOf = (map: unknown): Record<string, unknown> => (map instanceof Y.Map ? plain(map) : {});

/*
 * A field a form also writes is checked against the form's own schema
 * (server/validate.ts, ./template.ts), so the two cannot disagree; where the
 * form refuses, the projection skips or drops the field instead.
 */

/** Ids as the document keys its entities: UUIDs, in lower case as they are stored. */
const isUuid = (v: unknown): v is string => field.is(field.uuid, v) && v === (v as string).toLowerCase();
const validDate = (v: unknown): v is string => field.is(field.date, v);
const str = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

function validTime(v: unknown): Date | null {
	return typeof v === 'number' && Number.isFinite(v) && v > 0 ? new Date(v) : null;
}

function orgList(v: unknown, ctx: ProjectionContext, rowId: string, except: string): string[] {
	if (!Array.isArray(v)) return [];
	return [...new Set(v.filter((o): o is string => typeof o === 'string' && mayName(ctx, ctx.organisationIds, rowId, o) && o !== except))];
}

function links(v: unknown): { url: string; label: string }[] {
	if (!Array.isArray(v)) return [];
	return v
		.filter((l): l is { url: string; label?: unknown } => !!l && typeof l === 'object' && typeof (l as { url?: unknown }).url === 'string')
		.filter((l) => /^https?:\/\//i.test(l.url))
		.slice(0, FIELD_MAX.links)
		.map((l) => ({ url: l.url.slice(0, FIELD_MAX.linkUrl), label: str(l.label, FIELD_MAX.linkLabel) }));
}

/**
 * Rows for SQL from a meeting document: a pure function, so it is tested on
 * hand-built documents. Content that does not fit is skipped (required fields)
 * or trimmed (optional ones) and reported in `problems`; it never throws.
 */
export function projectMeeting(doc: Y.Doc, ctx: ProjectionContext): Projection {
	const problems: Problem[] = [];
	const agendaItems: AgendaRow[] = [];
	for (const [key, map] of agendaOf(doc)) {
		const v = fieldsOf(map);
		if (!isUuid(key) || v.id !== key) {
			problems.push({ entity: 'agenda_item', id: key, reason: 'bad_id' });
			continue;
		}
		const title = str(v.title, FIELD_MAX.agendaTitle);
		if (!title) {
			problems.push({ entity: 'agenda_item', id: key, reason: 'missing_title' });
			continue;
		}
		const minutes = field.is(agendaMinutes, v.minutes) ? (v.minutes as number) : null;
		if (v.minutes != null && minutes === null) problems.push({ entity: 'agenda_item', id: key, reason: 'bad_minutes' });
		let presenter = typeof v.presenterOrgId === 'string' ? v.presenterOrgId : null;
		if (presenter && !mayName(ctx, ctx.organisationIds, key, presenter)) {
			problems.push({ entity: 'agenda_item', id: key, reason: 'unknown_organisation' });
			presenter = null;
		}
		agendaItems.push({
			id: key,
			meeting_id: ctx.meetingId,
			title,
			position: typeof v.order === 'number' && Number.isFinite(v.order) ? v.order : 0,
			minutes,
			presenter_organisation_id: presenter,
			standing: field.is(agendaStanding, v.standing) ? (v.standing as StandingKind) : null,
			links: links(v.links)
		});
	}
	agendaItems.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
	agendaItems.forEach((a, i) => (a.position = i + 1));
	const itemIds = new Set(agendaItems.map((a) => a.id));

	const decisions: DecisionRow[] = [];
	for (const [key, map] of decisionsOf(doc)) {
		const v = fieldsOf(map);
		if (!isUuid(key) || v.id !== key) {
			problems.push({ entity: 'decision', id: key, reason: 'bad_id' });
			continue;
		}
		// No agenda item is allowed: decisions recorded in SQL outside any item are mirrored that way.
		const item = v.agendaItemId ?? null;
		if (item !== null && !itemIds.has(item as string)) {
			problems.push({ entity: 'decision', id: key, reason: 'unknown_agenda_item' });
			continue;
		}
		const text = str(v.text, FIELD_MAX.decisionText);
		if (!text) {
			problems.push({ entity: 'decision', id: key, reason: 'missing_text' });
			continue;
		}
		const lead = v.leadOrgId;
		if (typeof lead !== 'string' || !mayName(ctx, ctx.organisationIds, key, lead)) {
			problems.push({ entity: 'decision', id: key, reason: lead ? 'unknown_organisation' : 'missing_lead' });
			continue;
		}
		decisions.push({
			id: key,
			meeting_id: ctx.meetingId,
			agenda_item_id: item as string | null,
			text,
			position: Number(v.order) || 0,
			lead,
			supporting: orgList(v.supportingOrgIds, ctx, key, lead)
		});
	}
	decisions.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
	decisions.forEach((d, i) => (d.position = i + 1));
	const decisionIds = new Set(decisions.map((d) => d.id));

	const actions: ActionRow[] = [];
	for (const [key, map] of actionsOf(doc)) {
		const v = fieldsOf(map);
		if (!isUuid(key) || v.id !== key) {
			problems.push({ entity: 'action', id: key, reason: 'bad_id' });
			continue;
		}
		const decision = v.decisionId ?? null;
		if (decision !== null && !decisionIds.has(decision as string)) {
			problems.push({ entity: 'action', id: key, reason: 'unknown_decision' });
			continue;
		}
		const title = str(v.title, FIELD_MAX.actionTitle);
		if (!title) {
			problems.push({ entity: 'action', id: key, reason: 'missing_title' });
			continue;
		}
		const lead = v.leadOrgId;
		if (typeof lead !== 'string' || !mayName(ctx, ctx.organisationIds, key, lead)) {
			problems.push({ entity: 'action', id: key, reason: lead ? 'unknown_organisation' : 'missing_lead' });
			continue;
		}
		let assignee = typeof v.assigneeId === 'string' ? v.assigneeId : null;
		if (assignee && !mayName(ctx, ctx.userIds, key, assignee)) {
			problems.push({ entity: 'action', id: key, reason: 'unknown_assignee' });
			assignee = null;
		}
		let due: string | null = null;
		if (v.dueOn != null && v.dueOn !== '') {
			if (validDate(v.dueOn)) due = v.dueOn;
			else problems.push({ entity: 'action', id: key, reason: 'bad_date' });
		}
		actions.push({
			id: key,
			body_id: ctx.bodyId,
			meeting_id: ctx.meetingId,
			decision_id: decision as string | null,
			title,
			description: str(v.description, FIELD_MAX.actionDescription),
			lead_organisation_id: lead,
			assignee_id: assignee,
			due_on: due,
			supporting: orgList(v.supportingOrgIds, ctx, key, lead)
		});
	}

	const attendance: AttendanceRow[] = [];
	for (const [orgId, map] of attendanceOf(doc)) {
		const v = fieldsOf(map);
		if (!ctx.organisationIds.has(orgId)) {
			problems.push({ entity: 'attendance', id: orgId, reason: 'unknown_organisation' });
			continue;
		}
		if (!ATTENDANCE_STATUSES.includes(v.status as AttendanceStatus)) {
			problems.push({ entity: 'attendance', id: orgId, reason: 'bad_status' });
			continue;
		}
		attendance.push({
			meeting_id: ctx.meetingId,
			organisation_id: orgId,
			status: v.status as AttendanceStatus,
			arrived_at: validTime(v.arrivedAt),
			left_at: validTime(v.leftAt),
			// A reason is kept only for an organisation away: one left from a status changed since means nothing.
			reason: v.status === 'apologies' || v.status === 'absent' ? str(v.reason, ABSENCE_REASON_MAX) || null : null
		});
	}

	const guests: GuestRow[] = [];
	for (const [key, map] of guestsOf(doc)) {
		const v = fieldsOf(map);
		if (!isUuid(key) || v.id !== key) {
			problems.push({ entity: 'guest', id: key, reason: 'bad_id' });
			continue;
		}
		const name = str(v.name, GUEST_FIELD_MAX);
		if (!name) {
			problems.push({ entity: 'guest', id: key, reason: 'missing_name' });
			continue;
		}
		guests.push({
			id: key,
			meeting_id: ctx.meetingId,
			name,
			position: str(v.position, GUEST_FIELD_MAX),
			organisation: str(v.organisation, GUEST_FIELD_MAX),
			sort_order: typeof v.order === 'number' && Number.isFinite(v.order) ? v.order : 0
		});
	}
	guests.sort((a, b) => a.sort_order - b.sort_order || a.id.localeCompare(b.id));
	guests.forEach((g, i) => (g.sort_order = i + 1));
	return { agendaItems, decisions, actions, attendance, guests, removed: removals(doc, problems), problems };
}

const LIVE: Record<RemovedKind, (doc: Y.Doc) => Y.Map<Y.Map<unknown>>> = { agenda_item: agendaOf, decision: decisionsOf, action: actionsOf };

/** Tombstoned ids; an entity that is live again (restored, or re-added concurrently) is not removed. */
function removals(doc: Y.Doc, problems: Problem[]): Removals {
	const out: Removals = { agendaItems: [], decisions: [], actions: [] };
	const lists: Record<RemovedKind, string[]> = { agenda_item: out.agendaItems, decision: out.decisions, action: out.actions };
	for (const [key, map] of removedOf(doc)) {
		const kind = map instanceof Y.Map ? (map.get('kind') as RemovedKind) : undefined;
		if (!isUuid(key) || !kind || !(kind in LIVE)) {
			problems.push({ entity: 'removed', id: key, reason: 'bad_tombstone' });
			continue;
		}
		if (!LIVE[kind](doc).has(key)) lists[kind].push(key);
	}
	for (const list of Object.values(lists)) list.sort();
	return out;
}
