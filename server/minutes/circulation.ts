import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB } from '../db/schema';
import { bangkokDate } from '../../src/lib/calendar';
import { formalName } from '../../src/lib/person-name';
import * as field from '../validate';
import { approvable, freeze } from './approval';
import { refused, type Outcome } from './errors';
import type { LiveDocuments } from './live';
import { renderMarkdown } from './markdown';
import { notifySoon } from '../notifications/soon';
import { parseContent, sha256 } from './versions';
import * as circulations from './repository/circulation';
import * as repo from './repository/minutes';

/**
 * Approval by circulation (แจ้งเวียน), the way offices approve minutes
 * between meetings. An officer sends the draft, as it stands, to the members
 * with a deadline; each member (not an observer) answers once, confirming or
 * commenting. The rule:
 *
 * - every member confirmed: approved at once, as circulated;
 * - the deadline passed and no member commented: approved as circulated
 *   (the circulation letter says silence is consent);
 * - the deadline passed and a member commented: not approved; the minutes go
 *   to the next meeting with the comments, where the meeting approves them.
 *
 * While a circulation is open no other route approves the draft.
 */

export const CIRCULATION_DAYS = { min: 1, max: 30, usual: 7 } as const;
const DAY = 24 * 3600_000;

const CirculationAnswer = v.object({
	/** A ticked box or the confirming button. */
	confirm: v.pipe(
		v.unknown(),
		v.transform((x) => x === true || x === 'true' || x === 'on')
	),
	/** The comment: needed unless confirming. */
	text: field.text({ max: 4000 })
});

export type CirculationState = Awaited<ReturnType<typeof circulationOf>>;

/** The members of the meeting's body on `day` whose confirmation completes a circulation: everyone seated, observers excepted. */
async function members(db: Kysely<DB>, bodyId: string, day: string): Promise<string[]> {
	const rows = await circulations.answeringSeats(db, bodyId, day);
	return [...new Set(rows.map((r) => r.user_id))];
}

/** Sends the draft round the members, to answer within `days` days. */
export async function circulate(
	db: Kysely<DB>,
	collab: LiveDocuments,
	actor: Actor | null,
	meetingId: string,
	input: { days: unknown },
	clientAddress: string | null = null,
	now = new Date()
): Promise<Outcome<{ deadline: Date }>> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.circulate', { kind: 'meeting', id: meeting.id }, { clientAddress });
	const days = Number(typeof input.days === 'string' ? input.days.trim() : input.days);
	if (!Number.isInteger(days) || days < CIRCULATION_DAYS.min || days > CIRCULATION_DAYS.max) return refused('invalid_deadline');
	if (await circulations.circulationKey(db, meetingId)) return refused('already_circulated');
	const content = await approvable(db, collab, meetingId, meeting.status);
	if (typeof content === 'string') return refused(content);
	const deadline = new Date(now.getTime() + days * DAY);
	const hash = sha256(renderMarkdown(content));
	const inserted = await db.transaction().execute(async (tx) => {
		const row = await circulations.insertCirculation(tx, {
			meetingId,
			startedBy: actor!.userId,
			startedAt: now,
			deadline,
			contentJson: JSON.stringify(content),
			sha256: hash
		});
		if (!row) return false;
		await audit(tx, {
			actorId: actor!.userId,
			action: 'minutes.circulate',
			outcome: 'success',
			targetType: 'meeting',
			targetId: meetingId,
			clientAddress,
			at: now,
			detail: { deadline: deadline.toISOString(), sha256: hash }
		});
		return true;
	});
	if (!inserted) return refused('already_circulated');
	notifySoon();
	return { ok: true, deadline };
}

