import type { Kysely } from 'kysely';
import { hashPassword } from '../../server/auth/password';
import type { DB, Role } from '../../server/db/schema';

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

let cachedHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'correct horse battery';

/** A user with the test password; pass `password: null` for an invited user. */
export async function makeUser(db: Kysely<DB>, o: { username?: string; admin?: boolean; active?: boolean; password?: null; locale?: 'th' | 'en' } = {}) {
	const username = o.username ?? `user_${unique()}`;
	const hash = o.password === null ? null : await (cachedHash ??= hashPassword(TEST_PASSWORD));
	const row = await db
		.insertInto('app_user')
		.values({
			username,
			display_name: `ผู้ใช้ ${username}`,
			email: `${username}@example.org`,
			phone: null,
			locale: o.locale ?? 'th',
			is_admin: o.admin ?? false,
			active: o.active ?? true,
			password_hash: hash
		})
		.returning(['id', 'username'])
		.executeTakeFirstOrThrow();
	return { ...row, actor: { userId: row.id, isAdmin: o.admin ?? false } };
}

export async function makeArea(db: Kysely<DB>) {
	return db
		.insertInto('area')
		.values({ level: 'district', code: `T-${unique()}`, name_th: 'อำเภอทดสอบ', name_en: 'Test District' })
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function makeOrganisation(db: Kysely<DB>, name = `Org ${unique()}`) {
	return db
		.insertInto('organisation')
		.values({
			name_th: name,
			name_en: name,
			short_name: name,
			sector: 'ngo',
			level: 'district',
			area_id: null,
			contact_phone: null,
			contact_email: null,
			contact_address: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** A body with its parent (optional) and one seat per listed role, each with a fresh user and organisation. */
export async function makeBody(db: Kysely<DB>, o: { parentId?: string; roles?: Role[] } = {}) {
	const area = await makeArea(db);
	const body = await db
		.insertInto('body')
		.values({
			name_th: `คณะ ${unique()}`,
			name_en: `Body ${unique()}`,
			kind: 'working_group',
			level: 'district',
			area_id: area.id,
			parent_id: o.parentId ?? null,
			secretariat_organisation_id: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const seats: Partial<Record<Role, Awaited<ReturnType<typeof makeUser>> & { organisationId: string; membershipId: string }>> = {};
	for (const role of o.roles ?? []) {
		const user = await makeUser(db);
		const org = await makeOrganisation(db);
		const m = await db
			.insertInto('membership')
			.values({ body_id: body.id, user_id: user.id, organisation_id: org.id, role, alternate_user_id: null, starts_on: '2020-01-01' })
			.returning('id')
			.executeTakeFirstOrThrow();
		seats[role] = { ...user, organisationId: org.id, membershipId: m.id };
	}
	return { id: body.id, areaId: area.id, seats };
}

/** An action item on a body, led by an organisation and assigned to a user. */
export async function makeAction(
	db: Kysely<DB>,
	o: {
		bodyId: string;
		organisationId: string;
		assigneeId: string | null;
		status?: 'open' | 'in_progress' | 'awaiting_report' | 'closed' | 'dropped';
		title?: string;
	}
) {
	const id = crypto.randomUUID();
	await db
		.insertInto('action_item')
		.values({
			id,
			body_id: o.bodyId,
			meeting_id: null,
			decision_id: null,
			title: o.title ?? `งาน ${unique()}`,
			lead_organisation_id: o.organisationId,
			assignee_id: o.assigneeId,
			due_on: '2026-12-31',
			status: o.status ?? 'open',
			closed_meeting_id: null,
			created_at: new Date(),
			updated_at: new Date()
		})
		.execute();
	return id;
}

// Follow-up: meetings held, decisions and their actions, extra seats.

/** A meeting of a body; `status` defaults to ended (held). */
export async function followupMeeting(
	db: Kysely<DB>,
	o: { bodyId: string; startsAt: Date; status?: 'planned' | 'in_progress' | 'ended' | 'minutes_approved' | 'cancelled'; title?: string }
) {
	return (
		await db
			.insertInto('meeting')
			.values({ body_id: o.bodyId, title: o.title ?? `ประชุม ${unique()}`, starts_at: o.startsAt, status: o.status ?? 'ended', place: 'ห้องประชุมอำเภอ' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
}

/** A decision of a meeting with its lead and supporting organisations. */
export async function followupDecision(db: Kysely<DB>, o: { meetingId: string; text: string; lead: string; supporting?: string[]; at?: Date }) {
	const id = crypto.randomUUID();
	const at = o.at ?? new Date();
	await db.insertInto('decision').values({ id, meeting_id: o.meetingId, agenda_item_id: null, text: o.text, created_at: at, updated_at: at }).execute();
	await db
		.insertInto('decision_organisation')
		.values([
			{ decision_id: id, organisation_id: o.lead, responsibility: 'lead' as const },
			...(o.supporting ?? []).map((org) => ({ decision_id: id, organisation_id: org, responsibility: 'supporting' as const }))
		])
		.execute();
	return id;
}

/** An action item with the history entry of its creation, optionally from a meeting and decision, with supporting organisations. */
export async function followupAction(
	db: Kysely<DB>,
	o: {
		bodyId: string;
		organisationId: string;
		assigneeId?: string | null;
		meetingId?: string | null;
		decisionId?: string | null;
		createdAt?: Date;
		dueOn?: string | null;
		status?: 'open' | 'in_progress' | 'awaiting_report' | 'closed' | 'dropped';
		supporting?: string[];
		title?: string;
		updatedAt?: Date;
	}
) {
	const id = crypto.randomUUID();
	const at = o.createdAt ?? new Date();
	await db
		.insertInto('action_item')
		.values({
			id,
			body_id: o.bodyId,
			meeting_id: o.meetingId ?? null,
			decision_id: o.decisionId ?? null,
			title: o.title ?? `งาน ${unique()}`,
			lead_organisation_id: o.organisationId,
			assignee_id: o.assigneeId ?? null,
			due_on: o.dueOn === undefined ? '2099-12-31' : o.dueOn,
			status: o.status ?? 'open',
			closed_meeting_id: null,
			created_at: at,
			updated_at: o.updatedAt ?? at
		})
		.execute();
	if (o.supporting?.length)
		await db
			.insertInto('action_item_organisation')
			.values(o.supporting.map((org) => ({ action_item_id: id, organisation_id: org })))
			.execute();
	await db
		.insertInto('action_update')
		.values({ action_item_id: id, author_id: null, at, kind: 'created', text: '', meeting_id: o.meetingId ?? null, detail: null })
		.execute();
	return id;
}

/** One more seat on a body, for an existing user and organisation. */
export async function seatOn(
	db: Kysely<DB>,
	o: { bodyId: string; userId: string; organisationId: string; role: Role; alternateUserId?: string | null; startsOn?: string; endsOn?: string | null }
) {
	return (
		await db
			.insertInto('membership')
			.values({
				body_id: o.bodyId,
				user_id: o.userId,
				organisation_id: o.organisationId,
				role: o.role,
				alternate_user_id: o.alternateUserId ?? null,
				starts_on: o.startsOn ?? '2020-01-01',
				ends_on: o.endsOn ?? null
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
}
