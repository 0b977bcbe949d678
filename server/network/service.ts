import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { can, requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { Cadence, DB, QuorumRule, Role } from '../db/schema';
import { events } from '../events';
import * as field from '../validate';
import * as repo from './repository';
import { readableBodyIds } from '../access/roles';
import { richText, richTextHtml, roleWording } from './terms';
import { seatHeldOn, seatOf } from '../membership/seats';
import { QUARTER_SCHEMES } from '../outcomes/period';
import { bangkokToday } from '../../src/lib/calendar';

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

export const ROLES: Role[] = ['chair', 'vice_chair', 'secretary', 'member', 'observer', 'volunteer'];
export const CADENCES: Cadence[] = ['monthly', 'bimonthly', 'quarterly', 'as_needed'];
export const QUORUM_RULES: QuorumRule[] = ['half', 'two_thirds', 'one_third', 'none'];

type Errors = Record<string, string>;

const BodySettingsInput = v.object({
	cadence: field.oneOf(CADENCES),
	quorum: field.oneOf(QUORUM_RULES),
	/** A form without the choice leaves the body's quarters as they are. */
	reportQuarters: v.nullish(field.oneOf(QUARTER_SCHEMES), 'fiscal'),
	termsTh: field.checkedBy(richText),
	termsEn: field.checkedBy(richText)
});

const MembershipInput = v.object({
	userId: field.uuid,
	organisationId: field.uuid,
	role: field.oneOf(ROLES),
	alternateId: field.optional(field.uuid, null),
	startsOn: field.optional(field.date, () => bangkokToday())
});

const EndMembershipInput = v.object({ endsOn: field.optional(field.date, () => bangkokToday()) });

/** The network as a tree of the bodies this actor may read, with their ancestors for context. */
export async function networkTree(db: Kysely<DB>, actor: Actor | null) {
	if (!actor) return [];
	const all = await repo.listBodies(db);
	const readable = actor.isAdmin ? new Set(all.map((b) => b.id)) : await readableBodyIds(db, actor.userId);
	const byId = new Map(all.map((b) => [b.id, b]));
	const shown = new Set<string>();
	for (const id of readable) {
		for (let b = byId.get(id); b && !shown.has(b.id); b = b.parent_id ? byId.get(b.parent_id) : undefined) shown.add(b.id);
	}
	return all
		.filter((b) => shown.has(b.id))
		.map((b) => ({
			...b,
			organisations: Number(b.organisations),
			open_actions: readable.has(b.id) ? Number(b.open_actions) : null,
			readable: readable.has(b.id)
		}));
}

export async function bodyPage(db: Kysely<DB>, actor: Actor | null, bodyId: string) {
	await requireAccess(db, actor, 'body.read', { kind: 'body', id: bodyId });
	const body = await repo.getBody(db, bodyId);
	if (!body) return null;
	const [seats, nextMeeting, openActions, canManage, wording] = await Promise.all([
		repo.seats(db, bodyId, { current: true }),
		repo.nextMeeting(db, bodyId),
		repo.countOpenActions(db, { bodyId }),
		can(db, actor, 'body.manage', { kind: 'body', id: bodyId }),
		roleWording(db, [bodyId])
	]);
	const terms = { th: richTextHtml(body.terms_th_doc), en: richTextHtml(body.terms_en_doc) };
	return { body, terms, roles: wording.get(bodyId) ?? {}, seats, nextMeeting: nextMeeting ?? null, openActions, canManage };
}

export async function bodyHistory(db: Kysely<DB>, actor: Actor | null, bodyId: string) {
	await requireAccess(db, actor, 'body.read', { kind: 'body', id: bodyId });
	return repo.seats(db, bodyId, { current: false });
}

export async function organisationPage(db: Kysely<DB>, actor: Actor | null, organisationId: string) {
	if (!actor) return null;
	const org = await repo.getOrganisation(db, organisationId);
	if (!org) return null;
	// Only seats and actions on bodies the actor may read are shown.
	const readable = actor.isAdmin ? null : await readableBodyIds(db, actor.userId);
	const seats = (await repo.organisationSeats(db, organisationId)).filter((s) => !readable || readable.has(s.body_id));
	const actions = await repo.openActionsOf(db, actor.userId, { organisationId, bodyIds: readable ? [...readable] : undefined });
	return { org, seats, actions };
}

/** The actor's seats, each with what the role means and an unread hand-over note first. */
export async function myBodies(db: Kysely<DB>, actor: Actor) {
	const d = bangkokToday();
	return db
		.selectFrom('membership as m')
		.innerJoin('body as b', 'b.id', 'm.body_id')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.leftJoin('membership as prev', 'prev.id', 'm.predecessor_id')
		.leftJoin('app_user as pu', 'pu.id', 'prev.user_id')
		.select([
			'm.id',
			'm.role',
			'm.starts_on',
			'm.ends_on',
			'm.handover_note',
			'm.handover_seen_at',
			'm.user_id',
			'm.alternate_user_id',
			'b.id as body_id',
			'b.name_th as body_th',
			'b.name_en as body_en',
			'o.name_th as org_th',
			'o.name_en as org_en',
			'pu.display_name as predecessor_name'
		])
		.where(seatOf(actor.userId, 'm'))
		.where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>=', d)]))
		.orderBy('b.level')
		.orderBy('b.name_th')
		.execute();
}

export async function acknowledgeHandover(db: Kysely<DB>, actor: Actor, membershipId: string): Promise<boolean> {
	const r = await db
		.updateTable('membership')
		.set({ handover_seen_at: new Date() })
		.where('id', '=', membershipId)
		.where('user_id', '=', actor.userId)
		.where('handover_seen_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function updateBodySettings(
	db: Kysely<DB>,
	actor: Actor | null,
	bodyId: string,
	input: v.InferInput<typeof BodySettingsInput>,
	clientAddress: string | null
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'body.manage', { kind: 'body', id: bodyId }, { clientAddress });
	const { values, errors } = field.parse(BodySettingsInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	await db.transaction().execute(async (tx) => {
		await tx
			.updateTable('body')
			.set({
				cadence: values.cadence,
				quorum_rule: values.quorum,
				terms_th: values.termsTh.text,
				terms_en: values.termsEn.text,
				terms_th_doc: json(values.termsTh.doc),
				terms_en_doc: json(values.termsEn.doc),
				...(input.reportQuarters === undefined ? {} : { report_quarters: values.reportQuarters })
			})
			.where('id', '=', bodyId)
			.execute();
		await audit(tx, { actorId: actor!.userId, action: 'body.update', outcome: 'success', targetType: 'body', targetId: bodyId, clientAddress });
	});
	return { ok: true };
}

/** Users and organisations a manager can pick from when seating someone. */
export async function seatingChoices(db: Kysely<DB>, actor: Actor | null, bodyId: string) {
	await requireAccess(db, actor, 'body.manage', { kind: 'body', id: bodyId });
	const [users, organisations] = await Promise.all([
		db.selectFrom('app_user').select(['id', 'display_name', 'username']).where('active', '=', true).orderBy('display_name').execute(),
		db.selectFrom('organisation').select(['id', 'name_th', 'name_en', 'short_name']).where('active', '=', true).orderBy('name_th').execute()
	]);
	return { users, organisations };
}

export async function addMembership(
	db: Kysely<DB>,
	actor: Actor | null,
	bodyId: string,
	input: v.InferInput<typeof MembershipInput>,
	clientAddress: string | null
): Promise<{ ok: true; id: string } | { ok: false; errors: Errors }> {
	await requireAccess(db, actor, 'body.manage', { kind: 'body', id: bodyId }, { clientAddress });
	const { values, errors } = field.parse(MembershipInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	if (values.alternateId === values.userId) return { ok: false, errors: { alternateId: 'same_person' } };
	return db.transaction().execute(async (tx): Promise<{ ok: true; id: string } | { ok: false; errors: Errors }> => {
		const user = await tx.selectFrom('app_user').select(['id']).where('id', '=', values.userId).where('active', '=', true).executeTakeFirst();
		if (!user) return { ok: false, errors: { userId: 'invalid' } };
		const org = await tx.selectFrom('organisation').select(['id']).where('id', '=', values.organisationId).executeTakeFirst();
		if (!org) return { ok: false, errors: { organisationId: 'invalid' } };
		const seated = await tx
			.selectFrom('membership')
			.select('id')
			.where('body_id', '=', bodyId)
			.where('user_id', '=', values.userId)
			.where('ends_on', 'is', null)
			.executeTakeFirst();
		if (seated) return { ok: false, errors: { userId: 'already_seated' } };
		const row = await tx
			.insertInto('membership')
			.values({
				body_id: bodyId,
				user_id: values.userId,
				organisation_id: values.organisationId,
				role: values.role,
				alternate_user_id: values.alternateId,
				starts_on: values.startsOn
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(tx, {
			actorId: actor!.userId,
			action: 'membership.add',
			outcome: 'success',
			targetType: 'membership',
			targetId: row.id,
			clientAddress,
			detail: { body: bodyId, role: values.role }
		});
		events.emit('access.changed', { userId: values.userId, reason: 'membership_added' });
		return { ok: true, id: row.id };
	});
}

/** Ends a seat; history stays. */
export async function endMembership(
	db: Kysely<DB>,
	actor: Actor | null,
	membershipId: string,
	input: v.InferInput<typeof EndMembershipInput>,
	clientAddress: string | null
): Promise<{ ok: true } | { ok: false; errors: Errors }> {
	const m = await db.selectFrom('membership').select(['id', 'body_id', 'user_id', 'starts_on', 'ends_on']).where('id', '=', membershipId).executeTakeFirst();
	if (!m) return { ok: false, errors: { membership: 'not_found' } };
	await requireAccess(db, actor, 'body.manage', { kind: 'body', id: m.body_id }, { clientAddress });
	const { values, errors } = field.parse(EndMembershipInput, input);
	if (errors.endsOn) return { ok: false, errors: { endsOn: errors.endsOn } };
	if (m.ends_on) return { ok: false, errors: { membership: 'already_ended' } };
	if (values.endsOn < m.starts_on) return { ok: false, errors: { endsOn: 'before_start' } };
	await db.transaction().execute(async (tx) => {
		await tx.updateTable('membership').set({ ends_on: values.endsOn }).where('id', '=', membershipId).execute();
		await audit(tx, { actorId: actor!.userId, action: 'membership.end', outcome: 'success', targetType: 'membership', targetId: membershipId, clientAddress });
	});
	events.emit('access.changed', { userId: m.user_id, reason: 'membership_ended' });
	return { ok: true };
}

/** The public directory: bodies and member organisations with their contact points, no people unless they opted in. */
export async function publicDirectory(db: Kysely<DB>) {
	const bodies = await db
		.selectFrom('body')
		.leftJoin('area', 'area.id', 'body.area_id')
		.leftJoin('organisation as sec', 'sec.id', 'body.secretariat_organisation_id')
		.select([
			'body.id',
			'body.name_th',
			'body.name_en',
			'body.kind',
			'body.level',
			'body.parent_id',
			'area.name_th as area_th',
			'area.name_en as area_en',
			'sec.name_th as secretariat_th',
			'sec.name_en as secretariat_en',
			'sec.contact_phone as secretariat_phone',
			'sec.contact_email as secretariat_email'
		])
		.where('body.kind', '!=', 'case_team')
		.orderBy('body.level')
		.orderBy('body.name_th')
		.execute();
	const d = bangkokToday();
	const members = await db
		.selectFrom('membership as m')
		.innerJoin('organisation as o', 'o.id', 'm.organisation_id')
		.innerJoin('app_user as u', 'u.id', 'm.user_id')
		.innerJoin('body as b', 'b.id', 'm.body_id')
		.select([
			'm.body_id',
			'm.role',
			'o.id as organisation_id',
			'o.name_th',
			'o.name_en',
			'o.contact_phone',
			'o.contact_email',
			'u.directory_opt_in',
			'u.display_name',
			'u.phone',
			'u.email'
		])
		.where('b.kind', '!=', 'case_team')
		.where('o.active', '=', true)
		.where(seatHeldOn(d, 'm'))
		.orderBy('o.name_th')
		.execute();
	return bodies.map((b) => {
		const seen = new Map<
			string,
			{
				id: string;
				name_th: string;
				name_en: string;
				phone: string | null;
				email: string | null;
				people: { name: string; role: Role; phone: string | null; email: string | null }[];
			}
		>();
		for (const m of members.filter((x) => x.body_id === b.id)) {
			const org = seen.get(m.organisation_id) ?? {
				id: m.organisation_id,
				name_th: m.name_th,
				name_en: m.name_en,
				phone: m.contact_phone,
				email: m.contact_email,
				people: []
			};
			if (m.directory_opt_in) org.people.push({ name: m.display_name, role: m.role, phone: m.phone, email: m.email });
			seen.set(m.organisation_id, org);
		}
		return { ...b, organisations: [...seen.values()] };
	});
}
