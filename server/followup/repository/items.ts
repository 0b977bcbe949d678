import { sql, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import type { ActionItemTable, ActionUpdateKind } from '../../db/schema-followup';
import { actionHeading, caseWords, decisionText, meetingTitle, type Reader } from '../../access/redact';
import { seatHeldOn, seatOf } from '../../membership/seats';
import { bangkokToday } from '../../../src/lib/calendar';

/** SQL of action items and their append-only history; no access checks here. */

export function get(db: Kysely<DB>, id: string) {
	return db.selectFrom('action_item').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The item, locked until the transaction ends, so two changes cannot interleave. */
export function getForUpdate(db: Kysely<DB>, id: string) {
	return db.selectFrom('action_item').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function update(db: Kysely<DB>, id: string, values: Updateable<ActionItemTable>): Promise<void> {
	await db.updateTable('action_item').set(values).where('id', '=', id).execute();
}

export interface NewUpdate {
	actionItemId: string;
	authorId: string | null;
	kind: ActionUpdateKind;
	text: string;
	meetingId: string | null;
	detail?: Record<string, unknown>;
	at: Date;
	requestKey?: string | null;
}

export async function append(db: Kysely<DB>, u: NewUpdate): Promise<void> {
	await db
		.insertInto('action_update')
		.values({
			action_item_id: u.actionItemId,
			author_id: u.authorId,
			kind: u.kind,
			text: u.text,
			meeting_id: u.meetingId,
			at: u.at,
			detail: u.detail ? JSON.stringify(u.detail) : null,
			request_key: u.requestKey ?? null
		})
		.execute();
}

/** Whether a request with this key already wrote an entry of the item. */
export async function wroteRequest(db: Kysely<DB>, actionItemId: string, requestKey: string): Promise<boolean> {
	const row = await db
		.selectFrom('action_update')
		.select('id')
		.where('action_item_id', '=', actionItemId)
		.where('request_key', '=', requestKey)
		.executeTakeFirst();
	return row !== undefined;
}

/** Items a meeting closed (accepted or dropped there), with their lead organisation's names and assignee. */
export function closedAt(db: Kysely<DB>, reader: Reader, meetingId: string) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.select([
			'a.id',
			...actionHeading(reader, 'a'),
			'a.status',
			'a.due_on',
			'a.meeting_id',
			'a.lead_organisation_id',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			'o.short_name as lead_short',
			'u.display_name as assignee'
		])
		.where('a.closed_meeting_id', '=', meetingId)
		.execute();
}

/** The history of items, oldest first, with who wrote each entry and at which meeting; a hidden case's entries keep their kind, author and time. */
export function historyOf(db: Kysely<DB>, reader: Reader, actionItemIds: string[]) {
	if (!actionItemIds.length) return Promise.resolve([]);
	return db
		.selectFrom('action_update as u')
		.innerJoin('action_item as a', 'a.id', 'u.action_item_id')
		.leftJoin('app_user as p', 'p.id', 'u.author_id')
		.leftJoin('meeting as mt', 'mt.id', 'u.meeting_id')
		.select([
			'u.id',
			'u.action_item_id',
			'u.at',
			'u.kind',
			caseWords<string>(reader, 'a.case_id', 'u.text').as('text'),
			'u.meeting_id',
			caseWords<Record<string, unknown> | null>(reader, 'a.case_id', 'u.detail', null).as('detail'),
			'p.display_name as author',
			meetingTitle<string | null>(reader, 'mt').as('meeting_title'),
			'mt.starts_at as meeting_starts_at'
		])
		.where('u.action_item_id', 'in', actionItemIds)
		.orderBy('u.action_item_id')
		.orderBy('u.at')
		.orderBy('u.id')
		.execute();
}

/** When the last report-back was given, and when the item was last sent back to work after one. */
export async function reportState(db: Kysely<DB>, actionItemId: string) {
	const row = await db
		.selectFrom('action_update')
		.select([
			sql<Date | null>`max(at) filter (where kind = 'report_back')`.as('reported_at'),
			sql<Date | null>`max(at) filter (where kind in ('carried_over', 'reopened'))`.as('sent_back_at')
		])
		.where('action_item_id', '=', actionItemId)
		.executeTakeFirstOrThrow();
	return row;
}

/** A meeting of this body, with its status and case: where report-backs are given and accepted once it is held. */
export function heldMeeting(db: Kysely<DB>, meetingId: string, bodyId: string) {
	return db.selectFrom('meeting').select(['id', 'status', 'starts_at', 'case_id']).where('id', '=', meetingId).where('body_id', '=', bodyId).executeTakeFirst();
}

/** Recent meetings of a body at which a report-back can be given or accepted. */
export function recentHeldMeetings(db: Kysely<DB>, bodyId: string, caseId: string | null) {
	return (
		db
			.selectFrom('meeting')
			.select(['id', 'title', 'starts_at', 'status'])
			.where('body_id', '=', bodyId)
			// The body's own meetings, and the conferences of the item's case.
			.where((eb) => (caseId ? eb.or([eb('case_id', 'is', null), eb('case_id', '=', caseId)]) : eb('case_id', 'is', null)))
			.where('status', 'in', ['in_progress', 'ended'])
			.orderBy('starts_at', 'desc')
			.limit(6)
			.execute()
	);
}

/** Whether an organisation exists and is active: one an item can be handed to. */
export async function isActiveOrganisation(db: Kysely<DB>, organisationId: string): Promise<boolean> {
	const row = await db.selectFrom('organisation').select('id').where('id', '=', organisationId).where('active', '=', true).executeTakeFirst();
	return row !== undefined;
}

/** Whether a user holds a current seat (or its alternate) on a body for an organisation. */
export async function seatedFor(db: Kysely<DB>, bodyId: string, organisationId: string, userId: string, now = new Date()): Promise<boolean> {
	const d = bangkokToday(now);
	const row = await db
		.selectFrom('membership')
		.select('id')
		.where('body_id', '=', bodyId)
		.where('organisation_id', '=', organisationId)
		.where(seatOf(userId))
		.where(seatHeldOn(d))
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** An action item with the names a page shows, as `reader` may read it. */
export function getDetailed(db: Kysely<DB>, reader: Reader, id: string) {
	return db
		.selectFrom('action_item as a')
		.innerJoin('body as b', 'b.id', 'a.body_id')
		.innerJoin('organisation as o', 'o.id', 'a.lead_organisation_id')
		.leftJoin('app_user as u', 'u.id', 'a.assignee_id')
		.leftJoin('meeting as mt', 'mt.id', 'a.meeting_id')
		.leftJoin('meeting as cm', 'cm.id', 'a.closed_meeting_id')
		.leftJoin('decision as d', 'd.id', 'a.decision_id')
		.select([
			'a.id',
			...actionHeading(reader, 'a'),
			caseWords<string>(reader, 'a.case_id', 'a.description').as('description'),
			'a.status',
			'a.due_on',
			'a.created_at',
			'a.updated_at',
			'a.body_id',
			'a.meeting_id',
			'a.decision_id',
			'a.lead_organisation_id',
			'a.assignee_id',
			'a.closed_meeting_id',
			'a.case_id',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'o.name_th as lead_th',
			'o.name_en as lead_en',
			'o.short_name as lead_short',
			'u.display_name as assignee',
			meetingTitle<string | null>(reader, 'mt').as('meeting_title'),
			'mt.starts_at as meeting_starts_at',
			meetingTitle<string | null>(reader, 'cm').as('closed_meeting_title'),
			'cm.starts_at as closed_meeting_starts_at',
			decisionText<string | null>(reader, 'd').as('decision_text')
		])
		.where('a.id', '=', id)
		.executeTakeFirst();
}

export function supportingOf(db: Kysely<DB>, actionItemIds: string[]) {
	if (!actionItemIds.length) return Promise.resolve([]);
	return db
		.selectFrom('action_item_organisation as x')
		.innerJoin('organisation as o', 'o.id', 'x.organisation_id')
		.select(['x.action_item_id', 'o.id', 'o.name_th', 'o.name_en', 'o.short_name'])
		.where('x.action_item_id', 'in', actionItemIds)
		.orderBy('o.name_th')
		.execute();
}
