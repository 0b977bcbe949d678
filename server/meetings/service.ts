import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { can, refuse, requireAccess, type Actor } from '../access';
import { documentAccess } from '../access/documents';
import { meetingAuthority } from '../access/meeting-changes';
import { audit } from '../audit';
import type { CollabServer } from '../collab/server';
import type { DB, MeetingKind, MeetingStatus } from '../db/schema';
import { readableBodyIds } from '../access/roles';
import * as field from '../validate';
import { addAgendaItem, agendaOf } from '../../src/lib/meeting-doc/schema';
import { mirrorRows } from './mirror';
import { bangkokInstant, seriesDates, type RepeatPattern } from './series';
import { CASE_CONFERENCE_TEMPLATE, getTemplate, parseTemplate } from './template';
import { listable } from '../access/meeting-thread';
import * as repo from './repository/meetings';
import { meetingRows } from './repository/projection-rows';
import { saveTemplate } from './repository/templates';
import { addDays, bangkokDate, bangkokToday } from '../../src/lib/calendar';

type Errors = Record<string, string>;
export const MEETING_KINDS: MeetingKind[] = ['regular', 'extraordinary', 'case_conference'];
/** Kinds the schedule form offers: a case conference exists only through its case (server/cases/conference.ts). */
export const SCHEDULE_KINDS: MeetingKind[] = ['regular', 'extraordinary'];

/** Where a meeting may go from each status; minutes approval belongs to the minutes. */
const transitions: Record<MeetingStatus, MeetingStatus[]> = {
	planned: ['in_progress', 'cancelled'],
	in_progress: ['ended'],
	ended: ['in_progress'],
	minutes_approved: [],
	cancelled: ['planned']
};

export const documentName = (meetingId: string) => `meeting:${meetingId}`;

export async function listForBody(db: Kysely<DB>, actor: Actor | null, bodyId: string, now = new Date()) {
	await requireAccess(db, actor, 'body.read', { kind: 'body', id: bodyId });
	const rows = await repo.ofBody(db, bodyId, await listable(db, actor!.userId), 300);
	const upcoming = rows.filter((m) => m.starts_at >= now && m.status !== 'ended' && m.status !== 'minutes_approved').reverse();
	const live = rows.filter((m) => m.status === 'in_progress');
	const past = rows.filter((m) => !upcoming.includes(m) && !live.includes(m));
	return { upcoming, live, past, canSchedule: await can(db, actor, 'meeting.schedule', { kind: 'body', id: bodyId }) };
}

/** A meeting's online link: http or https only (server/validate.ts). */
export const meetingUrl = field.link({ max: 2000 });

/** A meeting's starting time, `HH:MM` on the 24-hour clock. */
export const meetingTime: field.Field<string> = v.pipe(v.string('invalid'), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid'));

const TITLE_MAX = 300;
const PLACE_MAX = 300;

const ScheduleInput = v.object({
	title: field.text({ required: true, max: TITLE_MAX }),
	// A case conference exists only through its case.
	kind: v.pipe(
		v.unknown(),
		v.check((kind) => kind !== 'case_conference', 'needs_case'),
		v.nullish(field.oneOf(SCHEDULE_KINDS), 'regular')
	),
	date: field.date,
	time: meetingTime,
	place: field.text({ max: PLACE_MAX }),
	onlineUrl: meetingUrl,
	repeat: v.nullish(field.oneOf(['none', 'nth_weekday', 'same_day']), 'none'),
	/** How many meetings a series holds, 1–24; read only when it repeats. */
	count: v.unknown()
});
export type ScheduleInput = v.InferInput<typeof ScheduleInput>;

const EditMeetingInput = v.object({
	title: field.line({ required: true, max: TITLE_MAX }),
	date: field.date,
	time: meetingTime,
	place: field.line({ max: PLACE_MAX }),
	onlineUrl: meetingUrl
});

/** Where `setStatus` may be asked to take a meeting; `transitions` says from where. */
const StatusTarget = field.oneOf(['planned', 'in_progress', 'ended', 'cancelled']);

/** Schedules one meeting, or a series following the body's cadence. */
export async function schedule(
	db: Kysely<DB>,
	actor: Actor | null,
	bodyId: string,
	input: ScheduleInput,
	clientAddress: string | null
): Promise<{ ok: true; ids: string[] } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'meeting.schedule', { kind: 'body', id: bodyId }, { clientAddress });
	const { values, errors } = field.parse(ScheduleInput, input);
	const count = input.repeat && input.repeat !== 'none' ? Number(input.count) : 1;
	const problems: Errors = { ...(errors as Errors) };
	if (!Number.isInteger(count) || count < 1 || count > 24) problems.count = 'invalid';
	if (!problems.date && values.date < bangkokToday()) problems.date = 'in_past';
	if (Object.keys(problems).length) return { ok: false, errors: problems };

	const body = await repo.bodyCadence(db, bodyId);
	const dates = values.repeat === 'none' ? [values.date] : seriesDates(values.date, body.cadence, values.repeat as RepeatPattern, count);
	const seriesId = dates.length > 1 ? crypto.randomUUID() : null;
	const ids = await db.transaction().execute(async (tx) => {
		const created = await repo.insertMany(
			tx,
			dates.map((d) => ({
				body_id: bodyId,
				kind: values.kind,
				title: values.title,
				starts_at: bangkokInstant(d, values.time),
				ends_at: null,
				place: values.place || null,
				online_url: values.onlineUrl,
				series_id: seriesId,
				created_by: actor!.userId
			}))
		);
		await audit(tx, {
			actorId: actor!.userId,
			action: 'meeting.schedule',
			outcome: 'success',
			targetType: 'body',
			targetId: bodyId,
			clientAddress,
			detail: { meetings: created.length }
		});
		return created;
	});
	return { ok: true, ids };
}

