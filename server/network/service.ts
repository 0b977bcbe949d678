import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { can, requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { Cadence, DB, QuorumRule, Role } from '../db/schema';
import { events } from '../events';
import * as field from '../validate';
import * as actionRepo from './repository/actions';
import * as bodyRepo from './repository/bodies';
import * as organisationRepo from './repository/organisations';
import * as seatRepo from './repository/seats';
import { readableBodyIds } from '../access/roles';
import { richText, richTextHtml, roleWording } from './terms';
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
	const all = await bodyRepo.listBodies(db);
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
	const body = await bodyRepo.getBody(db, bodyId);
	if (!body) return null;
	const [seats, nextMeeting, openActions, canManage, wording] = await Promise.all([
		seatRepo.seats(db, bodyId, { current: true }),
		bodyRepo.nextMeeting(db, bodyId),
		actionRepo.countOpenActions(db, { bodyId }),
		can(db, actor, 'body.manage', { kind: 'body', id: bodyId }),
		roleWording(db, [bodyId])
	]);
	const terms = { th: richTextHtml(body.terms_th_doc), en: richTextHtml(body.terms_en_doc) };
	return { body, terms, roles: wording.get(bodyId) ?? {}, seats, nextMeeting: nextMeeting ?? null, openActions, canManage };
}

export async function bodyHistory(db: Kysely<DB>, actor: Actor | null, bodyId: string) {
	await requireAccess(db, actor, 'body.read', { kind: 'body', id: bodyId });
	return seatRepo.seats(db, bodyId, { current: false });
}

export async function organisationPage(db: Kysely<DB>, actor: Actor | null, organisationId: string) {
	if (!actor) return null;
	const org = await organisationRepo.getOrganisation(db, organisationId);
	if (!org) return null;
	// Only seats and actions on bodies the actor may read are shown.
	const readable = actor.isAdmin ? null : await readableBodyIds(db, actor.userId);
	const seats = (await seatRepo.organisationSeats(db, organisationId)).filter((s) => !readable || readable.has(s.body_id));
	const actions = await actionRepo.openActionsOf(db, actor.userId, { organisationId, bodyIds: readable ? [...readable] : undefined });
	return { org, seats, actions };
}

/** The actor's seats, each with what the role means and an unread hand-over note first. */
export async function myBodies(db: Kysely<DB>, actor: Actor) {
	return seatRepo.seatsOfUser(db, actor.userId);
}

export async function acknowledgeHandover(db: Kysely<DB>, actor: Actor, membershipId: string): Promise<boolean> {
	return (await seatRepo.markHandoverSeen(db, membershipId, actor.userId, new Date())) === 1;
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
		await bodyRepo.updateBody(tx, bodyId, {
			cadence: values.cadence,
			quorum_rule: values.quorum,
			terms_th: values.termsTh.text,
			terms_en: values.termsEn.text,
			terms_th_doc: json(values.termsTh.doc),
			terms_en_doc: json(values.termsEn.doc),
			...(input.reportQuarters === undefined ? {} : { report_quarters: values.reportQuarters })
		});
		await audit(tx, { actorId: actor!.userId, action: 'body.update', outcome: 'success', targetType: 'body', targetId: bodyId, clientAddress });
	});
	return { ok: true };
}

/** Users and organisations a manager can pick from when seating someone. */
export async function seatingChoices(db: Kysely<DB>, actor: Actor | null, bodyId: string) {
	await requireAccess(db, actor, 'body.manage', { kind: 'body', id: bodyId });
	const [users, organisations] = await Promise.all([seatRepo.activeUsers(db), organisationRepo.activeOrganisations(db)]);
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
		if (!(await seatRepo.activeUserExists(tx, values.userId))) return { ok: false, errors: { userId: 'invalid' } };
		if (!(await organisationRepo.organisationExists(tx, values.organisationId))) return { ok: false, errors: { organisationId: 'invalid' } };
		if (await seatRepo.openSeatOf(tx, bodyId, values.userId)) return { ok: false, errors: { userId: 'already_seated' } };
		const row = await seatRepo.insertMembership(tx, {
			body_id: bodyId,
			user_id: values.userId,
			organisation_id: values.organisationId,
			role: values.role,
			alternate_user_id: values.alternateId,
			starts_on: values.startsOn
		});
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
	const m = await seatRepo.getMembership(db, membershipId);
	if (!m) return { ok: false, errors: { membership: 'not_found' } };
	await requireAccess(db, actor, 'body.manage', { kind: 'body', id: m.body_id }, { clientAddress });
	const { values, errors } = field.parse(EndMembershipInput, input);
	if (errors.endsOn) return { ok: false, errors: { endsOn: errors.endsOn } };
	if (m.ends_on) return { ok: false, errors: { membership: 'already_ended' } };
	if (values.endsOn < m.starts_on) return { ok: false, errors: { endsOn: 'before_start' } };
	await db.transaction().execute(async (tx) => {
		await seatRepo.setMembershipEnd(tx, membershipId, values.endsOn);
		await audit(tx, { actorId: actor!.userId, action: 'membership.end', outcome: 'success', targetType: 'membership', targetId: membershipId, clientAddress });
	});
	events.emit('access.changed', { userId: m.user_id, reason: 'membership_ended' });
	return { ok: true };
}

/** The public directory: bodies and member organisations with their contact points, no people unless they opted in. */
export async function publicDirectory(db: Kysely<DB>) {
	const bodies = await bodyRepo.directoryBodies(db);
	const members = await seatRepo.directorySeats(db);
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
