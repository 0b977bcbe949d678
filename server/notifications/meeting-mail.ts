import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { log } from '../log';
import { singleMail, type Frame, type Section } from './compose';
import { mailTo, person, unsubscribeUrl, type NotifyContext, type Person } from './context';
import { invitationIcs } from './invitation';
import { enqueueMail, invitationSequence, moveInvitation, recordInvitation, standingInvitations, type NewMail } from './repository/mail';
import { agendaTitles, invitationFacts, openActionsLedBy, organisationsSeatedOn, previousMinutesAwaitingApproval } from './repository/meeting-mail';
import { describe, refKey, type Subject } from './subjects';
import { fill, WORDS } from './templates';
import { afterQuiet } from './time';
import { bangkokDate } from '../../src/lib/calendar';

/**
 * A meeting's reminder: its agenda, the reader's organisation's open items to
 * report on, the previous minutes awaiting approval, and an invitation. A case
 * conference's mail says only its code: no agenda, no place.
 */

type MeetingFacts = NonNullable<Subject['meeting']>;

const address = (from: string) => from.match(/<([^>]+)>/)?.[1] ?? from.trim();
export const meetingUid = (origin: string, meetingId: string) => `meeting-${meetingId}@${new URL(origin).host}`;

/** What, if it changes, makes calendars need a new version of the invitation. */
export const fingerprint = (m: { starts_at: Date; ends_at: Date | null; place: string | null; title: string }) =>
	JSON.stringify([new Date(m.starts_at).toISOString(), m.ends_at ? new Date(m.ends_at).toISOString() : null, m.place, m.title]);

async function sections(db: Kysely<DB>, p: Person, m: MeetingFacts): Promise<Section[]> {
	if (m.caseHidden) return [];
	const w = WORDS[p.locale];
	const agenda = await agendaTitles(db, m.id);
	const d = bangkokDate(new Date());
	const orgs = await organisationsSeatedOn(db, m.bodyId, p.id, d);
	const open = orgs.length
		? await openActionsLedBy(
				db,
				m.bodyId,
				orgs.map((o) => o.organisation_id),
				50
			)
		: [];
	const described = await describe(
		db,
		open.map((a) => ({ subject_type: 'action' as const, subject_id: a.id })),
		p.locale,
		null
	);
	const previous = await previousMinutesAwaitingApproval(db, m.bodyId, m.startsAt);
	return [
		{ heading: w.agenda, items: agenda.map((a) => ({ text: a.title })) },
		{
			heading: w.toReport,
			items: open.flatMap((a) => {
				const s = described.get(refKey({ subject_type: 'action', subject_id: a.id }));
				return s ? [{ text: s.date ? `${s.title} (${fill(w.due, { d: s.date })})` : s.title, url: s.path }] : [];
			})
		},
		{ heading: w.previousMinutes, items: previous.map((x) => ({ text: x.title, url: `/meetings/${x.id}/minutes` })) }
	];
}

function ics(ctx: NotifyContext, p: Person, to: string, s: Subject, method: 'REQUEST' | 'CANCEL', sequence: number) {
	const m = s.meeting!;
	return invitationIcs({
		method,
		uid: meetingUid(ctx.config.origin, m.id),
		sequence,
		summary: s.title,
		description: `${ctx.config.origin}${s.path}`,
		start: m.startsAt,
		end: m.endsAt,
		location: m.place,
		url: `${ctx.config.origin}${s.path}`,
		organizer: address(ctx.config.from),
		attendee: { email: to, name: p.name },
		now: ctx.now()
	});
}

/** The first reminder of a meeting, recording the invitation's version for later changes. */
export async function meetingMail(ctx: NotifyContext, p: Person, to: string, frame: Frame, s: Subject): Promise<Omit<NewMail, 'dedupeKey' | 'notBefore'>> {
	const m = s.meeting!;
	const row = await invitationFacts(ctx.db, m.id);
	const prior = await invitationSequence(ctx.db, m.id, p.id);
	const sequence = prior === null ? 0 : prior + 1;
	await recordInvitation(ctx.db, { meetingId: m.id, userId: p.id, sequence, fingerprint: fingerprint(row) }, ctx.now());
	const parts = singleMail(frame, { kind: 'meeting', subject: s }, await sections(ctx.db, p, m));
	return { userId: p.id, to, ...parts, unsubscribeUrl: frame.unsubscribeKind, ics: { method: 'REQUEST', body: ics(ctx, p, to, s, 'REQUEST', sequence) } };
}

/**
 * Sends a new version of every invitation whose meeting changed since it was
 * sent, and a cancellation for every cancelled one. The version moves only
 * from the one this scan read, so two schedulers cannot both send it.
 */
export async function invitationChanges(ctx: NotifyContext): Promise<number> {
	const rows = await standingInvitations(ctx.db, new Date(ctx.now().getTime() - 24 * 3600_000));
	let sent = 0;
	for (const r of rows) {
		const cancelled = r.status === 'cancelled';
		const print = fingerprint(r);
		if (!cancelled && print === r.fingerprint) continue;
		const p = await person(ctx.db, r.user_id);
		const to = p && mailTo(ctx, p, 'meeting');
		const now = ctx.now();
		await ctx.db.transaction().execute(async (tx) => {
			const moved = await moveInvitation(tx, { meetingId: r.meeting_id, userId: r.user_id, from: r.sequence, fingerprint: print, cancelled }, now);
			if (!moved || !p || !to) return;
			const s = (await describe(tx, [{ subject_type: 'meeting', subject_id: r.meeting_id }], p.locale, null)).get(
				refKey({ subject_type: 'meeting', subject_id: r.meeting_id })
			);
			if (!s) return;
			const w = WORDS[p.locale];
			const v = { t: s.title, d: s.date ?? '' };
			const frame = {
				locale: p.locale,
				origin: ctx.config.origin,
				unsubscribeKind: unsubscribeUrl(ctx, p, 'meeting'),
				unsubscribeAll: unsubscribeUrl(ctx, p, 'all')
			};
			const parts = singleMail(frame, { kind: 'meeting', subject: s }, [], {
				subject: fill(cancelled ? w.cancelledSubject : w.updatedSubject, v),
				line: fill(cancelled ? w.cancelledLine : w.updatedLine, v)
			});
			const method = cancelled ? 'CANCEL' : 'REQUEST';
			await enqueueMail(
				tx,
				{
					dedupeKey: `invite:${r.meeting_id}:${r.user_id}:${r.sequence + 1}`,
					userId: p.id,
					to,
					...parts,
					unsubscribeUrl: frame.unsubscribeKind,
					ics: { method, body: ics({ ...ctx, db: tx }, p, to, s, method, r.sequence + 1) },
					notBefore: afterQuiet(now, p.pref.quiet_from, p.pref.quiet_to)
				},
				now
			);
			sent++;
		});
	}
	if (sent) log.info('notifications.invitations_changed', { count: sent });
	return sent;
}
