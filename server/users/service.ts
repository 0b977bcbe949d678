import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import { createLink, consumeLink, inspectLink } from '../auth/links';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../auth/password';
import { deleteUserSessions, listUserSessions } from '../auth/session';
import type { DB, LinkPurpose } from '../db/schema';
import { events } from '../events';
import * as users from './repository';
import * as field from '../validate';

type Errors = Record<string, string>;
export type Outcome<T> = ({ ok: true } & T) | { ok: false; errors: Errors };

const LOCALES = ['th', 'en'] as const;

/** The title (นาย, นาง, นางสาว or a rank) and official position that official minutes print with a name; both optional. */
export const PERSON_FIELDS = { nameTitle: field.line({ max: 40 }), position: field.line({ max: 160 }) };
const displayName = field.text({ required: true, max: 120 });

const InviteInput = v.object({
	username: field.username,
	displayName,
	...PERSON_FIELDS,
	email: field.email,
	phone: field.phone,
	locale: v.nullish(field.oneOf(LOCALES), 'th'),
	/** A checkbox: ticked, a form sends `on`. */
	isAdmin: v.pipe(
		v.unknown(),
		v.transform((x) => x === true || x === 'on')
	)
});
export type InviteInput = v.InferInput<typeof InviteInput>;

const PersonInput = v.object({ displayName, ...PERSON_FIELDS });

const ProfileInput = v.object({ displayName, ...PERSON_FIELDS, phone: field.phone, locale: field.oneOf(LOCALES) });

export async function listUsers(db: Kysely<DB>, actor: Actor | null, search?: string) {
	await requireAccess(db, actor, 'user.list', { kind: 'system' });
	return users.list(db, search?.trim().slice(0, 100) || undefined);
}