/** Edits one occurrence: title, time, place, link. */
export async function updateMeeting(
	db: Kysely<DB>,
	actor: Actor | null,
	meetingId: string,
	input: v.InferInput<typeof EditMeetingInput>,
	clientAddress: string | null
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	// Access first: an unknown meeting and a conference off its team both answer 404.
	await requireAccess(db, actor, 'meeting.edit', { kind: 'meeting', id: meetingId }, { clientAddress });
	const meeting = (await repo.get(db, meetingId))!;
	if (meeting.status === 'minutes_approved') return { ok: false, errors: { meeting: 'frozen' } };
	const { values, errors } = field.parse(EditMeetingInput, input);
	// A conference keeps the title it was called with: the case code and nothing that identifies anyone.
	if (meeting.case_id) delete errors.title;
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	await db.transaction().execute(async (tx) => {
		await repo.update(tx, meetingId, {
			title: meeting.case_id ? meeting.title : values.title,
			starts_at: bangkokInstant(values.date, values.time),
			place: values.place || null,
			online_url: values.onlineUrl
		});
		await audit(tx, { actorId: actor!.userId, action: 'meeting.update', outcome: 'success', targetType: 'meeting', targetId: meetingId, clientAddress });
	});
	return { ok: true };
}

export async function setStatus(
	db: Kysely<DB>,
	actor: Actor | null,
	meetingId: string,
	to: unknown,
	clientAddress: string | null,
	now = new Date()
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'meeting.run', { kind: 'meeting', id: meetingId }, { clientAddress });
	const meeting = (await repo.get(db, meetingId))!;
	const target = field.check(StatusTarget, to);
	if (!target.ok || !transitions[meeting.status].includes(target.value)) return { ok: false, errors: { status: 'not_allowed' } };
	await db.transaction().execute(async (tx) => {
		await repo.update(tx, meetingId, {
			status: target.value,
			...(target.value === 'in_progress' && !meeting.started_at ? { started_at: now } : {}),
			...(target.value === 'ended' ? { closed_at: now, ends_at: now } : {})
		});
		await audit(tx, {
			actorId: actor!.userId,
			action: `meeting.${target.value}`,
			outcome: 'success',
			targetType: 'meeting',
			targetId: meetingId,
			clientAddress
		});
	});
	return { ok: true };
}

/** A chair's lock makes the live document read-only for everyone until unlocked. */
export async function setLocked(db: Kysely<DB>, actor: Actor | null, meetingId: string, locked: boolean, clientAddress: string | null) {
	await requireAccess(db, actor, 'meeting.run', { kind: 'meeting', id: meetingId }, { clientAddress });
	await db.transaction().execute(async (tx) => {
		await repo.update(tx, meetingId, { locked });
		await audit(tx, {
			actorId: actor!.userId,
			action: locked ? 'meeting.lock' : 'meeting.unlock',
			outcome: 'success',
			targetType: 'meeting',
			targetId: meetingId,
			clientAddress
		});
	});
	return true;
}

/**
 * Gives a meeting's live document its first content, exactly once: the rows
 * SQL already holds for the meeting (the demo, referrals, imports,
 * corrections), mirrored with their ids so its projection changes none of
 * them, or for a new meeting the body's agenda template. Only someone who may
 * write starts a new meeting's agenda: a reader's first view changes no row.
 */
export async function ensureDocument(db: Kysely<DB>, collab: CollabServer, meetingId: string, writer = true): Promise<void> {
	const meeting = await repo.documentState(db, meetingId);
	if (!meeting || meeting.doc_initialised) return;
	const rows = await meetingRows(db, meetingId);
	const fresh = !rows.agendaItems.length && (meeting.status === 'planned' || meeting.status === 'in_progress');
	if (fresh && !writer) return;
	const claimed = await repo.claimDocument(db, meetingId);
	if (!claimed) return;
	try {
		const template = !fresh ? [] : claimed.case_id ? CASE_CONFERENCE_TEMPLATE : await getTemplate(db, claimed.body_id);
		await collab.change(documentName(meetingId), (doc) => {
			mirrorRows(doc, rows);
			if (agendaOf(doc).size) return;
			template.forEach((t, i) =>
				addAgendaItem(doc, { id: crypto.randomUUID(), title: t.title_th, minutes: t.minutes, presenterOrgId: null, standing: t.standing, order: i + 1 })
			);
		});
	} catch (err) {
		await repo.update(db, meetingId, { doc_initialised: false });
		throw err;
	}
}

