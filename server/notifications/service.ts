import type { Kysely } from 'kysely';
import { requireAccess, type Actor } from '../access';
import { audit } from '../audit';
import type { DB, Locale } from '../db/schema';
import { NOTIFICATION_KINDS, type NotificationKind } from '../db/schema-notifications';
import { log } from '../log';
import * as v from '../validate';
import { bell } from './bus';
import { lineOf } from './compose';
import * as repo from './repository';
import { describe, refKey } from './subjects';
import { parseUnsubscribe, verifyUnsubscribe } from './unsubscribe';

/** What the notification pages may do; each function checks access first. */

const self = (actor: Actor | null) => ({ kind: 'user' as const, id: actor?.userId ?? '' });

export async function listNotifications(db: Kysely<DB>, actor: Actor | null, locale: Locale) {
	await requireAccess(db, actor, 'account.manage', self(actor));
	const rows = await repo.listForUser(db, actor!.userId);
	const subjects = await describe(db, rows, locale, actor!.userId);
	return rows.flatMap((n) => {
		const s = subjects.get(refKey(n));
		return s ? [{ id: n.id, kind: n.kind, text: lineOf(locale, n.kind, s), path: s.path, createdAt: n.created_at, read: !!n.read_at }] : [];
	});
}

export async function unreadCount(db: Kysely<DB>, actor: Actor | null): Promise<number> {
	await requireAccess(db, actor, 'account.manage', self(actor));
	return repo.unreadCount(db, actor!.userId);
}

/** Marks the person's own notifications read (ids of others' are ignored, as unknown). */
export async function markRead(db: Kysely<DB>, actor: Actor | null, ids: unknown[] | 'all'): Promise<number> {
	await requireAccess(db, actor, 'account.manage', self(actor));
	const valid =
		ids === 'all'
			? 'all'
			: ids.flatMap((id) => {
					const u = v.uuid(id);
					return u.ok ? [u.value] : [];
				});
	const n = await repo.markRead(db, actor!.userId, valid);
	if (n) bell.ring(actor!.userId);
	return n;
}

export async function preferences(db: Kysely<DB>, actor: Actor | null) {
	await requireAccess(db, actor, 'account.manage', self(actor));
	const p = await repo.getPreference(db, actor!.userId);
	const u = await db.selectFrom('app_user').select('email').where('id', '=', actor!.userId).executeTakeFirstOrThrow();
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

const hour = (value: unknown, optional: boolean): v.Checked<number | null> => {
	if (optional && (value === undefined || value === '')) return { ok: true, value: null };
	const n = Number(value);
	return typeof value === 'string' && /^\d{1,2}$/.test(value) && n >= 0 && n <= 23 ? { ok: true, value: n } : { ok: false, error: 'invalid' };
};

/** Saves the form: an e-mail address (refused when invalid or someone else's), each kind, delivery and quiet hours. */
export async function savePreferences(db: Kysely<DB>, actor: Actor | null, f: Record<string, string | undefined>, clientAddress: string | null = null) {
	await requireAccess(db, actor, 'account.manage', self(actor), { clientAddress });
	const errors: Record<string, string> = {};
	const email = v.email(f.email ?? '');
	if (!email.ok) errors.email = email.error;
	const delivery = v.oneOf(f.delivery, ['immediate', 'digest'] as const);
	if (!delivery.ok) errors.delivery = delivery.error;
	const digest = hour(f.digestHour, false);
	if (!digest.ok) errors.digestHour = digest.error;
	const from = hour(f.quietFrom, true);
	const to = hour(f.quietTo, true);
	if (!from.ok || !to.ok || (from.value === null) !== (to.value === null)) errors.quiet = 'invalid';
	const days = Number(f.meetingDays);
	if (!/^\d{1,2}$/.test(f.meetingDays ?? '') || days < 1 || days > 14) errors.meetingDays = 'invalid';
	if (Object.keys(errors).length) return { ok: false as const, errors };
	const off = NOTIFICATION_KINDS.filter((k) => f[`on_${k}`] !== 'on');
	const noMail = NOTIFICATION_KINDS.filter((k) => f[`mail_${k}`] !== 'on');
	try {
		await db.transaction().execute(async (tx) => {
			await tx
				.updateTable('app_user')
				.set({ email: email.ok ? email.value : null, updated_at: new Date() })
				.where('id', '=', actor!.userId)
				.execute();
			await repo.updatePreference(tx, actor!.userId, {
				off,
				no_mail: noMail,
				delivery: delivery.ok ? delivery.value : 'immediate',
				digest_hour: digest.ok ? digest.value! : 7,
				quiet_from: from.ok ? from.value : null,
				quiet_to: to.ok ? to.value : null,
				meeting_days: days
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
	const pref = await repo.unsubscribeState(db, t.userId);
	if (!pref || !verifyUnsubscribe(pref.link_key, t)) return { ok: false };
	const noMail = t.scope === 'all' ? NOTIFICATION_KINDS : [...new Set([...(pref.no_mail as NotificationKind[]), t.scope])];
	await repo.updatePreference(db, t.userId, { no_mail: noMail });
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
	const u = await db.selectFrom('app_user').select('locale').where('id', '=', t.userId).executeTakeFirstOrThrow();
	return { ok: true, scope: t.scope, locale: u.locale };
}

/** Mail that failed five times or was refused, for administrators. */
export async function failedMail(db: Kysely<DB>, actor: Actor | null) {
	await requireAccess(db, actor, 'audit.read', { kind: 'system' });
	return { failed: await repo.failedMail(db), pending: await repo.pendingMailCount(db) };
}

export async function retryMail(db: Kysely<DB>, actor: Actor | null, id: unknown, clientAddress: string | null = null): Promise<boolean> {
	await requireAccess(db, actor, 'audit.read', { kind: 'system' }, { clientAddress });
	const u = v.uuid(id);
	if (!u.ok) return false;
	const done = await repo.retryMail(db, u.value);
	if (done)
		await audit(db, { actorId: actor!.userId, action: 'notifications.mail_retry', outcome: 'success', targetType: 'mail', targetId: u.value, clientAddress });
	return done;
}
