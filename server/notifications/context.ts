import type { Kysely } from 'kysely';
import type { DB, Locale } from '../db/schema';
import type { NotificationPreference } from '../db/schema-notifications';
import type { NotifyConfig } from './config';
import { accountOf } from './repository/people';
import { getPreference } from './repository/preferences';
import { signUnsubscribe, type Scope } from './unsubscribe';

/** What every part of the notifier shares: the database, the settings and the clock. */
export interface NotifyContext {
	db: Kysely<DB>;
	config: NotifyConfig;
	/** False without SMTP_URL: notifications stay in the app. */
	mail: boolean;
	now: () => Date;
}

export interface Person {
	id: string;
	email: string | null;
	locale: Locale;
	name: string;
	pref: NotificationPreference;
}

export async function person(db: Kysely<DB>, userId: string): Promise<Person | null> {
	const u = await accountOf(db, userId);
	if (!u || !u.active) return null;
	return { id: u.id, email: u.email?.trim() || null, locale: u.locale, name: u.display_name, pref: await getPreference(db, u.id) };
}

export const unsubscribeUrl = (ctx: NotifyContext, p: Person, scope: Scope) =>
	`${ctx.config.origin}/notifications/unsubscribe?token=${encodeURIComponent(signUnsubscribe(p.pref.link_key, p.id, scope))}`;

/** The address mail may go to, if any: in-app only without SMTP, an address, or with mail of this kind switched off. */
export const mailTo = (ctx: NotifyContext, p: Person, kind: string): string | null =>
	ctx.mail && p.email && !(p.pref.no_mail as string[]).includes(kind) ? p.email : null;