/** Creates an account without a password and returns the one-time link that sets it. */
export async function inviteUser(
	db: Kysely<DB>,
	actor: Actor | null,
	input: InviteInput,
	clientAddress: string | null
): Promise<Outcome<{ userId: string; token: string; expiresAt: Date }>> {
	await requireAccess(db, actor, 'user.invite', { kind: 'system' }, { clientAddress });
	const { values, errors } = field.parse(InviteInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	return db.transaction().execute(async (tx) => {
		if (await users.findByLogin(tx, values.username, values.email)) return { ok: false, errors: { username: 'taken' } };
		const { id } = await users.create(tx, {
			username: values.username,
			display_name: values.displayName,
			name_title: values.nameTitle,
			position: values.position,
			email: values.email,
			phone: values.phone,
			locale: values.locale,
			is_admin: values.isAdmin,
			password_hash: null
		});
		const link = await createLink(tx, id, 'invitation', actor!.userId);
		await audit(tx, { actorId: actor!.userId, action: 'user.invite', outcome: 'success', targetType: 'user', targetId: id, clientAddress });
		return { ok: true, userId: id, ...link };
	});
}

export async function createResetLink(db: Kysely<DB>, actor: Actor | null, userId: string, clientAddress: string | null) {
	await requireAccess(db, actor, 'user.manage', { kind: 'user', id: userId }, { clientAddress });
	return db.transaction().execute(async (tx) => {
		const user = await users.get(tx, userId);
		if (!user) return null;
		const purpose: LinkPurpose = user.password_hash ? 'reset' : 'invitation';
		const link = await createLink(tx, userId, purpose, actor!.userId);
		await audit(tx, { actorId: actor!.userId, action: `user.${purpose}_link`, outcome: 'success', targetType: 'user', targetId: userId, clientAddress });
		return { ...link, purpose };
	});
}

/** An administrator corrects how a person is named: display name, title and official position, as minutes print them. */
export async function updatePerson(
	db: Kysely<DB>,
	actor: Actor | null,
	userId: string,
	input: v.InferInput<typeof PersonInput>,
	clientAddress: string | null
): Promise<Outcome<object>> {
	await requireAccess(db, actor, 'user.manage', { kind: 'user', id: userId }, { clientAddress });
	const { values, errors } = field.parse(PersonInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	const done = await db.transaction().execute(async (tx) => {
		const r = await users.update(tx, userId, { display_name: values.displayName, name_title: values.nameTitle, position: values.position });
		if (Number(r.numUpdatedRows) !== 1) return false;
		await audit(tx, { actorId: actor!.userId, action: 'user.update', outcome: 'success', targetType: 'user', targetId: userId, clientAddress });
		return true;
	});
	return done ? { ok: true } : { ok: false, errors: { user: 'not_found' } };
}

/** Disabling ends every session of the user at once and closes their sockets. */
export async function setUserActive(
	db: Kysely<DB>,
	actor: Actor | null,
	userId: string,
	active: boolean,
	clientAddress: string | null
): Promise<Outcome<object>> {
	await requireAccess(db, actor, 'user.manage', { kind: 'user', id: userId }, { clientAddress });
	if (!active && actor!.userId === userId) return { ok: false, errors: { user: 'cannot_disable_self' } };
	const done = await db.transaction().execute(async (tx) => {
		const r = await users.update(tx, userId, { active });
		if (Number(r.numUpdatedRows) !== 1) return false;
		const ended = active ? 0 : await deleteUserSessions(tx, userId);
		await audit(tx, {
			actorId: actor!.userId,
			action: active ? 'user.enable' : 'user.disable',
			outcome: 'success',
			targetType: 'user',
			targetId: userId,
			clientAddress,
			detail: active ? undefined : { sessionsEnded: ended }
		});
		return true;
	});
	if (!done) return { ok: false, errors: { user: 'not_found' } };
	if (!active) {
		events.emit('sessions.ended', { userId, reason: 'disabled' });
		events.emit('access.changed', { userId, reason: 'disabled' });
	}
	return { ok: true };
}

/** Sets the password through a one-time link; a reset also ends every existing session. */
export async function completeLink(
	db: Kysely<DB>,
	token: string,
	input: { password: unknown; confirm: unknown },
	clientAddress: string | null,
	now = new Date()
): Promise<Outcome<{ userId: string }>> {
	const link = await inspectLink(db, token, now);
	if (link.status !== 'valid') return { ok: false, errors: { link: link.status } };
	if (typeof input.password !== 'string') return { ok: false, errors: { password: 'required' } };
	const problem = checkPasswordStrength(input.password);
	if (problem) return { ok: false, errors: { password: problem } };
	if (input.password !== input.confirm) return { ok: false, errors: { confirm: 'mismatch' } };
	const hash = await hashPassword(input.password);
	const result = await db.transaction().execute(async (tx) => {
		if (!(await consumeLink(tx, link.linkId, now))) return false;
		await users.update(tx, link.userId, { password_hash: hash });
		await deleteUserSessions(tx, link.userId);
		await audit(tx, {
			actorId: link.userId,
			action: link.purpose === 'invitation' ? 'user.accept_invitation' : 'user.reset_password',
			outcome: 'success',
			targetType: 'user',
			targetId: link.userId,
			clientAddress,
			at: now
		});
		return true;
	});
	if (!result) return { ok: false, errors: { link: 'used' } };
	events.emit('sessions.ended', { userId: link.userId, reason: 'password_set' });
	return { ok: true, userId: link.userId };
}

export async function getAccount(db: Kysely<DB>, actor: Actor | null) {
	await requireAccess(db, actor, 'account.manage', { kind: 'user', id: actor?.userId ?? '' });
	const user = await users.get(db, actor!.userId);
	if (!user) throw new Error('account vanished');
	const { password_hash: _, ...rest } = user;
	return { ...rest, sessions: await listUserSessions(db, actor!.userId) };
}

export async function updateProfile(
	db: Kysely<DB>,
	actor: Actor | null,
	input: v.InferInput<typeof ProfileInput>,
	clientAddress: string | null
): Promise<Outcome<{ locale: 'th' | 'en' }>> {
	await requireAccess(db, actor, 'account.manage', { kind: 'user', id: actor?.userId ?? '' }, { clientAddress });
	const { values, errors } = field.parse(ProfileInput, input);
	if (Object.keys(errors).length) return { ok: false, errors: errors as Errors };
	await db.transaction().execute(async (tx) => {
		await users.update(tx, actor!.userId, {
			display_name: values.displayName,
			name_title: values.nameTitle,
			position: values.position,
			phone: values.phone,
			locale: values.locale
		});
		await audit(tx, { actorId: actor!.userId, action: 'account.update', outcome: 'success', targetType: 'user', targetId: actor!.userId, clientAddress });
	});
	return { ok: true, locale: values.locale };
}

export async function setLocale(db: Kysely<DB>, actor: Actor, locale: 'th' | 'en'): Promise<void> {
	await users.update(db, actor.userId, { locale });
}

/** Needs the current password; other sessions end, the current one stays. */
export async function changePassword(
	db: Kysely<DB>,
	actor: Actor | null,
	input: { current: unknown; password: unknown; confirm: unknown },
	currentSessionId: string,
	clientAddress: string | null
): Promise<Outcome<object>> {
	await requireAccess(db, actor, 'account.manage', { kind: 'user', id: actor?.userId ?? '' }, { clientAddress });
	const user = await users.get(db, actor!.userId);
	if (typeof input.current !== 'string' || !user?.password_hash || !(await verifyPassword(user.password_hash, input.current))) {
		await audit(db, { actorId: actor!.userId, action: 'account.change_password', outcome: 'failure', clientAddress });
		return { ok: false, errors: { current: 'wrong' } };
	}
	if (typeof input.password !== 'string') return { ok: false, errors: { password: 'required' } };
	const problem = checkPasswordStrength(input.password);
	if (problem) return { ok: false, errors: { password: problem } };
	if (input.password !== input.confirm) return { ok: false, errors: { confirm: 'mismatch' } };
	const hash = await hashPassword(input.password);
	await db.transaction().execute(async (tx) => {
		await users.update(tx, actor!.userId, { password_hash: hash });
		await deleteUserSessions(tx, actor!.userId, currentSessionId);
		await audit(tx, { actorId: actor!.userId, action: 'account.change_password', outcome: 'success', clientAddress });
	});
	return { ok: true };
}

/** Ends one of the user's own sessions (shown as "end" on the account page). */
export async function endOwnSession(db: Kysely<DB>, actor: Actor | null, sessionId: string, clientAddress: string | null) {
	await requireAccess(db, actor, 'account.manage', { kind: 'user', id: actor?.userId ?? '' }, { clientAddress });
	const ended = await db.transaction().execute(async (tx) => {
		const n = await users.deleteSession(tx, actor!.userId, sessionId);
		if (n) await audit(tx, { actorId: actor!.userId, action: 'auth.session_end', outcome: 'success', clientAddress });
		return n === 1;
	});
	if (ended) events.emit('sessions.ended', { userId: actor!.userId, sessionIds: [sessionId], reason: 'ended_by_user' });
	return ended;
}
