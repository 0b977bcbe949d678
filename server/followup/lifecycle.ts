import type { Kysely, Updateable } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import type { ActionItem, ActionItemTable, ActionStatus } from '../db/schema-followup';
import { events } from '../events';
import { bangkokToday } from '../network/repository';
import * as v from '../validate';
import * as repo from './repository';
import { nextStatus, TRANSITIONS, type Verb } from './transitions';

/**
 * The changes of an action item's follow-up. Each one checks access, locks the
 * item, checks the transition, writes the new state and one history entry and
 * audits it in one transaction, then tells the boards.
 */

type Errors = Record<string, string>;
export type Outcome = { ok: true; status: ActionStatus } | { ok: false; errors: Errors };

type Plan = { errors: Errors } | { set: Updateable<ActionItemTable>; detail?: Record<string, unknown> };

interface Change {
	verb: Verb;
	actionItemId: unknown;
	text: unknown;
	meetingId?: unknown;
	/** Further checks and fields, decided on the locked item. */
	plan?: (tx: Kysely<DB>, item: ActionItem, meetingId: string | null) => Promise<Plan>;
}

const MEETING_HELD = ['in_progress', 'ended'];

async function apply(db: Kysely<DB>, actor: Actor | null, change: Change, clientAddress: string | null = null): Promise<Outcome> {
	const t = TRANSITIONS[change.verb];
	const id = v.uuid(change.actionItemId);
	// A malformed id names nothing, exactly like an unknown one.
	const target = { kind: 'action' as const, id: id.ok ? id.value : '00000000-0000-0000-0000-000000000000' };
	await requireAccess(db, actor, 'action.read', target, { hide: true, clientAddress });
	await requireAccess(db, actor, t.guard, target, { clientAddress });

	const text = v.text(change.text, { required: t.text === 'required', max: 4000 });
	if (!text.ok) return { ok: false, errors: { text: text.error } };
	let meetingId: string | null = null;
	if (t.meeting !== 'none' && (t.meeting === 'required' || change.meetingId)) {
		const m = v.uuid(change.meetingId);
		if (!m.ok) return { ok: false, errors: { meetingId: t.meeting === 'required' && !change.meetingId ? 'required' : 'invalid' } };
		meetingId = m.value;
	}

	const now = new Date();
	const result = await db.transaction().execute(async (tx): Promise<Outcome & { bodyId?: string }> => {
		const item = await repo.getForUpdate(tx, target.id);
		const next = nextStatus(change.verb, item.status);
		if (!next.ok) return { ok: false, errors: { action: next.error } };
		if (meetingId) {
			const meeting = await repo.heldMeeting(tx, meetingId, item.body_id);
			if (!meeting) return { ok: false, errors: { meetingId: 'invalid' } };
			if (!MEETING_HELD.includes(meeting.status)) return { ok: false, errors: { meetingId: 'not_held' } };
		}
		const planned: Plan = change.plan ? await change.plan(tx, item, meetingId) : { set: {} };
		if ('errors' in planned) return { ok: false, errors: planned.errors };
		await repo.update(tx, item.id, { ...planned.set, status: next.status, updated_at: now });
		const detail = { ...(next.status !== item.status ? { from: item.status, to: next.status } : {}), ...planned.detail };
		await repo.append(tx, {
			actionItemId: item.id, authorId: actor!.userId, kind: t.kind, text: text.value, meetingId, at: now,
			detail: Object.keys(detail).length ? detail : undefined
		});
		await audit(tx, {
			actorId: actor!.userId, action: `action.${change.verb}`, outcome: 'success', targetType: 'action', targetId: item.id, clientAddress,
			detail: { status: next.status, ...(meetingId ? { meeting: meetingId } : {}) }
		});
		return { ok: true, status: next.status, bodyId: item.body_id };
	});
	if (!result.ok) return result;
	events.emit('action.changed', { actionItemId: target.id, bodyId: result.bodyId! });
	return { ok: true, status: result.status };
}

export interface ItemInput {
	actionItemId: unknown;
	text?: unknown;
}

/** The owning organisation says work has begun. */
export function startAction(db: Kysely<DB>, actor: Actor | null, input: ItemInput, clientAddress?: string | null) {
	return apply(db, actor, { verb: 'start', actionItemId: input.actionItemId, text: input.text }, clientAddress);
}

/** A progress update between meetings, by the organisation that owns the action. */
export function postProgress(db: Kysely<DB>, actor: Actor | null, input: ItemInput, clientAddress?: string | null) {
	return apply(db, actor, { verb: 'progress', actionItemId: input.actionItemId, text: input.text }, clientAddress);
}