/** A member's answer: confirm the circulated minutes, or comment on them (a comment needs its text). */
export async function answerCirculation(
	db: Kysely<DB>,
	actor: Actor | null,
	meetingId: string,
	input: v.InferInput<typeof CirculationAnswer>,
	clientAddress: string | null = null,
	now = new Date()
): Promise<Outcome<{ status: 'open' | 'approved' | 'returned' }>> {
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return refused('not_found');
	await requireAccess(db, actor, 'minutes.confirm', { kind: 'meeting', id: meeting.id }, { clientAddress });
	const state = await settleCirculation(db, meetingId, now);
	if (!state) return refused('not_circulating');
	if (state !== 'open') return refused('circulation_closed');
	const { values, errors } = field.parse(CirculationAnswer, input);
	const confirm = values.confirm;
	if (errors.text || (!confirm && !values.text)) return refused('comment_required');
	const answered = await db.transaction().execute(async (tx) => {
		const row = await circulations.insertAnswer(tx, {
			meetingId,
			userId: actor!.userId,
			kind: confirm ? 'confirmed' : 'commented',
			text: values.text || null,
			at: now
		});
		if (!row) return false;
		await audit(tx, {
			actorId: actor!.userId,
			action: confirm ? 'minutes.circulation_confirm' : 'minutes.circulation_comment',
			outcome: 'success',
			targetType: 'meeting',
			targetId: meetingId,
			clientAddress,
			at: now
		});
		return true;
	});
	if (!answered) return refused('already_responded');
	const status = await settleCirculation(db, meetingId, now, actor!.userId);
	return { ok: true, status: status ?? 'open' };
}

/**
 * Applies the rule above: approves the circulated text once every member has
 * confirmed or the deadline has passed without comment, returns it to the next
 * meeting when the deadline passed with a comment. Idempotent: run whenever
 * someone looks, and by the scheduler, it settles a circulation once.
 */
export async function settleCirculation(
	db: Kysely<DB>,
	meetingId: string,
	now = new Date(),
	lastAnswer: string | null = null
): Promise<'open' | 'approved' | 'returned' | null> {
	const c = await circulations.getCirculation(db, meetingId);
	if (!c || c.status !== 'open') return c?.status ?? null;
	const meeting = await repo.getMeeting(db, meetingId);
	if (!meeting) return null;
	const [expected, answers] = await Promise.all([members(db, meeting.body_id, bangkokDate(now)), circulations.answerKinds(db, meetingId)]);
	const confirmed = new Set(answers.filter((a) => a.kind === 'confirmed').map((a) => a.user_id));
	const commented = answers.some((a) => a.kind === 'commented');
	const allConfirmed = expected.length > 0 && expected.every((u) => confirmed.has(u));
	const due = now.getTime() >= new Date(c.deadline).getTime();
	if (!allConfirmed && !due) return 'open';
	if (!allConfirmed && commented) {
		if (await circulations.settleOpen(db, meetingId, 'returned', now))
			await audit(db, {
				actorId: null,
				action: 'minutes.circulation_returned',
				outcome: 'success',
				targetType: 'meeting',
				targetId: meetingId,
				at: now,
				detail: { confirmed: confirmed.size, members: expected.length }
			});
		return 'returned';
	}
	const content = parseContent(JSON.stringify(c.content_json));
	if (!content) throw new Error(`circulated minutes of ${meetingId} do not parse`);
	const approved = await freeze(
		db,
		{ actorId: allConfirmed ? lastAnswer : null, authorId: c.started_by },
		meetingId,
		content,
		{ kind: 'approved_by_circulation' },
		null,
		now,
		async (tx) => {
			if (!(await circulations.settleOpen(tx, meetingId, 'approved', now))) throw new Error('circulation settled meanwhile');
		}
	).catch((error: unknown) => {
		if (error instanceof Error && error.message === 'circulation settled meanwhile') return null;
		throw error;
	});
	if (approved && !approved.ok) return 'open';
	return (await circulations.circulationStatus(db, meetingId))?.status ?? null;
}

/** Where a circulation stands, for the minutes page: who answered how, and whether the reader still may. */
export async function circulationOf(db: Kysely<DB>, meetingId: string, userId: string | null) {
	const c = await circulations.circulationWithSender(db, meetingId);
	if (!c) return null;
	const { display_name, name_title, ...rest } = c;
	const answers = await circulations.answersWithNames(db, meetingId);
	return { ...rest, started_by: formalName(name_title, display_name), answers, answered: !!userId && answers.some((a) => a.user_id === userId) };
}

/** Open circulations whose deadline has passed: the scheduler settles them. */
export async function settleDueCirculations(db: Kysely<DB>, now = new Date()): Promise<number> {
	const due = await circulations.dueCirculations(db, now);
	for (const d of due) await settleCirculation(db, d.meeting_id, now);
	return due.length;
}
