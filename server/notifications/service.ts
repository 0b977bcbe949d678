import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB, Locale } from '../db/schema';
import { NOTIFICATION_KINDS, type NotificationKind } from '../db/schema-notifications';
import { log } from '../log';
import * as field from '../validate';
import { bell } from './bus';
import { lineOf } from './compose';
import * as outbox from './repository/mail';
import * as inbox from './repository/notifications';
import * as people from './repository/people';
import * as prefs from './repository/preferences';
import { describe, refKey } from './subjects';
import { parseUnsubscribe, verifyUnsubscribe } from './unsubscribe';

/** What the notification pages may do; each function checks access first. */

const self = (actor: Actor | null) => ({ kind: 'user' as const, id: actor?.userId ?? '' });

export async function listNotifications(db: Kysely<DB>, actor: Actor | null, locale: Locale) {
	await requireAccess(db, actor, 'account.manage', self(actor));
	const rows = await inbox.listForUser(db, actor!.userId);
	const subjects = await describe(db, rows, locale, actor!.userId);
	return rows.flatMap((n) => {
		const s = subjects.get(refKey(n));
		return s ? [{ id: n.id, kind: n.kind, text: lineOf(locale, n.kind, s), path: s.path, createdAt: n.created_at, read: !!n.read_at }] : [];
	});
}

export async function unreadCount(db: Kysely<DB>, actor: Actor | null): Promise<number> {
	await requireAccess(db, actor, 'account.manage', self(actor));
	return inbox.unreadCount(db, actor!.userId);
}

/** Marks the person's own notifications read (ids of others' are ignored, as unknown). */
export async function markRead(db: Kysely<DB>, actor: Actor | null, ids: unknown[] | 'all'): Promise<number> {
	await requireAccess(db, actor, 'account.manage', self(actor));
	const valid =
		ids === 'all'
			? 'all'
			: ids.flatMap((id) => {
					const u = field.check(field.uuid, id);
					return u.ok ? [u.value] : [];
				});
	const n = await inbox.markRead(db, actor!.userId, valid);
	if (n) bell.ring(actor!.userId);
	return n;
}

export async function preferences(db: Kysely<DB>, actor: Actor | null) {
	await requireAccess(db, actor, 'account.manage', self(actor));
	const p = await prefs.getPreference(db, actor!.userId);
	const u = await people.emailOf(db, actor!.userId);
	return {
		email: u.email,
		kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, on: !(p.off as string[]).includes(kind), mail: !(p.no_mail as string[]).includes(kind) })),
		delivery: p.delivery,
		digestHour: p.digest_hour,
		quietFrom: p.quiet_from,
		quietTo: p.quiet_to,
		meetingDays: p.meeting_days
	};
}

/** An hour of the day as the form's choice sends it, `0` to `23`. */
const hour: field.Field<number> = v.pipe(v.string(), v.regex(/^\d{1,2}$/), v.transform(Number), v.maxValue(23));

const PreferencesInput = v.object({
	email: field.email,
	delivery: field.oneOf(['immediate', 'digest']),
	digestHour: hour,
	/** Quiet hours: both or neither. */
	quietFrom: field.optional(hour, null),
	quietTo: field.optional(hour, null),
	/** How many days ahead a meeting is announced. */
	meetingDays: v.pipe(v.string(), v.regex(/^\d{1,2}$/), v.transform(Number), v.minValue(1), v.maxValue(14))
});

/** Saves the form: an e-mail address (refused when invalid or someone else's), each kind, delivery and quiet hours. */
export async function savePreferences(db: Kysely<DB>, actor: Actor | null, f: Record<string, string | undefined>, clientAddress: string | null = null) {
	await requireAccess(db, actor, 'account.manage', self(actor), { clientAddress });
	const { values, errors: problems } = field.parse(PreferencesInput, f);
	const { quietFrom, quietTo, ...errors }: Record<string, string | undefined> = problems;
	if (quietFrom || quietTo || (values.quietFrom === null) !== (values.quietTo === null)) errors.quiet = 'invalid';
	if (Object.keys(errors).length) return { ok: false as const, errors: errors as Record<string, string> };
	const off = NOTIFICATION_KINDS.filter((k) => f[`on_${k}`] !== 'on');
	const noMail = NOTIFICATION_KINDS.filter((k) => f[`mail_${k}`] !== 'on');
	try {
		await db.transaction().execute(async (tx) => {
			await people.setEmail(tx, actor!.userId, values.email, new Date());
			await prefs.updatePreference(tx, actor!.userId, {
				off,
				no_mail: noMail,
				delivery: values.delivery,
				digest_hour: values.digestHour,
				quiet_from: values.quietFrom,
				quiet_to: values.quietTo,
				meeting_days: values.meetingDays
			});
		});
	} catch (err) {
		if ((err as { code?: string }).code === '23505') return { ok: false as const, errors: { email: 'taken' } };
		throw err;
	}
	await audit(db, {
		actorId: actor!.userId,
		action: 'notifications.preferences',
		outcome: 'success',
		targetType: 'user',
		targetId: actor!.userId,
		clientAddress
	});
	return { ok: true as const };
}

/**
 * Stops mail of one kind (or all) for the person the signed link names,
 * without a session. It changes nothing else: in-app notifications stay.
 */
export async function unsubscribe(
	db: Kysely<DB>,
	token: unknown,
	clientAddress: string | null = null
): Promise<{ ok: true; scope: NotificationKind | 'all'; locale: Locale } | { ok: false }> {
	const t = typeof token === 'string' ? parseUnsubscribe(token) : null;
	if (!t) return { ok: false };
	const pref = await prefs.unsubscribeState(db, t.userId);
	if (!pref || !verifyUnsubscribe(pref.link_key, t)) return { ok: false };
	const noMail = t.scope === 'all' ? NOTIFICATION_KINDS : [...new Set([...(pref.no_mail as NotificationKind[]), t.scope])];
	await prefs.updatePreference(db, t.userId, { no_mail: noMail });
	await audit(db, {
		actorId: t.userId,
		action: 'notifications.unsubscribe',
		outcome: 'success',
		targetType: 'user',
		targetId: t.userId,
		clientAddress,
		detail: { scope: t.scope }
	});
	log.info('notifications.unsubscribed', { scope: t.scope });
	const u = await people.knownLocaleOf(db, t.userId);
	return { ok: true, scope: t.scope, locale: u.locale };
}

/** Mail that failed five times or was refused, for administrators. */
export async function failedMail(db: Kysely<DB>, actor: Actor | null) {
	await requireAccess(db, actor, 'audit.read', { kind: 'system' });
	return { failed: await outbox.failedMail(db), pending: await outbox.pendingMailCount(db) };
}

export async function retryMail(db: Kysely<DB>, actor: Actor | null, id: unknown, clientAddress: string | null = null): Promise<boolean> {
	await requireAccess(db, actor, 'audit.read', { kind: 'system' }, { clientAddress });
	const u = field.check(field.uuid, id);
	if (!u.ok) return false;
	const done = await outbox.retryMail(db, u.value);
	if (done)
		await audit(db, { actorId: actor!.userId, action: 'notifications.mail_retry', outcome: 'success', targetType: 'mail', targetId: u.value, clientAddress });
	return done;
}
