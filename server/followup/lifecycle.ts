import type { Kysely, Updateable } from 'kysely';
import * as v from 'valibot';
import { refusal, refuse, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import type { ActionItem, ActionItemTable, ActionStatus } from '../db/schema-followup';
import { events } from '../events';
import { teamUserIds } from '../membership/case-team';
import * as field from '../validate';
import * as repo from './repository/items';
import { nextStatus, TRANSITIONS, type Verb } from './transitions';
import { bangkokToday } from '../../src/lib/calendar';
import { FIELD_MAX } from '../../src/lib/meeting-doc/schema';

/**
 * The changes of an action item's follow-up. Each one checks access, locks the
 * item, checks the transition, writes the new state and one history entry and
 * audits it in one transaction, then tells the boards. Several changes can be
 * made as one (a report-back and its decision): every access check of them all
 * comes before the first write, and they land together or not at all.
 */

type Errors = Record<string, string>;
export type Outcome = { ok: true; status: ActionStatus } | { ok: false; errors: Errors };

type Plan = { errors: Errors } | { set: Updateable<ActionItemTable>; detail?: Record<string, unknown> };

/** What every change carries, checked once access to the item is known. */
const ChangeInput = v.object({
	actionItemId: field.uuid,
	/**
	 * The history entry's words, required where the verb asks for them
	 * (`TRANSITIONS`); as long as a report-back typed into the live meeting.
	 */
	text: field.text({ max: FIELD_MAX.reportBack }),
	/** The meeting it is made at, where the verb takes one. */
	meetingId: field.optional(field.uuid, null),
	/**
	 * The request's own key (a UUID the form sends): a change whose key already
	 * wrote an entry of the item was made before, and is answered as made,
	 * writing nothing (the outbox sends a request again when its answer was lost).
	 */
	requestKey: v.optional(v.union([v.literal(''), field.uuid]))
});

export type Change = v.InferInput<typeof ChangeInput> & {
	verb: Verb;
	/** Further checks and fields, decided on the locked item. */
	plan?: (tx: Kysely<DB>, item: ActionItem, meetingId: string | null) => Promise<Plan>;
};

/** Who takes a reassigned item over; either left empty stays as it is (a new organisation starts without a representative). */
const Reassignment = v.object({ organisationId: field.optional(field.uuid, null), assigneeId: field.optional(field.uuid, null) });

const MEETING_HELD = ['in_progress', 'ended'];
// A malformed id names nothing, exactly like an unknown one.
const NOTHING = '00000000-0000-0000-0000-000000000000';
const targetOf = (change: Change) => {
	const id = field.check(field.uuid, change.actionItemId);
	return { kind: 'action' as const, id: id.ok ? id.value : NOTHING };
};

/** Thrown inside a transaction to undo what it wrote; `apply` turns it back into its answer. */
class Undo {
	constructor(readonly answer: { refused: { status: 403 | 404; action: string; id: string } } | { outcome: Outcome }) {}
}

/** Who may make the change, asked of the transaction before it writes anything. */
async function authorise(tx: Kysely<DB>, actor: Actor | null, change: Change): Promise<void> {
	const target = targetOf(change);
	const hidden = await refusal(tx, actor, 'action.read', target, { hide: true });
	if (hidden) throw new Undo({ refused: { status: hidden, action: 'action.read', id: target.id } });
	const guard = TRANSITIONS[change.verb].guard;
	const refused = await refusal(tx, actor, guard, target);
	if (refused) throw new Undo({ refused: { status: refused, action: guard, id: target.id } });
}

/** One change, written in the caller's transaction once access has been checked. */
async function write(tx: Kysely<DB>, actor: Actor, change: Change, now: Date, clientAddress: string | null): Promise<Outcome & { bodyId?: string }> {
	const t = TRANSITIONS[change.verb];
	const { values, errors } = field.parse(ChangeInput, change);
	if (errors.text) return { ok: false, errors: { text: errors.text } };
	if (t.text === 'required' && !values.text) return { ok: false, errors: { text: 'required' } };
	let meetingId: string | null = null;
	if (t.meeting !== 'none' && (t.meeting === 'required' || change.meetingId)) {
		if (errors.meetingId || !values.meetingId)
			return { ok: false, errors: { meetingId: t.meeting === 'required' && !change.meetingId ? 'required' : 'invalid' } };
		meetingId = values.meetingId;
	}
	if (errors.requestKey) return { ok: false, errors: { requestKey: 'invalid' } };
	const key = values.requestKey || null;
	const item = await repo.getForUpdate(tx, targetOf(change).id);
	// Asked once the item is locked, so two copies of one request cannot both pass.
	if (key && (await repo.wroteRequest(tx, item.id, key))) return { ok: true, status: item.status, bodyId: item.body_id };
	const next = nextStatus(change.verb, item.status);
	if (!next.ok) return { ok: false, errors: { action: next.error } };
	if (meetingId) {
		const meeting = await repo.heldMeeting(tx, meetingId, item.body_id);
		// A conference counts only for its own case's items; any other is as unknown as a wrong id.
		if (!meeting || (meeting.case_id && meeting.case_id !== item.case_id)) return { ok: false, errors: { meetingId: 'invalid' } };
		if (!MEETING_HELD.includes(meeting.status)) return { ok: false, errors: { meetingId: 'not_held' } };
	}
	const planned: Plan = change.plan ? await change.plan(tx, item, meetingId) : { set: {} };
	if ('errors' in planned) return { ok: false, errors: planned.errors };
	await repo.update(tx, item.id, { ...planned.set, status: next.status, updated_at: now });
	const detail = { ...(next.status !== item.status ? { from: item.status, to: next.status } : {}), ...planned.detail };
	await repo.append(tx, {
		actionItemId: item.id,
		authorId: actor.userId,
		kind: t.kind,
		text: values.text,
		meetingId,
		at: now,
		detail: Object.keys(detail).length ? detail : undefined,
		requestKey: key
	});
	await audit(tx, {
		actorId: actor.userId,
		action: `action.${change.verb}`,
		outcome: 'success',
		targetType: 'action',
		targetId: item.id,
		clientAddress,
		detail: { status: next.status, ...(meetingId ? { meeting: meetingId } : {}) }
	});
	return { ok: true, status: next.status, bodyId: item.body_id };
}

/**
 * Makes the changes in one transaction: all access checks first, then each
 * change in order. A refusal writes nothing (and is audited outside the
 * transaction); a change that fails undoes the ones before it. The answer is
 * the last change's.
 */
export async function applyAll(db: Kysely<DB>, actor: Actor | null, changes: Change[], clientAddress: string | null = null): Promise<Outcome> {
	const now = new Date();
	const written: { actionItemId: string; bodyId: string; status: ActionStatus }[] = [];
	try {
		await db.transaction().execute(async (tx) => {
			for (const change of changes) await authorise(tx, actor, change);
			for (const change of changes) {
				const outcome = await write(tx, actor!, change, now, clientAddress);
				if (!outcome.ok) throw new Undo({ outcome });
				written.push({ actionItemId: targetOf(change).id, bodyId: outcome.bodyId!, status: outcome.status });
			}
		});
	} catch (err) {
		if (!(err instanceof Undo)) throw err;
		if ('outcome' in err.answer) return err.answer.outcome;
		const r = err.answer.refused;
		return refuse(db, actor, r.action, { type: 'action', id: r.id }, r.status, clientAddress);
	}
	for (const w of written) events.emit('action.changed', { actionItemId: w.actionItemId, bodyId: w.bodyId });
	const last = written.at(-1);
	return last ? { ok: true, status: last.status } : { ok: false, errors: { action: 'no_change' } };
}

const apply = (db: Kysely<DB>, actor: Actor | null, change: Change, clientAddress: string | null = null) => applyAll(db, actor, [change], clientAddress);

export type ItemInput = Pick<Change, 'actionItemId' | 'text' | 'requestKey'>;

/** The owning organisation says work has begun. */
export function startAction(db: Kysely<DB>, actor: Actor | null, input: ItemInput, clientAddress?: string | null) {
	return apply(db, actor, { verb: 'start', actionItemId: input.actionItemId, text: input.text, requestKey: input.requestKey }, clientAddress);
}

/** A progress update between meetings, by the organisation that owns the action. */
export function postProgress(db: Kysely<DB>, actor: Actor | null, input: ItemInput, clientAddress?: string | null) {
	return apply(db, actor, { verb: 'progress', actionItemId: input.actionItemId, text: input.text, requestKey: input.requestKey }, clientAddress);
}

/** Done, awaiting report-back: the item stays open until a meeting accepts the report. */
export function markDone(db: Kysely<DB>, actor: Actor | null, input: ItemInput, clientAddress?: string | null) {
	return apply(db, actor, { verb: 'done', actionItemId: input.actionItemId, text: input.text, requestKey: input.requestKey }, clientAddress);
}

export type MeetingInput = Pick<Change, 'actionItemId' | 'text' | 'requestKey'> & { meetingId: unknown };

/** The representative's report-back, given at a meeting of the action's body. */
export function recordReportBack(db: Kysely<DB>, actor: Actor | null, input: MeetingInput, clientAddress?: string | null) {
	return apply(db, actor, reportBackChange(input), clientAddress);
}

export const reportBackChange = (input: MeetingInput): Change => ({
	verb: 'report_back',
	actionItemId: input.actionItemId,
	meetingId: input.meetingId,
	text: input.text,
	requestKey: input.requestKey
});

/** The chair, vice-chair or secretary accepts the report-back at a meeting: the only way an item closes. */
export function acceptReportBack(db: Kysely<DB>, actor: Actor | null, input: MeetingInput, clientAddress?: string | null) {
	return apply(db, actor, acceptChange(input), clientAddress);
}

export const acceptChange = (input: MeetingInput): Change => ({
	verb: 'accept',
	actionItemId: input.actionItemId,
	meetingId: input.meetingId,
	text: input.text,
	plan: async (tx, item, meetingId): Promise<Plan> => {
		const s = await repo.reportState(tx, item.id);
		if (!s.reported_at || (s.sent_back_at && s.sent_back_at >= s.reported_at)) return { errors: { action: 'no_report_back' } };
		return { set: { closed_meeting_id: meetingId } };
	}
});

export interface CarryOverInput {
	actionItemId: unknown;
	meetingId?: unknown;
	dueOn: unknown;
	reason: unknown;
}

/** Keeps the item open with a new due date and the reason. */
export function carryOver(db: Kysely<DB>, actor: Actor | null, input: CarryOverInput, clientAddress?: string | null) {
	return apply(db, actor, carryOverChange(input), clientAddress);
}

export const carryOverChange = (input: CarryOverInput): Change => ({
	verb: 'carry_over',
	actionItemId: input.actionItemId,
	meetingId: input.meetingId,
	text: input.reason,
	plan: async (_tx, item): Promise<Plan> => {
		// The due date the live meeting's projection takes too.
		const due = field.check(field.date, input.dueOn);
		if (!due.ok) return { errors: { dueOn: due.error } };
		if (due.value < bangkokToday()) return { errors: { dueOn: 'in_past' } };
		return { set: { due_on: due.value }, detail: { from_due: item.due_on, to_due: due.value } };
	}
});

export interface ReassignInput {
	actionItemId: unknown;
	meetingId?: unknown;
	organisationId?: unknown;
	assigneeId?: unknown;
	reason: unknown;
}

/**
 * Moves the item to another representative and/or organisation; the new
 * person must sit on the body for that organisation and, for a case's action,
 * be on its case team (`not_on_case_team`): nobody else may see what it says.
 */
export function reassign(db: Kysely<DB>, actor: Actor | null, input: ReassignInput, clientAddress?: string | null) {
	return apply(
		db,
		actor,
		{
			verb: 'reassign',
			actionItemId: input.actionItemId,
			meetingId: input.meetingId,
			text: input.reason,
			plan: async (tx, item): Promise<Plan> => {
				const { values, errors } = field.parse(Reassignment, input);
				if (errors.organisationId) return { errors: { organisationId: 'invalid' } };
				const org = values.organisationId ?? item.lead_organisation_id;
				const orgChanged = org !== item.lead_organisation_id;
				if (orgChanged && !(await repo.isActiveOrganisation(tx, org))) return { errors: { organisationId: 'invalid' } };
				if (errors.assigneeId) return { errors: { assigneeId: 'invalid' } };
				const assignee = values.assigneeId ?? (orgChanged ? null : item.assignee_id);
				if (!orgChanged && assignee === item.assignee_id) return { errors: { action: 'no_change' } };
				if (assignee && !(await repo.seatedFor(tx, item.body_id, org, assignee))) return { errors: { assigneeId: 'not_seated' } };
				if (assignee && item.case_id && !(await teamUserIds(tx, item.case_id)).has(assignee)) return { errors: { assigneeId: 'not_on_case_team' } };
				return {
					set: { lead_organisation_id: org, assignee_id: assignee },
					detail: { from_organisation: item.lead_organisation_id, to_organisation: org, from_assignee: item.assignee_id, to_assignee: assignee }
				};
			}
		},
		clientAddress
	);
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