/** Everything the workspace page needs besides the live document itself. */
export async function workspace(db: Kysely<DB>, actor: Actor | null, meetingId: string, clientAddress: string | null = null) {
	const meeting = await repo.get(db, meetingId);
	const access = await documentAccess(db, actor, documentName(meetingId));
	if (!meeting || !access.allowed) {
		return refuse(db, actor, 'meeting.open', { type: 'meeting', id: meetingId }, access.allowed ? 404 : access.status, clientAddress);
	}
	// A conference's page shows the case's work: every view is audited, never what it showed.
	if (meeting.case_id) {
		await audit(db, {
			actorId: actor!.userId,
			action: 'case.conference_view',
			outcome: 'success',
			targetType: 'meeting',
			targetId: meetingId,
			clientAddress,
			detail: { case: meeting.case_id, page: 'workspace' }
		});
	}
	const today = bangkokToday();
	const [body, seats, nextMeeting, canRun, canSchedule] = await Promise.all([
		repo.bodySummary(db, meeting.body_id),
		repo.seatsOn(db, meeting.body_id, today),
		repo.nextInThread(db, meeting),
		can(db, actor, 'meeting.run', { kind: 'meeting', id: meetingId }),
		can(db, actor, 'meeting.schedule', { kind: 'body', id: meeting.body_id })
	]);
	// One entry per organisation; its representative is the first non-observer seat.
	const organisations = new Map<
		string,
		{ id: string; name_th: string; name_en: string; short_name: string; representativeId: string; representative: string; voting: boolean }
	>();
	for (const s of seats) {
		const known = organisations.get(s.organisation_id);
		if (!known || (!known.voting && s.role !== 'observer')) {
			organisations.set(s.organisation_id, {
				id: s.organisation_id,
				name_th: s.name_th,
				name_en: s.name_en,
				short_name: s.short_name,
				representativeId: s.user_id,
				representative: s.display_name,
				voting: s.role !== 'observer'
			});
		}
	}
	const people = [...new Map(seats.map((s) => [s.user_id, { id: s.user_id, name: s.display_name, organisationId: s.organisation_id }])).values()];
	// Action items fall due before the next meeting by default (a month on when none is scheduled).
	const dueDefault = nextMeeting ? addDays(bangkokDate(nextMeeting.starts_at), -1) : addDays(bangkokDate(meeting.starts_at), 30);
	// What this person may change inside the document, so the workspace offers only that (the server enforces it per update).
	const authority = (await meetingAuthority(db, actor, meetingId)) ?? { mode: 'read' as const, officer: false, secretary: false, reportFor: [] };
	return { meeting, body, organisations: [...organisations.values()], people, mode: access.mode, canRun, canSchedule, dueDefault, authority };
}

/** Meetings of every body the actor may read: live, upcoming, and the last few past. */
export async function myMeetings(db: Kysely<DB>, actor: Actor, now = new Date()) {
	const ids = actor.isAdmin ? await repo.allBodyIds(db) : [...(await readableBodyIds(db, actor.userId, now))];
	if (!ids.length) return { live: [], upcoming: [], past: [] };
	const visible = await listable(db, actor.userId);
	const q = () => repo.ofBodies(db, ids, visible);
	const [live, upcoming, past] = await Promise.all([
		q().where('meeting.status', '=', 'in_progress').orderBy('meeting.starts_at').execute(),
		q().where('meeting.status', '=', 'planned').where('meeting.starts_at', '>=', now).orderBy('meeting.starts_at').limit(20).execute(),
		q().where('meeting.status', 'in', ['ended', 'minutes_approved']).orderBy('meeting.starts_at', 'desc').limit(10).execute()
	]);
	return { live, upcoming, past };
}

/** The body's agenda template, for those who schedule its meetings. */
export async function bodyTemplate(db: Kysely<DB>, actor: Actor | null, bodyId: string) {
	await requireAccess(db, actor, 'meeting.schedule', { kind: 'body', id: bodyId });
	return getTemplate(db, bodyId);
}

export async function updateTemplate(
	db: Kysely<DB>,
	actor: Actor | null,
	bodyId: string,
	rows: Parameters<typeof parseTemplate>[0],
	clientAddress: string | null
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'meeting.schedule', { kind: 'body', id: bodyId }, { clientAddress });
	const parsed = parseTemplate(rows);
	if (!parsed.ok) return parsed;
	await db.transaction().execute(async (tx) => {
		await saveTemplate(tx, bodyId, parsed.items);
		await audit(tx, {
			actorId: actor!.userId,
			action: 'meeting.template',
			outcome: 'success',
			targetType: 'body',
			targetId: bodyId,
			clientAddress,
			detail: { items: parsed.items.length }
		});
	});
	return { ok: true };
}