/** Done, awaiting report-back: the item stays open until a meeting accepts the report. */
export function markDone(db: Kysely<DB>, actor: Actor | null, input: ItemInput, clientAddress?: string | null) {
	return apply(db, actor, { verb: 'done', actionItemId: input.actionItemId, text: input.text }, clientAddress);
}

export interface MeetingInput {
	actionItemId: unknown;
	meetingId: unknown;
	text?: unknown;
}

/** The representative's report-back, given at a meeting of the action's body. */
export function recordReportBack(db: Kysely<DB>, actor: Actor | null, input: MeetingInput, clientAddress?: string | null) {
	return apply(db, actor, { verb: 'report_back', actionItemId: input.actionItemId, meetingId: input.meetingId, text: input.text }, clientAddress);
}

/** The chair, vice-chair or secretary accepts the report-back at a meeting: the only way an item closes. */
export function acceptReportBack(db: Kysely<DB>, actor: Actor | null, input: MeetingInput, clientAddress?: string | null) {
	return apply(db, actor, {
		verb: 'accept', actionItemId: input.actionItemId, meetingId: input.meetingId, text: input.text,
		plan: async (tx, item, meetingId): Promise<Plan> => {
			const s = await repo.reportState(tx, item.id);
			if (!s.reported_at || (s.sent_back_at && s.sent_back_at >= s.reported_at)) return { errors: { action: 'no_report_back' } };
			return { set: { closed_meeting_id: meetingId } };
		}
	}, clientAddress);
}

export interface CarryOverInput {
	actionItemId: unknown;
	meetingId?: unknown;
	dueOn: unknown;
	reason: unknown;
}

/** Keeps the item open with a new due date and the reason. */
export function carryOver(db: Kysely<DB>, actor: Actor | null, input: CarryOverInput, clientAddress?: string | null) {
	return apply(db, actor, {
		verb: 'carry_over', actionItemId: input.actionItemId, meetingId: input.meetingId, text: input.reason,
		plan: async (_tx, item): Promise<Plan> => {
			const due = v.date(input.dueOn);
			if (!due.ok) return { errors: { dueOn: due.error } };
			if (due.value < bangkokToday()) return { errors: { dueOn: 'in_past' } };
			return { set: { due_on: due.value }, detail: { from_due: item.due_on, to_due: due.value } };
		}
	}, clientAddress);
}

export interface ReassignInput {
	actionItemId: unknown;
	meetingId?: unknown;
	organisationId?: unknown;
	assigneeId?: unknown;
	reason: unknown;
}

/** Moves the item to another representative and/or organisation; the new person must sit on the body for that organisation. */
export function reassign(db: Kysely<DB>, actor: Actor | null, input: ReassignInput, clientAddress?: string | null) {
	return apply(db, actor, {
		verb: 'reassign', actionItemId: input.actionItemId, meetingId: input.meetingId, text: input.reason,
		plan: async (tx, item): Promise<Plan> => {
			const org = input.organisationId ? v.uuid(input.organisationId) : ({ ok: true, value: item.lead_organisation_id } as const);
			if (!org.ok) return { errors: { organisationId: 'invalid' } };
			const orgChanged = org.value !== item.lead_organisation_id;
			if (orgChanged) {
				const exists = await tx.selectFrom('organisation').select('id').where('id', '=', org.value).where('active', '=', true).executeTakeFirst();
				if (!exists) return { errors: { organisationId: 'invalid' } };
			}
			const assignee = input.assigneeId ? v.uuid(input.assigneeId) : ({ ok: true, value: orgChanged ? null : item.assignee_id } as const);
			if (!assignee.ok) return { errors: { assigneeId: 'invalid' } };
			if (!orgChanged && assignee.value === item.assignee_id) return { errors: { action: 'no_change' } };
			if (assignee.value && !(await repo.seatedFor(tx, item.body_id, org.value, assignee.value))) return { errors: { assigneeId: 'not_seated' } };
			return {
				set: { lead_organisation_id: org.value, assignee_id: assignee.value },
				detail: { from_organisation: item.lead_organisation_id, to_organisation: org.value, from_assignee: item.assignee_id, to_assignee: assignee.value }
			};
		}
	}, clientAddress);
}

export interface DropInput {
	actionItemId: unknown;
	meetingId?: unknown;
	reason: unknown;
}

/** The chair drops an item that will not be done, saying why. */
export function dropAction(db: Kysely<DB>, actor: Actor | null, input: DropInput, clientAddress?: string | null) {
	return apply(db, actor, { verb: 'drop', actionItemId: input.actionItemId, meetingId: input.meetingId, text: input.reason }, clientAddress);
}
