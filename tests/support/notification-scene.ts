import type { Kysely } from 'kysely';
import type { ParsedMail } from 'mailparser';
import type { DB } from '../../server/db/schema';
import { startNotifier, type Notifier } from '../../server/notifications/scheduler';
import { makeBody, makeUser, seatOn } from './factories';
import type { MailCatcher } from './mail-catcher';

export const ORIGIN = 'http://concord.test';

/** A clock the tests move forward: the scheduler's "now" is real time plus `skew`. */
export function testClock() {
	const clock = {
		skew: 0,
		now: () => new Date(Date.now() + clock.skew),
		advance: (ms: number) => void (clock.skew += ms),
		/** Moves to an instant that must be later than now (what tests at a time of day use). */
		jumpTo: (at: Date) => {
			const ms = at.getTime() - clock.now().getTime();
			if (ms < 0) throw new Error(`the test clock only moves forward (${at.toISOString()} has passed)`);
			clock.advance(ms);
		}
	};
	return clock;
}

/** A scheduler the test drives with `tick`; `live` also lets it run by itself, as in a server. */
export function notifierFor(db: Kysely<DB>, catcher: MailCatcher | null, clock: { now: () => Date }, live = false, bounceAddress?: string): Notifier {
	return startNotifier(db, {
		config: {
			smtpUrl: catcher?.url,
			from: 'Concord <concord@example.org>',
			bounceAddress,
			bouncePort: undefined,
			bounceHost: '127.0.0.1',
			origin: ORIGIN,
			tickMs: 60_000,
			background: live
		},
		now: clock.now,
		loop: live
	});
}

/** A working group whose chair, secretary and member each represent their own organisation; the member reads English. */
export async function notificationBody(db: Kysely<DB>) {
	const body = await makeBody(db, { roles: ['chair', 'secretary', 'member'] });
	const english = await makeUser(db, { locale: 'en' });
	await seatOn(db, { bodyId: body.id, userId: english.id, organisationId: body.seats.member!.organisationId, role: 'member' });
	return { body, chair: body.seats.chair!, secretary: body.seats.secretary!, member: body.seats.member!, english };
}

export const addressOf = (username: string) => `${username}@example.org`;

export const mailsTo = (catcher: MailCatcher, username: string): ParsedMail[] =>
	catcher.mails.filter((m) => [m.to].flat().some((a) => a?.value.some((v) => v.address === addressOf(username))));

/** The links of a mail's plain text. */
export const linksOf = (m: ParsedMail): URL[] => [...(m.text ?? '').matchAll(/https?:\/\/\S+/g)].map((x) => new URL(x[0]));

/** The first of a list, failing the test when there is none. */
export function firstOf<T>(list: T[]): T {
	const first = list[0];
	if (first === undefined) throw new Error('expected at least one, found none');
	return first;
}
